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
        String op1Css = "#clause-" + clauseId + " .clause__text";
        for (Browser b : List.of(graz, rapporteur, gwangju)) {
            PanelBrowsing.openDocument(b, base, documentId);
            // A page that reloads loses this; the live change must arrive without one.
            ((JavascriptExecutor) b.driver).executeScript("window.__stayedOpen = true;");
        }

        // The delegate selects a word in the paragraph as it reads, and the panel offers to change it.
        WebElement panel = PanelBrowsing.openPanel(graz, clauseId, "Paragraph 1");
        PanelBrowsing.eventually(graz, d -> panel.findElement(By.cssSelector(".clause-panel__tabling")).isDisplayed());
        PanelBrowsing.selectWords(graz, clauseId, "binding");
        PanelBrowsing.eventually(graz, d -> panel.findElement(By.cssSelector(".words-chosen")).getText().equals("Words to change: “binding”"));
        panel.findElement(By.name("replacement")).sendKeys("enforceable");
        panel.findElement(By.cssSelector(".words-form textarea[name=rationale]")).sendKeys("Binding is vague; enforceable is testable.");
        graz.screenshot("tabling-graz-words-chosen");
        panel.findElement(By.cssSelector(".words-form button[value=table]")).click();

        PanelBrowsing.eventually(graz, d -> !d.findElements(By.cssSelector("#room-panel .amendment-card--tabled")).isEmpty());
        String amendmentId = graz.driver.findElement(By.cssSelector("#room-panel .amendment-card--tabled")).getAttribute("data-amendment-id");
        PanelBrowsing.eventually(graz, d -> d.switchTo().activeElement().equals(PanelBrowsing.card(graz, amendmentId).findElement(By.tagName("h4"))));
        assertEquals("Tabled", PanelBrowsing.cardText(graz, amendmentId, ".state"));
        assertEquals("Withdraw", PanelBrowsing.cardText(graz, amendmentId, "[data-action=withdraw]"), "the sponsor may withdraw");
        assertEquals("", PanelBrowsing.cardText(graz, amendmentId, "[data-action=cosponsor]"), "no co-sponsoring its own");
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
        assertEquals("deleted: binding end of change", gwangjuCard.findElement(By.cssSelector(".word-diff del")).getAttribute("textContent").strip());
        gwangjuCard.findElement(By.cssSelector("[data-action=cosponsor]")).click();
        PanelBrowsing.eventually(gwangju, d -> PanelBrowsing.card(gwangju, amendmentId).getText().contains("Gwangju Metropolitan City"));
        assertTrue(PanelBrowsing.card(gwangju, amendmentId).findElements(By.cssSelector("[data-action=cosponsor]")).isEmpty(),
                "a co-sponsor is not offered to co-sponsor again");
        WebElement support = PanelBrowsing.card(gwangju, amendmentId).findElement(By.xpath(".//button[normalize-space()='Support']"));
        assertEquals("false", support.getAttribute("aria-pressed"));
        support.click();
        PanelBrowsing.eventually(gwangju, d -> "true".equals(PanelBrowsing.card(gwangju, amendmentId)
                .findElement(By.xpath(".//button[normalize-space()='Support']")).getAttribute("aria-pressed")));
        assertTrue(PanelBrowsing.cardText(gwangju, amendmentId, ".tally").contains("1 support"));

        WebElement clauseComments = gwangju.driver.findElement(By.cssSelector("#room-panel .comments--clause"));
        new Select(clauseComments.findElement(By.name("stance"))).selectByVisibleText("Opposes");
        clauseComments.findElement(By.name("body")).sendKeys("Gwangju would rather keep the paragraph short.");
        clauseComments.findElement(By.cssSelector("button[type=submit]")).click();
        PanelBrowsing.eventually(gwangju, d -> !d.findElements(By.cssSelector("#room-panel .comments--clause .comment")).isEmpty());
        String comment = PanelBrowsing.text(gwangju, "#room-panel .comments--clause .comment");
        assertTrue(comment.contains("Opposes"), comment);
        assertTrue(comment.contains("(Gwangju Metropolitan City)"), comment);
        assertEquals("auto", gwangju.driver.findElement(By.cssSelector("#room-panel .comments--clause .comment__body")).getAttribute("dir"));
        gwangju.screenshot("tabling-gwangju-cosponsored-and-commented");
        assertEquals(List.of(), gwangju.accessibilityViolations(), "axe on the second delegate's panel");

        // The rapporteur sees the amendment with its word diff, and accepts it.
        PanelBrowsing.openPanel(rapporteur, clauseId, "Paragraph 1");
        PanelBrowsing.eventually(rapporteur, d -> PanelBrowsing.card(rapporteur, amendmentId).getText().contains("Gwangju Metropolitan City"));
        assertEquals("inserted: enforceable end of change", PanelBrowsing.cardText(rapporteur, amendmentId, ".word-diff ins").strip());
        assertEquals("deleted: binding end of change", PanelBrowsing.cardText(rapporteur, amendmentId, ".word-diff del").strip());
        assertEquals("", PanelBrowsing.cardText(rapporteur, amendmentId, "[data-action=withdraw], [data-action=cosponsor]"));
        assertTrue(rapporteur.driver.findElements(By.cssSelector("#room-panel .clause-panel__tabling")).isEmpty(),
                "the rapporteur tables nothing");
        rapporteur.screenshot("tabling-rapporteur-sees-diff");
        assertEquals(List.of(), rapporteur.accessibilityViolations(), "axe on the rapporteur's panel");
        PanelBrowsing.card(rapporteur, amendmentId).findElement(By.cssSelector("[data-action=accept]")).click();

        // Everyone's paragraph changes live, without a reload.
        for (Browser b : List.of(rapporteur, gwangju, graz)) {
            PanelBrowsing.eventually(b, d -> PanelBrowsing.text(b, op1Css).contains("into enforceable commitments"));
            assertFalse(PanelBrowsing.text(b, op1Css).contains("binding"));
            assertEquals(Boolean.TRUE, ((JavascriptExecutor) b.driver).executeScript("return window.__stayedOpen === true;"),
                    "the page was not reloaded");
        }
        PanelBrowsing.eventually(rapporteur, d -> PanelBrowsing.text(rapporteur, "#room-panel .clause-panel__decided summary")
                .equals("Decided amendments (1)"));
        PanelBrowsing.eventually(graz, d -> PanelBrowsing.text(graz, "#room-panel .clause-panel__text").contains("enforceable"));
        rapporteur.screenshot("tabling-rapporteur-accepted");
        gwangju.screenshot("tabling-gwangju-sees-live-change");
        graz.screenshot("tabling-graz-sees-live-change");
        assertEquals(List.of(), graz.accessibilityViolations(), "axe after the change");
    }
}
