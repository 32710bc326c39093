package plenary.ui;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static plenary.ui.RoomBrowsing.assertAccessible;
import static plenary.ui.RoomBrowsing.button;
import static plenary.ui.RoomBrowsing.eventually;
import static plenary.ui.RoomBrowsing.focused;
import static plenary.ui.RoomBrowsing.shot;
import static plenary.ui.RoomBrowsing.text;
import static plenary.ui.RoomBrowsing.waitForText;

/**
 * The chair marks a paragraph agreed in the console and a delegate's text shows the new badge;
 * the chair puts two paragraphs under silence, a delegate breaks silence on one through the
 * banner (with a reason), and the chair's console lists the break.
 */
@Tag("browser")
@ResourceLock(BrowserLock.NAME)
class SilenceAndStatusBrowserTest {
    private static DemoServer demo;
    private static Browser chair;
    private static Browser graz;

    private static final By SILENCE_BANNER = By.cssSelector(".banner--silence");

    @BeforeAll
    static void start() throws Exception {
        demo = DemoServer.shared();
        chair = demo.signedIn("chair");
        graz = demo.signedIn("graz");
        chair.waitFor(By.linkText("Chair console")).click();
        chair.waitFor(By.cssSelector(".chair-console"));
    }

    @AfterAll
    static void stop() throws Exception {
        demo.close();
    }

    private static String operative(int index) {
        List<WebElement> clauses = graz.driver.findElements(By.cssSelector(".clause--operative"));
        return clauses.get(index).getAttribute("data-clause-id");
    }

    @Test
    void theConsoleAddressTellsADelegateItIsForTheChair() {
        String text = graz.driver.getCurrentUrl();
        graz.go(text + "/chair");
        waitForText(graz, By.cssSelector(".chair-console"), "The chair console is for the chair of the meeting.");
        assertTrue(graz.driver.findElements(By.linkText("Chair console")).isEmpty(), "no tab for a delegate");
        assertTrue(graz.driver.findElements(By.cssSelector(".chair-section")).isEmpty(), "no controls");
        shot(graz, By.cssSelector(".chair-console"), "chair-console-for-the-chair");
        assertAccessible(graz, "the console's message to a delegate");
        graz.go(text);
        graz.waitFor(By.cssSelector(".clause--operative"));
    }

    @Test
    void aStatusSetInTheConsoleShowsAsABadgeInADelegatesText() {
        graz.waitFor(By.cssSelector(".clause--operative"));
        String id = operative(0);
        By row = By.cssSelector(".chair-statuses tr[data-clause-id='" + id + "']");
        assertTrue(text(chair, row).contains("bracketed"), "it starts bracketed");
        new Select(chair.waitFor(By.id("chair-status-" + id))).selectByVisibleText("agreed");
        chair.waitFor(By.cssSelector("[data-focus='chair-status-" + id + "-set']")).click();
        eventually(chair, d -> d.findElement(row).findElement(By.cssSelector(".badge")).getText().equals("agreed"));
        assertEquals("chair-status-" + id + "-set", focused(chair), "the rebuilt row's Set button keeps the focus");
        assertTrue(text(chair, By.cssSelector(".chair-counts")).contains("agreed: 1"));
        shot(chair, row, "chair-console-status-set");
        assertAccessible(chair, "the console's status table");

        By clause = By.cssSelector(".clause[data-clause-id='" + id + "']");
        eventually(graz, d -> "agreed".equals(d.findElement(clause).getAttribute("data-status")));
        assertTrue(graz.driver.findElement(clause).findElement(By.cssSelector(".badge--agreed")).getText().contains("agreed"));
        shot(graz, clause, "read-view-agreed-badge");
    }

    @Test
    void aDelegateBreaksSilenceThroughTheBannerAndTheChairSeesTheBreak() {
        graz.waitFor(By.cssSelector(".clause--operative"));
        String second = operative(1);
        String third = operative(2);

        // The chair: a deadline typed in the field (month, day, year, then the time), two chosen paragraphs.
        WebElement deadline = chair.waitFor(By.id("silence-deadline"));
        deadline.sendKeys("12312030", Keys.TAB, "1000AM");
        assertEquals("2030-12-31T10:00", deadline.getAttribute("value"));
        chair.driver.findElement(By.cssSelector("label[for='silence-scope-chosen']")).click();
        chair.waitFor(By.id("silence-clause-" + second)).click();
        chair.driver.findElement(By.id("silence-clause-" + third)).click();
        shot(chair, By.cssSelector(".chair-silence__choice"), "chair-console-silence-form");
        assertAccessible(chair, "the silence form");
        button(chair, By.cssSelector(".chair-console"), "Start the silence procedure").click();
        waitForText(chair, By.cssSelector(".chair-silence__status"), "Silence is running");
        assertEquals("silence-status", focused(chair));
        assertTrue(text(chair, By.cssSelector(".chair-silence")).contains("Under silence (2): paragraph 2, paragraph 3"));

        // The delegate: the banner names the procedure; an empty reason is refused in the page.
        waitForText(graz, SILENCE_BANNER, "2 paragraphs under silence");
        button(graz, SILENCE_BANNER, "Break silence…").click();
        assertEquals("silence-break-clause", focused(graz), "the form's first field takes the focus");
        shot(graz, SILENCE_BANNER, "banner-silence-form");
        assertAccessible(graz, "the silence banner's form");
        button(graz, SILENCE_BANNER, "Break silence").click();
        waitForText(graz, SILENCE_BANNER, "Give the reason for breaking silence.");
        assertEquals("silence-break-reason", focused(graz));
        new Select(graz.driver.findElement(By.id("silence-break-clause"))).selectByVisibleText("paragraph 3");
        graz.driver.findElement(By.id("silence-break-reason")).sendKeys("Graz needs to consult its city council.");
        button(graz, SILENCE_BANNER, "Break silence").click();
        waitForText(graz, SILENCE_BANNER, "City of Graz broke silence on paragraph 3:");
        assertEquals("silence-break-toggle", focused(graz));
        shot(graz, SILENCE_BANNER, "banner-silence-broken");
        assertAccessible(graz, "the silence banner after a break");

        // The chair sees the break, live.
        waitForText(chair, By.cssSelector(".chair-breaks"), "Graz needs to consult its city council.");
        String breaks = text(chair, By.cssSelector(".chair-breaks"));
        assertTrue(breaks.contains("paragraph 3") && breaks.contains("City of Graz"), breaks);
        shot(chair, By.cssSelector(".chair-breaks"), "chair-console-silence-break");
        assertAccessible(chair, "the console with a break of silence");
        assertTrue(text(chair, By.cssSelector(".chair-adoption")).contains("A silence procedure is running"),
                "adoption explains why it must wait");
    }
}
