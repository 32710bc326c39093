package plenary.ui;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static plenary.ui.RoomBrowsing.assertAccessible;
import static plenary.ui.RoomBrowsing.button;
import static plenary.ui.RoomBrowsing.focused;
import static plenary.ui.RoomBrowsing.shot;
import static plenary.ui.RoomBrowsing.text;
import static plenary.ui.RoomBrowsing.waitForText;

/**
 * Issue 8, "a chair runs a formal vote and adopts; the PDF export downloads": the chair runs the
 * whole vote from the console while two delegates, each in their own Chromium, register and vote
 * through the banner above their text; then the chair adopts, and the official PDF downloads.
 */
@Tag("browser")
@ResourceLock(BrowserLock.NAME)
class ChairConsoleBrowserTest {
    private static DemoServer demo;
    private static Browser chair;
    private static Browser graz;
    private static Browser gwangju;

    private static final By CONSOLE = By.cssSelector(".chair-console");
    private static final By VOTE_BANNER = By.cssSelector(".banner--vote");
    private static final By TALLY = By.cssSelector(".chair-tally");

    @BeforeAll
    static void start() throws Exception {
        demo = DemoServer.shared();
        chair = demo.signedIn("chair");
        graz = demo.signedIn("graz");
        gwangju = demo.signedIn("gwangju");
    }

    @AfterAll
    static void stop() throws Exception {
        demo.close();
    }

    @Test
    void chairRunsAFormalVoteAndAdoptsAndThePdfDownloads() {
        // The chair opens the console from the room's tabs and opens the voting phase.
        chair.waitFor(By.linkText("Chair console")).click();
        chair.waitFor(CONSOLE);
        waitForText(chair, By.cssSelector(".chair-vote-call"), "Voting is closed");
        shot(chair, By.cssSelector(".chair-phases"), "chair-console-start");
        assertAccessible(chair, "the chair console");
        button(chair, CONSOLE, "Open voting").click();
        waitForText(chair, By.cssSelector("[data-focus='phase-voting']"), "Close voting");
        assertEquals("phase-voting", focused(chair), "the Close button replaces the Open button under the focus");

        // It calls a vote on the whole document (the default subject).
        chair.waitFor(By.id("vote-question")).sendKeys("Shall the draft be adopted as it stands?");
        button(chair, By.cssSelector(".chair-vote-call"), "Call the vote").click();
        waitForText(chair, By.cssSelector(".chair-current-vote"), "register of presence");
        waitForText(chair, By.cssSelector(".chair-current-vote"), "0 of 3 delegations present");
        chair.waitUntil(d -> "vote-action".equals(focused(chair)));
        shot(chair, By.cssSelector(".chair-current-vote"), "chair-console-vote-register");
        assertAccessible(chair, "the console with a vote in register");

        // Both delegates register through their banner.
        for (Browser delegate : new Browser[]{graz, gwangju}) {
            waitForText(delegate, VOTE_BANNER, "Shall the draft be adopted as it stands?");
            button(delegate, VOTE_BANNER, "Register as present").click();
            waitForText(delegate, VOTE_BANNER, "Registered: your delegation is present.");
        }
        assertEquals("vote-banner-status", focused(graz), "the focus lands on the new status");
        shot(graz, VOTE_BANNER, "banner-vote-registered");
        assertAccessible(graz, "the vote banner after registering");
        waitForText(chair, By.cssSelector(".chair-current-vote"), "2 of 3 delegations present");
        assertTrue(text(chair, By.cssSelector(".chair-current-vote")).contains("City of Graz"), "present delegations are named");
        String register = text(chair, By.cssSelector(".chair-people"));
        assertTrue(register.contains("Delegate of the City of Graz (demo) · delegate"), register);
        assertTrue(register.contains("Delegate of Gwangju Metropolitan City (demo) · delegate"), register);

        button(chair, CONSOLE, "Open the vote").click();
        waitForText(chair, TALLY, "Ballots cast: 0 of 3");

        // Graz votes: the chair's tally moves to 1 without reloading, then to 2 when Gwangju votes.
        button(graz, VOTE_BANNER, "Yes").click();
        waitForText(graz, VOTE_BANNER, "Your delegation has voted.");
        waitForText(chair, TALLY, "Ballots cast: 1 of 3");
        assertTrue(text(chair, By.cssSelector(".chair-current-vote")).contains("Have voted: City of Graz"));
        shot(chair, TALLY, "chair-console-tally-1");
        waitForText(gwangju, VOTE_BANNER, "Formal vote open");
        shot(gwangju, VOTE_BANNER, "banner-vote-open");
        assertAccessible(gwangju, "the vote banner with ballot buttons");
        button(gwangju, VOTE_BANNER, "Yes").click();
        waitForText(chair, TALLY, "Ballots cast: 2 of 3");
        shot(chair, TALLY, "chair-console-tally-2");

        // The chair closes the vote and sees the result; so do the delegates, in their banner.
        button(chair, CONSOLE, "Close the vote").click();
        waitForText(chair, By.cssSelector(".chair-result__summary"), "Carried: 2 in favour");
        chair.waitUntil(d -> focused(chair).startsWith("vote-result-"));
        String result = text(chair, By.cssSelector(".chair-result"));
        assertTrue(result.contains("2 yes, 0 no, 0 abstaining"), result);
        assertTrue(result.contains("2 present, 2 required"), result);
        waitForText(chair, By.cssSelector(".chair-current-vote"), "No vote in progress.");
        shot(chair, By.cssSelector(".chair-result"), "chair-console-result");
        assertAccessible(chair, "the console with a result");
        waitForText(graz, VOTE_BANNER, "Carried: 2 in favour");
        shot(graz, VOTE_BANNER, "banner-vote-result");
        assertAccessible(graz, "the vote banner with its result");

        // Adoption asks for confirmation in the page; Cancel steps back, Yes adopts.
        button(chair, CONSOLE, "Adopt the document").click();
        assertEquals("adopt-confirm", focused(chair), "the question takes the focus");
        shot(chair, By.cssSelector(".chair-confirm"), "chair-console-adopt-confirm");
        assertAccessible(chair, "the adoption confirmation");
        button(chair, CONSOLE, "Cancel").click();
        assertEquals("adopt", focused(chair));
        button(chair, CONSOLE, "Adopt the document").click();
        button(chair, CONSOLE, "Yes, adopt").click();
        waitForText(chair, By.cssSelector(".chair-adopted"), "The document has been adopted.");
        assertEquals("adoption-record", focused(chair));
        String sha = text(chair, By.cssSelector(".chair-sha"));
        assertTrue(sha.matches("[0-9a-f]{64}"), sha);
        shot(chair, By.cssSelector(".chair-adopted"), "chair-console-adopted");
        assertAccessible(chair, "the adoption record");

        // The official PDF link works from the page, with the chair's own session.
        String pdf = chair.waitFor(By.cssSelector("a.chair-export-pdf")).getAttribute("href");
        Object fetched = ((JavascriptExecutor) chair.driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0]).then(async r => done(r.status + ' ' + r.headers.get('content-type') + ' '
                    + new TextDecoder().decode((await r.arrayBuffer()).slice(0, 5))));""", pdf);
        assertEquals("200 application/pdf %PDF-", fetched);

        // A delegate's banner says so.
        waitForText(graz, By.cssSelector(".banner--phase"), "The document has been adopted");
        shot(graz, By.cssSelector(".banner--phase"), "banner-adopted");
        assertAccessible(graz, "the adopted banner");
    }
}
