package plenary.ui;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import plenary.http.RunningServer;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 8's done-when: a delegate selects words in a paragraph and tables a change to them; the
 * rapporteur, in another browser, sees the amendment with its word diff in the clause panel and
 * accepts it; a third person, open throughout, sees the paragraph change live, and so does the
 * delegate. On the way a second delegation co-sponsors it, takes a position and comments.
 */
class TablingBrowserTest {
    @TempDir
    static Path dir;

    private static RunningServer server;
    private static String base;
    private static Browser graz;
    private static Browser rapporteur;
    private static Browser gwangju;

    @BeforeAll
    static void start() throws Exception {
        server = RunningServer.start(dir.resolve("data"), "--demo");
        base = "http://127.0.0.1:" + server.port() + "/";
        graz = PanelBrowsing.signedIn(dir.resolve("graz"), base, "graz");
        rapporteur = PanelBrowsing.signedIn(dir.resolve("rapporteur"), base, "rapporteur");
        gwangju = PanelBrowsing.signedIn(dir.resolve("gwangju"), base, "gwangju");
    }

    @AfterAll
    static void stop() throws Exception {
        for (Browser b : new Browser[]{graz, rapporteur, gwangju}) {
            if (b != null) {
                b.close();
            }
        }
        server.close();
    }

