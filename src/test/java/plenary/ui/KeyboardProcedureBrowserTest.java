package plenary.ui;

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

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static plenary.ui.RoomBrowsing.assertAccessible;
import static plenary.ui.RoomBrowsing.eventually;
import static plenary.ui.RoomBrowsing.focused;
import static plenary.ui.RoomBrowsing.shot;
import static plenary.ui.RoomBrowsing.text;
import static plenary.ui.RoomBrowsing.waitForText;

/**
 * Issue 8's "everything works by keyboard alone, with visible focus", for the procedure: the chair
 * reaches the console from the text, opens voting, calls a two-thirds roll-call vote on a
 * paragraph, opens and closes it and sets a paragraph's status; a delegate registers and votes "No"
 * from the banner; and a delegate breaks silence from the banner before the server concludes the
 * procedure at its deadline. Only keys go to the page (Tab, Shift+Tab, arrows, Enter, typed text,
 * sent to whatever has the focus); the page is read to know where the focus is, and after each
 * step the focused element must be on screen, drawn with a focus indicator, and not the body.
 */
@Tag("browser")
@ResourceLock(BrowserLock.NAME)
class KeyboardProcedureBrowserTest {
    private static DemoServer demo;
    private static String documentId;
    private static Browser chair;
    private static Browser graz;

    private static final By CONSOLE = By.cssSelector(".chair-console");
    private static final By VOTE_BANNER = By.cssSelector(".banner--vote");
    private static final By SILENCE_BANNER = By.cssSelector(".banner--silence");

    @BeforeAll
    static void start() throws Exception {
        demo = DemoServer.shared();
        documentId = demo.rest.sampleDocument("chair");
        chair = demo.signedIn("chair");
        graz = demo.signedIn("graz");
    }

    @AfterAll
    static void stop() throws Exception {
        demo.close();
    }

