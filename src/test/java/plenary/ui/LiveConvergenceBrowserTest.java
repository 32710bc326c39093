package plenary.ui;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two people in two real browsers type into the same paragraph at once, at its two ends: both
 * screens end with the same text holding both edits, and so does the server.
 */
@Tag("browser")
@Isolated
class LiveConvergenceBrowserTest {
    private static DemoServer demo;
    private static Browser chair;
    private static Browser rapporteur;

    @BeforeAll
    static void start() throws Exception {
        demo = DemoServer.shared();
        chair = demo.signedIn("chair");
        rapporteur = demo.signedIn("rapporteur");
    }

    @AfterAll
    static void stop() throws Exception {
        demo.close();
    }

    @Test
    void twoSessionsTypingInOneParagraphConverge() {
        String documentUrl = chair.driver.getCurrentUrl();
        rapporteur.go(documentUrl);
        rapporteur.waitFor(By.cssSelector("article.document h1"));
        WebElement first = chair.driver.findElements(By.cssSelector(".clause--operative")).getFirst();
        String clauseId = first.getAttribute("data-clause-id");
        By text = By.id("live-text-" + clauseId);
        for (Browser b : List.of(chair, rapporteur)) {
            b.waitFor(By.cssSelector(".live-toggle")).click();
            b.waitFor(text);
        }
        WebElement chairText = chair.driver.findElement(text);
        WebElement rapporteurText = rapporteur.driver.findElement(text);
        String before = chairText.getAttribute("value");

        chairText.click();
        // Ctrl+End and Ctrl+Home: the ends of the text, not of the wrapped line the caret is on.
        chairText.sendKeys(Keys.chord(Keys.CONTROL, Keys.END), " ALPHA");
        rapporteurText.click();
        rapporteurText.sendKeys(Keys.chord(Keys.CONTROL, Keys.HOME), "BETA ");
        chairText.sendKeys(" GAMMA");

        for (Browser b : List.of(chair, rapporteur)) {
            b.waitUntil(d -> {
                String v = d.findElement(text).getAttribute("value");
                return v.contains("ALPHA") && v.contains("BETA") && v.contains("GAMMA");
            });
        }
        chair.waitUntil(d -> d.findElement(text).getAttribute("value")
                .equals(rapporteur.driver.findElement(text).getAttribute("value")));
        String converged = chairText.getAttribute("value");
        assertTrue(converged.startsWith("BETA "), converged);
        assertTrue(converged.endsWith(" ALPHA GAMMA"), converged);
        assertEquals("BETA " + before + " ALPHA GAMMA", converged, "both edits, neither lost nor doubled");
        chair.screenshot("live-two-sessions-chair");
        rapporteur.screenshot("live-two-sessions-rapporteur");
    }
}