    @Test
    void aDelegateTablesSelectedWordsAndTheRapporteurAcceptsThemLive() {
        String documentId;
        String clauseId;
        String before;
        try (PanelRest chair = new PanelRest(server.port(), "chair")) {
            documentId = chair.sampleDocument();
            JsonNode op1 = chair.operative(documentId, "1");
            clauseId = op1.get("id").asText();
            before = op1.get("text").asText();
            chair.openTabling(documentId);
        }
        assertTrue(before.contains(" binding "), before);
        String expected = before.replaceFirst(" binding ", " enforceable ");
        By op1Text = By.cssSelector("#clause-" + clauseId + " .clause__text");
        for (Browser b : List.of(graz, rapporteur, gwangju)) {
            PanelBrowsing.openDocument(b, base, documentId);
            // A page that reloads loses this; the live change must arrive without one.
            ((JavascriptExecutor) b.driver).executeScript("window.__stayedOpen = true;");
        }

        // The delegate selects a word in the paragraph as it reads, and the panel offers to change it.
        WebElement panel = PanelBrowsing.openPanel(graz, clauseId, "Paragraph 1");
        graz.waitUntil(d -> panel.findElement(By.cssSelector(".clause-panel__tabling")).isDisplayed());
        PanelBrowsing.selectWords(graz, clauseId, "binding");
        graz.waitUntil(d -> panel.findElement(By.cssSelector(".words-chosen")).getText().equals("Words to change: “binding”"));
        panel.findElement(By.name("replacement")).sendKeys("enforceable");
        panel.findElement(By.cssSelector(".words-form textarea[name=rationale]")).sendKeys("Binding is vague; enforceable is testable.");
        graz.screenshot("tabling-graz-words-chosen");
        panel.findElement(By.cssSelector(".words-form button[value=table]")).click();

        graz.waitUntil(d -> !d.findElements(By.cssSelector("#room-panel .amendment-card--tabled")).isEmpty());
        WebElement grazCard = graz.driver.findElement(By.cssSelector("#room-panel .amendment-card--tabled"));
        String amendmentId = grazCard.getAttribute("data-amendment-id");
        assertEquals("Tabled", grazCard.findElement(By.cssSelector(".state")).getText());
        assertEquals(grazCard.findElement(By.tagName("h4")), graz.driver.switchTo().activeElement(), "the focus lands on the new amendment");
        assertTrue(grazCard.findElements(By.cssSelector("[data-action=withdraw]")).size() == 1, "the sponsor may withdraw");
        assertTrue(grazCard.findElements(By.cssSelector("[data-action=cosponsor]")).isEmpty(), "not co-sponsor of its own");
        try (PanelRest rest = new PanelRest(server.port(), "graz")) {
            JsonNode tabled = StreamSupport.stream(rest.amendments(documentId).spliterator(), false)
                    .filter(a -> a.get("id").asText().equals(amendmentId)).findFirst().orElseThrow();
            assertEquals(expected, tabled.get("text").asText());
            assertEquals("tabled", tabled.get("state").asText());
            assertEquals("City of Graz", tabled.get("sponsor").asText());
        }
        graz.screenshot("tabling-graz-tabled");
        assertEquals(List.of(), graz.accessibilityViolations(), "axe on the delegate's panel");

        // Another delegation co-sponsors it, takes a position in the straw poll and comments with a stance.
        PanelBrowsing.openPanel(gwangju, clauseId, "Paragraph 1");
        WebElement gwangjuCard = PanelBrowsing.card(gwangju, amendmentId);
        assertEquals("[deleted: binding]", gwangjuCard.findElement(By.cssSelector(".word-diff del")).getAttribute("textContent"));
        gwangjuCard.findElement(By.cssSelector("[data-action=cosponsor]")).click();
        gwangju.waitUntil(d -> PanelBrowsing.card(gwangju, amendmentId).getText().contains("Gwangju Metropolitan City"));
        assertTrue(PanelBrowsing.card(gwangju, amendmentId).findElements(By.cssSelector("[data-action=cosponsor]")).isEmpty(),
                "a co-sponsor is not offered to co-sponsor again");
        WebElement support = PanelBrowsing.card(gwangju, amendmentId).findElement(By.xpath(".//button[normalize-space()='Support']"));
        assertEquals("false", support.getAttribute("aria-pressed"));
        support.click();
        gwangju.waitUntil(d -> "true".equals(PanelBrowsing.card(gwangju, amendmentId)
                .findElement(By.xpath(".//button[normalize-space()='Support']")).getAttribute("aria-pressed")));
        assertTrue(PanelBrowsing.card(gwangju, amendmentId).findElement(By.cssSelector(".tally")).getText().contains("1 support"));

        WebElement clauseComments = gwangju.driver.findElement(By.cssSelector("#room-panel .comments--clause"));
        new Select(clauseComments.findElement(By.name("stance"))).selectByVisibleText("Opposes");
        clauseComments.findElement(By.name("body")).sendKeys("Gwangju would rather keep the paragraph short.");
        clauseComments.findElement(By.cssSelector("button[type=submit]")).click();
        gwangju.waitUntil(d -> !d.findElements(By.cssSelector("#room-panel .comments--clause .comment")).isEmpty());
        WebElement comment = gwangju.driver.findElement(By.cssSelector("#room-panel .comments--clause .comment"));
        assertTrue(comment.getText().contains("Opposes"), comment.getText());
        assertTrue(comment.getText().contains("(Gwangju Metropolitan City)"), comment.getText());
        assertEquals("auto", comment.findElement(By.cssSelector(".comment__body")).getAttribute("dir"));
        gwangju.screenshot("tabling-gwangju-cosponsored-and-commented");
        assertEquals(List.of(), gwangju.accessibilityViolations(), "axe on the second delegate's panel");

        // The rapporteur sees the amendment with its word diff, and accepts it.
        PanelBrowsing.openPanel(rapporteur, clauseId, "Paragraph 1");
        WebElement rapporteurCard = PanelBrowsing.card(rapporteur, amendmentId);
        rapporteur.waitUntil(d -> PanelBrowsing.card(rapporteur, amendmentId).getText().contains("Gwangju Metropolitan City"));
        assertEquals("[inserted: enforceable]", rapporteurCard.findElement(By.cssSelector(".word-diff ins")).getAttribute("textContent"));
        assertEquals("[deleted: binding]", rapporteurCard.findElement(By.cssSelector(".word-diff del")).getAttribute("textContent"));
        assertTrue(rapporteurCard.findElements(By.cssSelector("[data-action=withdraw], [data-action=cosponsor]")).isEmpty());
        assertTrue(rapporteur.driver.findElements(By.cssSelector("#room-panel .clause-panel__tabling")).isEmpty(),
                "the rapporteur tables nothing");
        rapporteur.screenshot("tabling-rapporteur-sees-diff");
        assertEquals(List.of(), rapporteur.accessibilityViolations(), "axe on the rapporteur's panel");
        rapporteurCard.findElement(By.cssSelector("[data-action=accept]")).click();

        // Everyone's paragraph changes live, without a reload.
        for (Browser b : List.of(rapporteur, gwangju, graz)) {
            b.waitUntil(d -> d.findElement(op1Text).getText().contains("into enforceable commitments"));
            assertFalse(b.driver.findElement(op1Text).getText().contains("binding"));
            assertEquals(Boolean.TRUE, ((JavascriptExecutor) b.driver).executeScript("return window.__stayedOpen === true;"),
                    "the page was not reloaded");
        }
        rapporteur.waitUntil(d -> d.findElement(By.cssSelector("#room-panel .clause-panel__decided summary")).getText()
                .equals("Decided amendments (1)"));
        graz.waitUntil(d -> d.findElement(By.cssSelector("#room-panel .clause-panel__text")).getText().contains("enforceable"));
        rapporteur.screenshot("tabling-rapporteur-accepted");
        gwangju.screenshot("tabling-gwangju-sees-live-change");
        graz.screenshot("tabling-graz-sees-live-change");
        assertEquals(List.of(), graz.accessibilityViolations(), "axe after the change");
    }
}