    @Test
    void theChairRunsARollCallVoteAndADelegateVotesWithTheKeyboardAlone() {
        String op1 = demo.rest.operative("chair", documentId, "1").get("id").asText();
        String op2 = demo.rest.operative("chair", documentId, "2").get("id").asText();

        RoomBrowsing.openDocument(chair, demo.base, documentId);
        // The chair, in the text view, tabs to the console's tab and follows it with Enter.
        tabUntil(chair, "the Chair console tab", el -> "a".equalsIgnoreCase(el.getTagName()) && el.getText().equals("Chair console"));
        assertFocusShows(chair, "the Chair console tab");
        press(chair, Keys.ENTER);
        chair.waitFor(CONSOLE);
        eventually(chair, d -> "Chair console".equals(active(chair).getText()));
        assertFocusShows(chair, "the console's heading");
        chair.screenshot("keyboard-chair-console");

        // Open voting: the Close button takes the place (and the focus) of the Open button.
        tabUntil(chair, "Open voting", el -> el.getText().equals("Open voting"));
        assertFocusShows(chair, "Open voting");
        press(chair, Keys.ENTER);
        eventually(chair, d -> "phase-voting".equals(focused(chair)) && active(chair).getText().equals("Close voting"));
        assertFocusShows(chair, "Close voting");

        // The call: subject "a paragraph" with the arrow keys, operative paragraph 1, the question,
        // a two-thirds majority, a roll-call ballot; then the submit button and Enter.
        tabUntil(chair, "the subject radios", el -> "vote-subject-document".equals(el.getAttribute("id")));
        assertFocusShows(chair, "the subject radios");
        press(chair, Keys.ARROW_DOWN);
        eventually(chair, d -> "vote-subject-clause".equals(active(chair).getAttribute("id")) && active(chair).isSelected());
        assertFocusShows(chair, "the radio \"a paragraph\"");
        press(chair, Keys.TAB);
        assertEquals("vote-clause", active(chair).getAttribute("id"), "the paragraph select follows its radio");
        chooseOption(chair, op1);
        assertFocusShows(chair, "the paragraph select");
        press(chair, Keys.TAB);
        assertEquals("vote-question", active(chair).getAttribute("id"));
        press(chair, "Shall paragraph 1 stand as drafted?");
        assertFocusShows(chair, "the question");
        press(chair, Keys.TAB);
        assertEquals("vote-majority", active(chair).getAttribute("id"));
        chooseOption(chair, "two-thirds");
        assertFocusShows(chair, "the majority select");
        press(chair, Keys.TAB);
        assertEquals("vote-ballot-open", active(chair).getAttribute("id"));
        press(chair, Keys.ARROW_DOWN);
        eventually(chair, d -> "vote-ballot-roll-call".equals(active(chair).getAttribute("id")) && active(chair).isSelected());
        assertFocusShows(chair, "the roll-call radio");
        tabUntil(chair, "Call the vote", el -> el.getText().equals("Call the vote"));
        assertFocusShows(chair, "Call the vote");
        chair.screenshot("keyboard-chair-vote-call");
        press(chair, Keys.ENTER);
        eventually(chair, d -> "vote-action".equals(focused(chair)) && active(chair).getText().equals("Open the vote"));
        assertFocusShows(chair, "Open the vote, after calling the vote");
        String current = text(chair, By.cssSelector(".chair-current-vote"));
        assertTrue(current.contains("paragraph 1") && current.contains("Two thirds of votes cast") && current.contains("Roll call"), current);

        // Graz registers from the banner with the keyboard; Gwangju through REST.
        waitForText(graz, VOTE_BANNER, "Shall paragraph 1 stand as drafted?");
        shot(graz, VOTE_BANNER, "keyboard-banner-vote-register");
        assertAccessible(graz, "the vote banner in register");
        tabUntil(graz, "Register as present", el -> el.getText().equals("Register as present"));
        assertFocusShows(graz, "Register as present");
        press(graz, Keys.ENTER);
        eventually(graz, d -> "vote-banner-status".equals(focused(graz)));
        // The banner is redrawn by every frame of the vote: read the focused element until it holds still.
        eventually(graz, d -> "Registered: your delegation is present.".equals(active(graz).getText()));
        assertFocusShows(graz, "the banner's status after registering");
        shot(graz, VOTE_BANNER, "keyboard-banner-vote-registered");
        assertAccessible(graz, "the vote banner after registering");
        String voteId = demo.rest.currentVoteId("gwangju", documentId);
        demo.rest.registerPresence("gwangju", documentId, voteId);

        // The chair's focus stayed on "Open the vote" while the register filled; Enter opens the vote.
        waitForText(chair, By.cssSelector(".chair-current-vote"), "2 of 3 delegations present");
        assertEquals("vote-action", focused(chair), "live updates leave the focus where it was");
        assertFocusShows(chair, "Open the vote, after the register filled");
        press(chair, Keys.ENTER);
        waitForText(chair, By.cssSelector(".chair-tally"), "Ballots cast: 0 of 3");
        eventually(chair, d -> active(chair).getText().equals("Close the vote"));
        assertFocusShows(chair, "Close the vote");

        // Graz: the vote opened under its focus, which must not fall to the page's body; it votes No.
        waitForText(graz, VOTE_BANNER, "Formal vote open");
        eventually(graz, d -> graz.driver.findElements(By.cssSelector(".banner__ballot--no")).size() == 1);
        assertFocusShows(graz, "the banner once the vote opened");
        shot(graz, VOTE_BANNER, "keyboard-banner-vote-open");
        assertAccessible(graz, "the vote banner with ballot buttons");
        tabUntil(graz, "the No button", el -> el.getText().equals("No") && "button".equalsIgnoreCase(el.getTagName()));
        assertFocusShows(graz, "the No button");
        press(graz, Keys.ENTER);
        eventually(graz, d -> "vote-banner-status".equals(focused(graz)));
        eventually(graz, d -> "Your delegation has voted.".equals(active(graz).getText()));
        assertFocusShows(graz, "the banner's status after voting");
        shot(graz, VOTE_BANNER, "keyboard-banner-vote-voted");
        assertAccessible(graz, "the vote banner after voting");
        demo.rest.castBallot("gwangju", documentId, voteId, "yes");

        // The chair closes the vote: the result, with the roll call by name, takes the focus.
        waitForText(chair, By.cssSelector(".chair-tally"), "Ballots cast: 2 of 3");
        assertEquals("vote-action", focused(chair));
        press(chair, Keys.ENTER);
        eventually(chair, d -> focused(chair).equals("vote-result-" + voteId));
        assertFocusShows(chair, "the result's heading");
        String result = text(chair, By.cssSelector(".chair-result"));
        assertTrue(result.contains("1 yes, 1 no, 0 abstaining"), result);
        List<String> rollCall = chair.driver.findElements(By.cssSelector(".chair-result table tbody tr")).stream()
                .map(WebElement::getText).toList();
        assertEquals(2, rollCall.size(), rollCall::toString);
        assertTrue(rollCall.stream().anyMatch(r -> r.startsWith("City of Graz") && r.endsWith("no")), rollCall::toString);
        assertTrue(rollCall.stream().anyMatch(r -> r.startsWith("Gwangju") && r.endsWith("yes")), rollCall::toString);
        shot(chair, By.cssSelector(".chair-result"), "keyboard-chair-roll-call");
        assertAccessible(chair, "the roll-call result");

        // Graz sees the result where its focus was.
        waitForText(graz, VOTE_BANNER, "Result of the vote:");
        eventually(graz, d -> !"body".equalsIgnoreCase(active(graz).getTagName()));
        assertFocusShows(graz, "the banner with the result");
        shot(graz, VOTE_BANNER, "keyboard-banner-vote-result");
        assertAccessible(graz, "the vote banner with its result");

        // The chair sets paragraph 2 to "agreed ad ref": its select, an arrow, its Set button, Enter.
        tabUntil(chair, "paragraph 2's status select", el -> ("chair-status-" + op2).equals(el.getAttribute("id")));
        assertFocusShows(chair, "paragraph 2's status select");
        chooseOption(chair, "agreed-ad-ref");
        press(chair, Keys.TAB);
        assertEquals("chair-status-" + op2 + "-set", focused(chair));
        assertFocusShows(chair, "paragraph 2's Set button");
        press(chair, Keys.ENTER);
        By row = By.cssSelector(".chair-statuses tr[data-clause-id='" + op2 + "'] .badge--agreed-ad-ref");
        chair.waitFor(row);
        eventually(chair, d -> ("chair-status-" + op2 + "-set").equals(focused(chair)));
        assertFocusShows(chair, "paragraph 2's rebuilt Set button");
        shot(chair, row, "keyboard-chair-status-set");
        eventually(graz, d -> "agreed-ad-ref".equals(d.findElement(By.cssSelector(".clause[data-clause-id='" + op2 + "']"))
                .getAttribute("data-status")));
    }

