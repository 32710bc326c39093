package plenary.ui;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static plenary.ui.RoomBrowsing.assertAccessible;
import static plenary.ui.RoomBrowsing.eventually;
import static plenary.ui.RoomBrowsing.openPanel;
import static plenary.ui.RoomBrowsing.shot;
import static plenary.ui.RoomBrowsing.textContent;

/**
 * A rapporteur, who has no chair console, reopens an agreed paragraph from its side panel with the
 * keyboard alone: from the read-only paragraph in the live view, its "Open the paragraph's panel"
 * button, then "Reopen for negotiation". The paragraph becomes editable in the live view. A
 * delegate's panel shows the status without a control to change it; the delegate's page shows the
 * new status and hears the reopening in the room's polite live region. Headings carry no status
 * badge in either view.
 */
@Tag("browser")
@ResourceLock(BrowserLock.NAME)
class ReopenFromPanelBrowserTest {
    private static final By HEADING_BADGES = By.cssSelector(".clause--heading .badge");
    private static final By STATUS_LINE = By.cssSelector("#room-panel .clause-panel__status");
    private static final By STATUS_BUTTONS = By.cssSelector("#room-panel .clause-panel__status-block button");

    private static DemoServer demo;
    private static Browser rapporteur;
    private static Browser graz;
    private static String documentId;
    private static String clauseId;

    @BeforeAll
    static void start() throws Exception {
        demo = DemoServer.shared();
        rapporteur = demo.signedIn("rapporteur");
        graz = demo.signedIn("graz");
        documentId = demo.rest.sampleDocument("chair");
        clauseId = demo.rest.operative("chair", documentId, "1").get("id").asText();
        // Agreed earlier in the session, by the chair.
        demo.rest.setClauseStatus(documentId, clauseId, "agreed");
    }

    @AfterAll
    static void stop() throws Exception {
        demo.close();
    }

    private static String serverText() {
        return demo.rest.operative("chair", documentId, "1").get("text").asText();
    }

    private static WebElement focusedIn(Browser browser) {
        return browser.driver.switchTo().activeElement();
    }

    private static void press(Browser browser, CharSequence... keys) {
        new Actions(browser.driver).sendKeys(keys).perform();
    }

    @Test
    void aRapporteurReopensAnAgreedParagraphFromItsPanelByKeyboardAndADelegateHearsIt() {
        // The delegate's panel: the status, read-only.
        openPanel(graz, clauseId, "Paragraph 1");
        eventually(graz, d -> d.findElement(STATUS_LINE).getText().equals("Status: agreed"));
        assertTrue(graz.driver.findElements(STATUS_BUTTONS).isEmpty(), "no status control for a delegate");
        assertTrue(textContent(graz, "#room-panel .clause-panel__status-block").contains(
                "Agreed text cannot change until the chair or a rapporteur reopens it for negotiation."));
        assertEquals(List.of(), graz.driver.findElements(HEADING_BADGES), "headings carry no status in the read view");

        // The rapporteur's live view: the agreed paragraph is read-only and points to its panel.
        rapporteur.waitFor(By.cssSelector(".live-toggle")).click();
        WebElement text = rapporteur.waitFor(By.id("live-text-" + clauseId));
        eventually(rapporteur, d -> "true".equals(d.findElement(By.id("live-text-" + clauseId)).getAttribute("readonly")));
        String note = rapporteur.waitFor(By.id("live-note-" + clauseId)).getText();
        assertTrue(note.endsWith("the chair or a rapporteur first reopens it with “Reopen for negotiation” in the paragraph’s panel."), note);
        assertTrue(rapporteur.driver.findElements(HEADING_BADGES).stream().noneMatch(WebElement::isDisplayed),
                "headings carry no status in the live view");

        // Keyboard only from here: from the text box back to the button beside the note, into the panel.
        text.click();
        new Actions(rapporteur.driver).keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
        assertEquals("Open the paragraph’s panel: Operative paragraph 1",
                focusedIn(rapporteur).getDomProperty("textContent"), "named after its paragraph");
        press(rapporteur, Keys.ENTER);
        eventually(rapporteur, d -> focusedIn(rapporteur).getDomAttribute("class").contains("clause-panel__heading")
                && focusedIn(rapporteur).getText().equals("Paragraph 1"));
        assertEquals("Status: agreed", rapporteur.driver.findElement(STATUS_LINE).getText());
        press(rapporteur, Keys.TAB);
        WebElement reopen = focusedIn(rapporteur);
        assertEquals("Reopen for negotiation", reopen.getText());
        assertTrue(textContent(rapporteur, "#" + reopen.getDomAttribute("aria-describedby"))
                .startsWith("Agreed text cannot change"), "the button is described by why it is needed");
        shot(rapporteur, By.cssSelector("#room-panel .clause-panel__head"), "panel-reopen-agreed");
        assertAccessible(rapporteur, "the live view with an agreed paragraph's panel");
        press(rapporteur, Keys.ENTER);

        // The status comes back over the socket: the focus lands on it and the paragraph is editable.
        eventually(rapporteur, d -> focusedIn(rapporteur).getText().equals("Status: bracketed"));
        eventually(rapporteur, d -> d.findElement(By.id("live-text-" + clauseId)).getAttribute("readonly") == null);
        assertFalse(rapporteur.driver.findElement(By.id("live-note-" + clauseId)).isDisplayed());
        assertEquals(List.of("Mark as agreed ad ref", "Mark as agreed"),
                rapporteur.driver.findElements(STATUS_BUTTONS).stream().map(WebElement::getText).toList());

        // The delegate sees and hears it, and still gets no control.
        eventually(graz, d -> textContent(graz, "#clause-" + clauseId + " .badge").equals("Status: bracketed"));
        eventually(graz, d -> d.findElement(STATUS_LINE).getText().equals("Status: bracketed"));
        eventually(graz, d -> textContent(graz, "article.room > [role='status']")
                .equals("Paragraph 1 was reopened for negotiation (it was agreed)."));
        assertTrue(graz.driver.findElements(STATUS_BUTTONS).isEmpty(), "still no status control for a delegate");
        assertAccessible(graz, "a delegate's panel of a reopened paragraph");

        // Editable again: the rapporteur's typing reaches the server.
        String original = serverText();
        WebElement editable = rapporteur.driver.findElement(By.id("live-text-" + clauseId));
        editable.click();
        editable.sendKeys(Keys.chord(Keys.CONTROL, Keys.END), " REOPENED");
        rapporteur.waitUntil(d -> serverText().equals(original + " REOPENED"));
    }
}
