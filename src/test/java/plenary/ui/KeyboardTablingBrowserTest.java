package plenary.ui;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static plenary.ui.RoomBrowsing.assertAccessible;
import static plenary.ui.RoomBrowsing.card;
import static plenary.ui.RoomBrowsing.cardText;
import static plenary.ui.RoomBrowsing.eventually;
import static plenary.ui.RoomBrowsing.openDocument;

/**
 * Issue 8's done-when "the tabling flow is completed with the keyboard alone": a delegate reaches
 * operative paragraph 1, opens its panel, chooses words, types the change and tables it with Tab,
 * Shift+Tab, arrows, Enter, Space and typed text sent to whatever has the focus, never a click.
 * The page is only read (where the focus is, where the caret is) to know how many keys to press.
 */
@Tag("browser")
@ResourceLock(BrowserLock.NAME)
class KeyboardTablingBrowserTest {
    private static DemoServer demo;
    private static Browser graz;

    @BeforeAll
    static void start() throws Exception {
        demo = DemoServer.shared();
        graz = demo.signedIn("graz");
    }

    @AfterAll
    static void stop() throws Exception {
        demo.close();
    }

    @Test
    void aDelegateTablesAChangeOfWordsWithTheKeyboardAlone() {
        String documentId = demo.rest.sampleDocument("chair");
        JsonNode op1 = demo.rest.operative("chair", documentId, "1");
        String clauseId = op1.get("id").asText();
        String before = op1.get("text").asText();
        demo.rest.openTabling(documentId);
        String expected = before.replaceFirst("binding commitments", "commitments with deadlines");
        openDocument(graz, demo.base, documentId);

        // Tab to paragraph 1's button, and open its panel with Enter.
        tabUntil(Keys.TAB, "the button of paragraph 1", el -> el.getAttribute("class").contains("room-clause__open")
                && clauseId.equals(js("return document.activeElement.closest('[data-clause-id]')?.dataset.clauseId;")));
        press(Keys.ENTER);
        eventually(graz, d -> "Paragraph 1".equals(active().getText()));
        graz.screenshot("keyboard-panel-open");

        // Tab to the paragraph's text, put the caret before "binding" and select the two words with Shift+Right.
        tabUntil(Keys.TAB, "the text to choose words from", el -> "source".equals(el.getAttribute("name")));
        int from = before.indexOf("binding commitments");
        long caret = (Long) js("return document.activeElement.selectionStart;");
        for (long i = caret; i < from; i++) {
            press(Keys.ARROW_RIGHT);
        }
        for (long i = caret; i > from; i--) {
            press(Keys.ARROW_LEFT);
        }
        for (int i = 0; i < "binding commitments".length(); i++) {
            pressWithShift(Keys.ARROW_RIGHT);
        }
        WebElement chosen = graz.driver.findElement(By.cssSelector("#room-panel .words-chosen"));
        eventually(graz, d -> chosen.getText().equals("Words to change: “binding commitments”"));

        // The replacement and a rationale, then past "Save as draft" to "Table now", and Enter.
        press(Keys.TAB);
        assertEquals("replacement", active().getAttribute("name"));
        press("commitments with deadlines");
        press(Keys.TAB);
        assertEquals("rationale", active().getAttribute("name"));
        press("Deadlines make it a commitment.");
        press(Keys.TAB);
        assertEquals("Save as draft", active().getText());
        press(Keys.TAB);
        assertEquals("Table now", active().getText());
        graz.screenshot("keyboard-ready-to-table");
        press(Keys.ENTER);

        // The amendment is there, on the page (where the focus now is) and on the server.
        // Read in one script each: the panel may draw the card again when the room's frame arrives.
        String[] tabledId = new String[1];
        eventually(graz, d -> (tabledId[0] = (String) ((JavascriptExecutor) d).executeScript(
                "return document.querySelector('#room-panel .amendment-card--tabled')"
                        + "?.getAttribute('data-amendment-id') ?? null;")) != null);
        String amendmentId = tabledId[0];
        eventually(graz, d -> active().equals(card(graz, amendmentId).findElement(By.tagName("h4"))));
        assertEquals("binding", cardText(graz, amendmentId, ".word-diff del")
                .replace("deleted:", "").replace("end of change", "").trim());
        String inserted = cardText(graz, amendmentId, ".word-diff ins");
        assertTrue(inserted.contains("with deadlines"), inserted);
        JsonNode tabled = demo.rest.amendment("graz", documentId, amendmentId);
        assertEquals(expected, tabled.get("text").asText());
        assertEquals("tabled", tabled.get("state").asText());
        assertEquals("modify", tabled.get("kind").asText());
        assertEquals("Deadlines make it a commitment.", tabled.get("rationale").asText());
        graz.screenshot("keyboard-tabled");
        assertAccessible(graz, "the panel after tabling");
    }

    private static WebElement active() {
        return graz.driver.switchTo().activeElement();
    }

    /**
     * Keys to whatever has the focus, as a keyboard sends them. (WebElement.sendKeys would first put
     * the caret at the end of a text field, which no keyboard does.)
     */
    private static void press(CharSequence keys) {
        new Actions(graz.driver).sendKeys(keys).perform();
    }

    private static void pressWithShift(Keys key) {
        new Actions(graz.driver).keyDown(Keys.SHIFT).sendKeys(key).keyUp(Keys.SHIFT).perform();
    }

    private static Object js(String script) {
        return ((JavascriptExecutor) graz.driver).executeScript(script);
    }

    private static void tabUntil(CharSequence key, String what, Predicate<WebElement> reached) {
        for (int i = 0; i < 300; i++) {
            press(key);
            if (reached.test(active())) {
                return;
            }
        }
        fail("never reached " + what + " with " + key);
    }
}
