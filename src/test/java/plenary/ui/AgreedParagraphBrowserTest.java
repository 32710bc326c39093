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
import org.openqa.selenium.support.ui.Select;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static plenary.ui.RoomBrowsing.assertAccessible;
import static plenary.ui.RoomBrowsing.eventually;
import static plenary.ui.RoomBrowsing.shot;
import static plenary.ui.RoomBrowsing.textContent;
import static plenary.ui.RoomBrowsing.waitForText;

/**
 * A rapporteur edits live while the chair agrees paragraph 1 in the console: the rapporteur's live
 * view shows the new status and makes the paragraph read-only, with a note on why and how it
 * reopens, and typing there sends nothing. Then the race: an edit typed just before the status
 * reached the rapporteur's page is refused by the server (paragraph-agreed), taken back, and the
 * rapporteur is told why. Reopened by the chair, the paragraph can be edited again.
 *
 * <p>How the race is made to happen every time: the rapporteur's page gets a WebSocket that can
 * hold back the frames the server sends, as a slow downlink would ({@link HeldFrames}). With
 * frames held, the chair agrees the paragraph (over REST, answered once committed); the page still
 * believes it bracketed, so the typing is sent, and the real server refuses it. Once that refusal
 * is among the held frames, they are delivered in the order they came: the status, then the
 * refusal.
 */
@Tag("browser")
@ResourceLock(BrowserLock.NAME)
class AgreedParagraphBrowserTest {
    private static DemoServer demo;
    private static Browser chair;
    private static Browser rapporteur;
    private static String documentId;
    private static String clauseId;

    @BeforeAll
    static void start() throws Exception {
        demo = DemoServer.shared();
        chair = demo.signedIn("chair");
        rapporteur = demo.signedIn("rapporteur");
        HeldFrames.install(rapporteur);
        rapporteur.driver.navigate().refresh();
        rapporteur.waitFor(By.cssSelector(".live-bar[data-status='online']"));
        documentId = demo.rest.sampleDocument("chair");
        clauseId = demo.rest.operative("chair", documentId, "1").get("id").asText();
        chair.waitFor(By.linkText("Chair console")).click();
        chair.waitFor(By.cssSelector(".chair-console"));
    }

    @AfterAll
    static void stop() throws Exception {
        demo.close();
    }

    /** The chair sets the paragraph's status in the console and waits for the console to show it. */
    private static void setInConsole(String status, String label) {
        new Select(chair.waitFor(By.id("chair-status-" + clauseId))).selectByValue(status);
        chair.waitFor(By.cssSelector("[data-focus='chair-status-" + clauseId + "-set']")).click();
        By badge = By.cssSelector(".chair-statuses tr[data-clause-id='" + clauseId + "'] .badge");
        eventually(chair, d -> d.findElement(badge).getText().equals(label));
    }

    private static String serverText() {
        return demo.rest.operative("chair", documentId, "1").get("text").asText();
    }

    @Test
    void anAgreedParagraphIsReadOnlyLiveAndAnEditThatRacedTheDecisionIsRefusedWithTheReason() {
        rapporteur.waitFor(By.cssSelector(".live-toggle")).click();
        By clause = By.cssSelector(".live-clause[data-clause-id='" + clauseId + "']");
        By textBox = By.id("live-text-" + clauseId);
        By note = By.id("live-note-" + clauseId);
        WebElement text = rapporteur.waitFor(textBox);
        String original = text.getAttribute("value");
        assertNull(text.getAttribute("readonly"), "bracketed: editable");

        // The chair agrees it; the rapporteur's live view follows without a reload.
        setInConsole("agreed", "agreed");
        eventually(rapporteur, d -> "agreed".equals(d.findElement(clause).getAttribute("data-status")));
        assertTrue(textContent(rapporteur, ".live-clause[data-clause-id='" + clauseId + "'] .badge").contains("agreed"));
        assertEquals("true", text.getAttribute("readonly"));
        assertEquals("true", text.getAttribute("aria-readonly"));
        String why = rapporteur.waitFor(note).getText();
        assertTrue(why.startsWith("This paragraph is agreed: its text, place and kind cannot be edited."), why);
        assertTrue(why.contains("reopens it with “Reopen for negotiation” in the paragraph’s panel"), why);
        assertTrue(text.getAttribute("aria-describedby").contains("live-note-" + clauseId), "the note describes the text box");
        assertEquals("true", rapporteur.driver.findElement(clause).findElement(By.cssSelector("[data-action='delete']"))
                .getAttribute("aria-disabled"), "no deleting it either");

        // Typing there changes nothing and sends nothing (key events are handled before perform() returns).
        long sent = HeldFrames.submits(rapporteur);
        text.click();
        new Actions(rapporteur.driver).sendKeys(Keys.END, " NOT SENT").perform();
        assertEquals(original, text.getAttribute("value"));
        assertEquals(sent, HeldFrames.submits(rapporteur), "no edit sent for an agreed paragraph");
        shot(rapporteur, clause, "live-agreed-read-only");
        assertAccessible(rapporteur, "the live view with an agreed paragraph");

        // Reopened: everyone hears it as a reopening, and the text can be edited again.
        setInConsole("bracketed", "bracketed");
        eventually(rapporteur, d -> d.findElement(textBox).getAttribute("readonly") == null);
        assertFalse(rapporteur.driver.findElement(note).isDisplayed());
        eventually(rapporteur, d -> textContent(rapporteur, "article.room > [role='status']")
                .contains("Paragraph 1 was reopened for negotiation (it was agreed)."));

        // The race: agreed on the server while the status is still on its way to the page.
        HeldFrames.hold(rapporteur);
        demo.rest.setClauseStatus(documentId, clauseId, "agreed");
        text.click();
        text.sendKeys(Keys.chord(Keys.CONTROL, Keys.END), " RACED");
        rapporteur.waitUntil(d -> HeldFrames.holding(rapporteur, "\"paragraph-agreed\""));
        assertEquals(original + " RACED", text.getAttribute("value"), "the page had not heard of the decision yet");
        HeldFrames.release(rapporteur);
        waitForText(rapporteur, By.cssSelector(".live-bar__message"),
                "Paragraph 1 had already been agreed when your change reached the server, so your change was undone.");
        assertTrue(rapporteur.driver.findElement(By.cssSelector(".live-bar__message")).getText()
                .contains("An agreed paragraph can change only once the chair or a rapporteur reopens it"));
        eventually(rapporteur, d -> d.findElement(textBox).getAttribute("value").equals(original));
        assertEquals("true", text.getAttribute("readonly"));
        assertEquals(original, serverText(), "the server refused the edit");
        shot(rapporteur, clause, "live-agreed-edit-refused"); // the sticky live bar above it holds the message
        assertAccessible(rapporteur, "the live view after a refused edit");

        // Reopened again, the rapporteur's typing reaches the server.
        setInConsole("bracketed", "bracketed");
        eventually(rapporteur, d -> d.findElement(textBox).getAttribute("readonly") == null);
        text.click();
        text.sendKeys(Keys.chord(Keys.CONTROL, Keys.END), " REOPENED");
        rapporteur.waitUntil(d -> serverText().equals(original + " REOPENED"));
    }
}