    @Test
    void aDelegateBreaksSilenceWithTheKeyboardAndTheRestHoldsAtTheDeadline() {
        String op3 = demo.rest.operative("chair", documentId, "3").get("id").asText();
        String op4 = demo.rest.operative("chair", documentId, "4").get("id").asText();
        chair.go(demo.base + "#/documents/" + documentId + "/chair");
        chair.waitFor(CONSOLE);
        // The server concludes the procedure by a timer set for the deadline (DocumentSequencer.scheduleSilence),
        // on the server's clock: ten minutes ahead leaves the keys all the time they need on a busy machine, and
        // moving that clock past it brings the end at once, without anyone asking.
        Instant deadline = demo.clock().instant().plus(Duration.ofMinutes(10));
        demo.rest.startSilence(documentId, deadline, List.of(op3, op4));

        waitForText(graz, SILENCE_BANNER, "2 paragraphs under silence");
        shot(graz, SILENCE_BANNER, "keyboard-banner-silence");
        tabUntil(graz, "Break silence…", el -> el.getText().equals("Break silence…"));
        assertFocusShows(graz, "Break silence…");
        press(graz, Keys.ENTER);
        eventually(graz, d -> "silence-break-clause".equals(focused(graz)));
        assertFocusShows(graz, "the paragraph select of the break");
        chooseOption(graz, op4);
        press(graz, Keys.TAB);
        assertEquals("silence-break-reason", focused(graz));
        press(graz, "Graz must consult its council.");
        assertFocusShows(graz, "the reason");
        press(graz, Keys.TAB);
        eventually(graz, d -> "Break silence".equals(active(graz).getText()));
        assertFocusShows(graz, "Break silence");
        shot(graz, SILENCE_BANNER, "keyboard-banner-silence-form");
        assertAccessible(graz, "the silence banner's form");
        press(graz, Keys.ENTER);
        waitForText(graz, SILENCE_BANNER, "City of Graz broke silence on paragraph 4:");
        eventually(graz, d -> "silence-break-toggle".equals(focused(graz)));
        assertFocusShows(graz, "Break silence… after the break");
        shot(graz, SILENCE_BANNER, "keyboard-banner-silence-broken");
        assertAccessible(graz, "the silence banner after a break");
        assertTrue(demo.clock().instant().isBefore(deadline), "the break came before the deadline");
        assertTrue(chair.driver.findElements(By.cssSelector(".chair-silence-ended")).isEmpty(), "nothing ended early");
        demo.clock().advance(Duration.between(demo.clock().instant(), deadline).plusSeconds(1));

        // At the deadline, the console says what held and what broke; the held paragraph is agreed for Graz, live.
        By ended = By.cssSelector(".chair-silence-ended");
        chair.waitFor(ended);
        String end = text(chair, ended);
        assertTrue(end.contains("Held, now agreed (1): paragraph 3"), end);
        assertTrue(end.contains("Broken (1): paragraph 4"), end);
        shot(chair, ended, "keyboard-chair-silence-ended");
        assertAccessible(chair, "the console after the silence ended");

        // Graz's focus was in the banner when the procedure ended: the banner's headline takes it.
        waitForText(graz, SILENCE_BANNER, "Agreed by silence: paragraph 3");
        assertTrue(text(graz, SILENCE_BANNER).contains("Silence broken on: paragraph 4"));
        eventually(graz, d -> !"body".equalsIgnoreCase(active(graz).getTagName()));
        eventually(graz, d -> active(graz).getText().startsWith("Silence procedure ended"));
        assertFocusShows(graz, "the banner after the silence ended");
        shot(graz, SILENCE_BANNER, "keyboard-banner-silence-ended");
        assertAccessible(graz, "the silence banner after the deadline");

        // Held is agreed in Graz's text, live; broken keeps its status.
        By held = By.cssSelector(".clause[data-clause-id='" + op3 + "']");
        eventually(graz, d -> "agreed".equals(d.findElement(held).getAttribute("data-status")));
        assertEquals("bracketed", graz.driver.findElement(By.cssSelector(".clause[data-clause-id='" + op4 + "']"))
                .getAttribute("data-status"), "the broken paragraph keeps its status");
        shot(graz, held, "keyboard-read-view-agreed-by-silence");

        // Dismissing the result hides the banner; the focus goes to the current tab, just above it.
        tabUntil(graz, "the silence result's Dismiss button", el -> el.getText().startsWith("Dismiss"));
        assertFocusShows(graz, "Dismiss");
        press(graz, Keys.ENTER);
        graz.waitUntil(d -> !d.findElement(SILENCE_BANNER).isDisplayed());
        eventually(graz, d -> "Text".equals(active(graz).getText()));
        assertFocusShows(graz, "the Text tab after dismissing");
    }

