package plenary.ui;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static plenary.ui.RoomBrowsing.assertAccessible;
import static plenary.ui.RoomBrowsing.card;
import static plenary.ui.RoomBrowsing.cardText;
import static plenary.ui.RoomBrowsing.eventually;
import static plenary.ui.RoomBrowsing.openDocument;
import static plenary.ui.RoomBrowsing.openPanel;
import static plenary.ui.RoomBrowsing.selectWords;
import static plenary.ui.RoomBrowsing.textContent;

/**
 * Issue 8's done-when: a delegate selects words in a paragraph and tables a change to them; the
 * rapporteur, in another browser, sees the amendment with its word diff in the clause panel and
 * accepts it; a third person, open throughout, sees the paragraph change live, and so does the
 * delegate. On the way a second delegation co-sponsors it, takes a position and comments.
 */
@Tag("browser")
@ResourceLock(BrowserLock.NAME)
class TablingBrowserTest {
    private static DemoServer demo;
    private static Browser graz;
    private static Browser rapporteur;
    private static Browser gwangju;

    @BeforeAll
    static void start() throws Exception {
        demo = DemoServer.shared();
        graz = demo.signedIn("graz");
        rapporteur = demo.signedIn("rapporteur");
        gwangju = demo.signedIn("gwangju");
    }

    @AfterAll
    static void stop() throws Exception {
        demo.close();
    }