    // ---------------------------------------------------------------- keys and focus

    private static WebElement active(Browser browser) {
        return browser.driver.switchTo().activeElement();
    }

    /** Keys to whatever has the focus, as a keyboard sends them. */
    private static void press(Browser browser, CharSequence keys) {
        new Actions(browser.driver).sendKeys(keys).perform();
    }

    private static void tabUntil(Browser browser, String what, Predicate<WebElement> reached) {
        List<String> seen = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) {
            press(browser, Keys.TAB);
            try {
                WebElement a = active(browser);
                if (reached.test(a)) {
                    return;
                }
                seen.add(a.getTagName() + "#" + a.getAttribute("id") + ":" + a.getText());
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                // rebuilt under the focus: look again after the next key
            }
        }
        fail("never reached " + what + " with Tab: " + seen.subList(0, Math.min(60, seen.size())));
    }

    /** Moves a focused select to the option with this value with the arrow keys, as a keyboard does. */
    private static void chooseOption(Browser browser, String value) {
        JavascriptExecutor js = (JavascriptExecutor) browser.driver;
        long target = (Long) js.executeScript(
                "return [...document.activeElement.options].findIndex(o => o.value === arguments[0]);", value);
        assertTrue(target >= 0, "no option " + value);
        for (int i = 0; i < 50; i++) {
            long at = (Long) js.executeScript("return document.activeElement.selectedIndex;");
            if (at == target) {
                return;
            }
            press(browser, at < target ? Keys.ARROW_DOWN : Keys.ARROW_UP);
        }
        fail("the arrows never reached option " + value);
    }

    /**
     * The focused element is not the body, is on screen and draws a focus indicator (an outline or
     * a box shadow), read as the browser computes it.
     */
    @SuppressWarnings("unchecked")
    private static void assertFocusShows(Browser browser, String where) {
        Map<String, Object> f = (Map<String, Object>) ((JavascriptExecutor) browser.driver).executeScript("""
                const a = document.activeElement;
                const s = getComputedStyle(a);
                const r = a.getBoundingClientRect();
                return {tag: a.tagName, text: (a.textContent || '').trim().slice(0, 60),
                  visible: r.width > 0 && r.height > 0 && s.visibility !== 'hidden'
                    && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth,
                  outline: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth), shadow: s.boxShadow,
                  focusVisible: a.matches(':focus-visible')};""");
        String seen = where + ": " + f;
        assertTrue(!"BODY".equals(f.get("tag")) && !"HTML".equals(f.get("tag")), "focus lost to the body at " + seen);
        assertTrue(Boolean.TRUE.equals(f.get("visible")), "focused element off screen at " + seen);
        boolean outline = !"none".equals(f.get("outline")) && ((Number) f.get("outlineWidth")).doubleValue() > 0;
        boolean shadow = !"none".equals(f.get("shadow"));
        assertTrue(outline || shadow, "no visible focus indicator at " + seen);
    }
}