    @Test
    void aDelegateTablesSelectedWordsAndTheRapporteurAcceptsThemLive() {
        String documentId = demo.rest.sampleDocument("chair");
        JsonNode op1 = demo.rest.operative("chair", documentId, "1");
        String clauseId = op1.get("id").asText();
        String before = op1.get("text").asText();
        demo.rest.openTabling(documentId);
        assertTrue(before.contains(" binding "), before);
        String expected = before.replaceFirst(" binding ", " enforceable ");
        String op1Css = "#clause-" + clauseId + " .clause__text";
        for (Browser b : List.of(graz, rapporteur, gwangju)) {
            openDocument(b, demo.base, documentId);
            // A page that reloads loses this; the live change must arrive without one.
            ((JavascriptExecutor) b.driver).executeScript("window.__stayedOpen = true;");
        }

        // The delegate selects a word in the paragraph as it reads, and the panel offers to change it.
        WebElement panel = openPanel(graz, clauseId, "Paragraph 1");
        eventually(graz, d -> panel.findElement(By.cssSelector(".clause-panel__tabling")).isDisplayed());
        selectWords(graz, clauseId, "binding");
        eventually(graz, d -> panel.findElement(By.cssSelector(".words-chosen")).getText().equals("Words to change: “binding”"));
        panel.findElement(By.name("replacement")).sendKeys("enforceable");
        panel.findElement(By.cssSelector(".words-form textarea[name=rationale]")).sendKeys("Binding is vague; enforceable is testable.");
        graz.screenshot("tabling-graz-words-chosen");
        panel.findElement(By.cssSelector(".words-form button[value=table]")).click();

        eventually(graz, d -> !d.findElements(By.cssSelector("#room-panel .amendment-card--tabled")).isEmpty());
        String amendmentId = graz.driver.findElement(By.cssSelector("#room-panel .amendment-card--tabled")).getAttribute("data-amendment-id");
        eventually(graz, d -> d.switchTo().activeElement().equals(card(graz, amendmentId).findElement(By.tagName("h4"))));
        assertEquals("Tabled", cardText(graz, amendmentId, ".state"));
        assertEquals("Withdraw", cardText(graz, amendmentId, "[data-action=withdraw]"), "the sponsor may withdraw");
        assertEquals("", cardText(graz, amendmentId, "[data-action=cosponsor]"), "no co-sponsoring its own");
        JsonNode tabled = demo.rest.amendment("graz", documentId, amendmentId);
        assertEquals(expected, tabled.get("text").asText());
        assertEquals("tabled", tabled.get("state").asText());
        assertEquals("City of Graz", tabled.get("sponsor").asText());
        // The card names it by the number it got when tabled, as the compilation and the vote form do.
        assertTrue(tabled.get("number").asInt() > 0, tabled.toString());
        eventually(graz, d -> ("A" + tabled.get("number").asInt()).equals(cardText(graz, amendmentId, ".amendment-card__number").strip()));
        graz.screenshot("tabling-graz-tabled");
        assertAccessible(graz, "the delegate's panel");

        // Another delegation co-sponsors it, takes a position in the straw poll and comments with a stance.
        openPanel(gwangju, clauseId, "Paragraph 1");
        WebElement gwangjuCard = card(gwangju, amendmentId);
        assertEquals("deleted: binding end of change", gwangjuCard.findElement(By.cssSelector(".word-diff del")).getAttribute("textContent").strip());
        gwangjuCard.findElement(By.cssSelector("[data-action=cosponsor]")).click();
        eventually(gwangju, d -> card(gwangju, amendmentId).getText().contains("Gwangju Metropolitan City"));
        assertTrue(card(gwangju, amendmentId).findElements(By.cssSelector("[data-action=cosponsor]")).isEmpty(),
                "a co-sponsor is not offered to co-sponsor again");
        WebElement support = card(gwangju, amendmentId).findElement(By.xpath(".//button[normalize-space()='Support']"));
        assertEquals("false", support.getAttribute("aria-pressed"));
        support.click();
        eventually(gwangju, d -> "true".equals(card(gwangju, amendmentId)
                .findElement(By.xpath(".//button[normalize-space()='Support']")).getAttribute("aria-pressed")));
        assertTrue(cardText(gwangju, amendmentId, ".tally").contains("1 support"));

        WebElement clauseComments = gwangju.driver.findElement(By.cssSelector("#room-panel .comments--clause"));
        new Select(clauseComments.findElement(By.name("stance"))).selectByVisibleText("Opposes");
        clauseComments.findElement(By.name("body")).sendKeys("Gwangju would rather keep the paragraph short.");
        clauseComments.findElement(By.cssSelector("button[type=submit]")).click();
        eventually(gwangju, d -> !d.findElements(By.cssSelector("#room-panel .comments--clause .comment")).isEmpty());
        String comment = textContent(gwangju, "#room-panel .comments--clause .comment");
        assertTrue(comment.contains("Opposes"), comment);
        assertTrue(comment.contains("(Gwangju Metropolitan City)"), comment);
        assertEquals("auto", gwangju.driver.findElement(By.cssSelector("#room-panel .comments--clause .comment__body")).getAttribute("dir"));
        gwangju.screenshot("tabling-gwangju-cosponsored-and-commented");
        assertAccessible(gwangju, "the second delegate's panel");

        // The rapporteur sees the amendment with its word diff, and accepts it.
        openPanel(rapporteur, clauseId, "Paragraph 1");
        eventually(rapporteur, d -> card(rapporteur, amendmentId).getText().contains("Gwangju Metropolitan City"));
        assertEquals("inserted: enforceable end of change", cardText(rapporteur, amendmentId, ".word-diff ins").strip());
        assertEquals("deleted: binding end of change", cardText(rapporteur, amendmentId, ".word-diff del").strip());
        assertEquals("", cardText(rapporteur, amendmentId, "[data-action=withdraw], [data-action=cosponsor]"));
        assertTrue(rapporteur.driver.findElements(By.cssSelector("#room-panel .clause-panel__tabling")).isEmpty(),
                "the rapporteur tables nothing");
        rapporteur.screenshot("tabling-rapporteur-sees-diff");
        assertAccessible(rapporteur, "the rapporteur's panel");
        card(rapporteur, amendmentId).findElement(By.cssSelector("[data-action=accept]")).click();

        // Everyone's paragraph changes live, without a reload.
        for (Browser b : List.of(rapporteur, gwangju, graz)) {
            eventually(b, d -> textContent(b, op1Css).contains("into enforceable commitments"));
            assertFalse(textContent(b, op1Css).contains("binding"));
            assertEquals(Boolean.TRUE, ((JavascriptExecutor) b.driver).executeScript("return window.__stayedOpen === true;"),
                    "the page was not reloaded");
        }
        eventually(rapporteur, d -> textContent(rapporteur, "#room-panel .clause-panel__decided summary")
                .equals("Decided amendments (1)"));
        eventually(graz, d -> textContent(graz, "#room-panel .clause-panel__text").contains("enforceable"));
        rapporteur.screenshot("tabling-rapporteur-accepted");
        gwangju.screenshot("tabling-gwangju-sees-live-change");
        graz.screenshot("tabling-graz-sees-live-change");
        assertAccessible(graz, "the delegate's panel after the change");
    }
}
