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

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static plenary.ui.RoomBrowsing.assertAccessible;
import static plenary.ui.RoomBrowsing.shot;

/**
 * The drafting room's compilation, history and projector views in real browsers: tabled
 * amendments inline with their sponsors, the document as it was at an earlier revision chosen with
 * the keyboard, and a projector window following the paragraph the chair clicks.
 */
@Tag("browser")
@ResourceLock(BrowserLock.NAME)
class CompilationHistoryProjectorBrowserTest {
    private static DemoServer demo;
    private static DemoRest rest;
    private static Browser observer;
    private static String documentId;

    @BeforeAll
    static void start() throws Exception {
        demo = DemoServer.shared();
        rest = demo.rest;
        documentId = rest.sampleDocument("chair");
        rest.openTabling(documentId);
        observer = demo.signedIn("observer");
    }

    @AfterAll
    static void stop() throws Exception {
        demo.close();
    }

    /** The text a sighted reader sees in an element: without its visually hidden cues. */
    private static String shown(WebElement element) {
        return ((String) ((JavascriptExecutor) observer.driver).executeScript(
                "const copy = arguments[0].cloneNode(true);"
                        + "copy.querySelectorAll('.visually-hidden').forEach((e) => e.remove());"
                        + "return copy.textContent;", element)).trim();
    }

    private static String view(String name) {
        return demo.base + "#/documents/" + documentId + "/" + name;
    }

    @Test
    void compilationShowsTabledAmendmentsInlineWithTheirSponsorsAndFollowsNewOnes() {
        JsonNode op1 = rest.operative("graz", documentId, "1");
        String text = op1.get("text").asText();
        assertTrue(text.contains("binding commitments") && text.endsWith(";"), text);
        String clauseId = op1.get("id").asText();
        // Each is labelled with the number it was given when tabled (others may have been tabled before).
        String grazLabel = "A" + rest.table("graz", documentId, clauseId,
                text.replace("binding commitments", "enforceable commitments").replaceFirst(";$", ", by 2030;"),
                "For the test.").get("number").asInt();
        String insertionLabel = "A" + rest.tableInsertion("gwangju", documentId, clauseId,
                "*Invites* cities to report on these commitments every year;").get("number").asInt();

        observer.go(view("compilation"));
        By graz = By.cssSelector("[data-clause-id='" + clauseId + "'] ~ .compilation-amendments .compilation-amendment");
        observer.waitFor(By.cssSelector(".compilation-insertion"));
        WebElement amendment = observer.waitFor(graz);
        assertEquals("enforceable", shown(amendment.findElement(By.cssSelector("ins"))));
        assertTrue(amendment.findElements(By.cssSelector("ins")).stream().anyMatch(e -> e.getText().contains("by 2030")));
        assertEquals("binding", shown(amendment.findElement(By.cssSelector("del"))));
        assertEquals(grazLabel, amendment.findElement(By.cssSelector(".compilation-amendment__label")).getText());
        assertTrue(amendment.findElement(By.cssSelector(".compilation-amendment__sponsor")).getText().contains("City of Graz"));
        assertEquals("inserted: ", observer.driver.findElement(By.cssSelector(".compilation-amendment ins .visually-hidden"))
                .getAttribute("textContent"));
        assertEquals("auto", amendment.findElement(By.cssSelector(".compilation-amendment__text")).getAttribute("dir"));
        WebElement insertion = observer.waitFor(By.cssSelector(".compilation-insertion"));
        assertTrue(insertion.getText().contains(insertionLabel), insertion.getText());
        assertTrue(insertion.findElement(By.cssSelector("ins")).getText().contains("report on these commitments"));
        String pdf = observer.driver.findElement(By.cssSelector(".compilation__export a")).getAttribute("href");
        assertTrue(pdf.endsWith("/export?format=pdf&variant=compilation"), pdf);
        shot(observer, amendment, "compilation-view");
        assertAccessible(observer, "the compilation view");

        // A rival change to the same words, tabled while the view is open: it arrives live and
        // both are named as conflicting by label.
        String uclgLabel = "A" + rest.table("uclg", documentId, clauseId, text.replace("binding commitments", "firm commitments"),
                "For the test.").get("number").asInt();
        observer.waitUntil(d -> d.findElements(graz).size() == 2);
        List<WebElement> both = observer.driver.findElements(graz);
        observer.waitUntil(d -> d.findElements(By.cssSelector(".mark--group")).size() == 2);
        assertTrue(both.get(0).getText().contains("conflicts with " + uclgLabel), both.get(0).getText());
        assertTrue(both.get(1).getText().contains("United Cities") || both.get(1).getText().contains("UCLG"), both.get(1).getText());
        assertTrue(both.get(1).getText().contains("conflicts with " + grazLabel), both.get(1).getText());
        // Labels do not move when another amendment comes: the insertion keeps its number.
        assertTrue(observer.driver.findElement(By.cssSelector(".compilation-insertion")).getText().contains(insertionLabel));
        shot(observer, both.get(0), "compilation-view-conflict");
        assertAccessible(observer, "the compilation view with a conflict");
    }

    @Test
    void historySliderShowsAnEarlierRevisionAndTheWordsThatChanged() {
        JsonNode op2 = rest.operative("gwangju", documentId, "2");
        String before = op2.get("text").asText();
        String clauseId = op2.get("id").asText();
        int end = before.length() - 1; // before the closing punctuation
        JsonNode amendment = rest.table("gwangju", documentId, clauseId,
                before.substring(0, end) + " in every city" + before.substring(end), "For the test.");
        rest.accept(documentId, amendment.get("id").asText());
        int latest = rest.get("chair", "/api/documents/" + documentId).get("revision").asInt();

        observer.go(view("history"));
        WebElement slider = observer.waitFor(By.id("history-revision"));
        By shownClause = By.cssSelector(".history-document [data-clause-id='" + clauseId + "'] .clause__text");
        observer.waitUntil(d -> d.findElement(shownClause).getText().contains("in every city"));
        assertEquals(String.valueOf(latest), slider.getAttribute("value"));
        assertTrue(slider.getAttribute("aria-valuetext").startsWith("Revision " + latest + " of " + latest + ": edited paragraph 2 by Rapporteur"),
                slider.getAttribute("aria-valuetext"));
        // By default the differences are those of the revision shown.
        By diffInsert = By.cssSelector(".history-diff__clause[data-clause-id='" + clauseId + "'] ins");
        observer.waitUntil(d -> d.findElements(diffInsert).stream().anyMatch(e -> e.getText().contains("in every city")));
        assertTrue(observer.driver.findElement(By.cssSelector(".history-changes [aria-current='true']")).getText()
                .contains("paragraph 2"));
        shot(observer, slider, "history-view-latest");
        assertAccessible(observer, "the history view");

        // One step back with the keyboard: the paragraph as it was before the amendment.
        slider.sendKeys(Keys.ARROW_LEFT);
        observer.waitUntil(d -> String.valueOf(latest - 1).equals(slider.getAttribute("value")));
        assertTrue(slider.getAttribute("aria-valuetext").startsWith("Revision " + (latest - 1) + " of " + latest),
                slider.getAttribute("aria-valuetext"));
        observer.waitUntil(d -> d.findElement(By.cssSelector(".history-document h3")).getText().endsWith("revision " + (latest - 1)));
        assertEquals(before.replace("*", ""), observer.driver.findElement(shownClause).getText(), "the text before, its emphasis rendered");
        assertFalse(observer.driver.findElement(shownClause).getText().contains("in every city"));
        assertEquals("auto", observer.driver.findElement(shownClause).getAttribute("dir"));
        shot(observer, shownClause, "history-view-earlier");

        // Back to the newest with the button: it becomes disabled, and the focus goes to the slider.
        WebElement next = observer.driver.findElement(By.cssSelector(".history-slider__next"));
        next.click();
        observer.waitUntil(d -> String.valueOf(latest).equals(slider.getAttribute("value")));
        observer.waitUntil(d -> d.findElement(shownClause).getText().contains("in every city"));
        assertFalse(next.isEnabled());
        assertEquals("history-revision", observer.driver.switchTo().activeElement().getAttribute("id"));

        // Any two revisions: from the first to the newest.
        WebElement from = observer.driver.findElement(By.id("history-diff-from"));
        from.clear();
        from.sendKeys("0");
        WebElement to = observer.driver.findElement(By.id("history-diff-to"));
        to.clear();
        to.sendKeys(String.valueOf(latest), Keys.ENTER);
        observer.waitUntil(d -> d.findElements(diffInsert).stream().anyMatch(e -> e.getText().contains("in every city")));
        assertTrue(observer.driver.findElement(By.cssSelector(".history-diff__summary")).getText()
                .startsWith("From revision 0 to revision " + latest));
        shot(observer, diffInsert, "history-view-diff");
        assertAccessible(observer, "the history view after comparing");
    }

    @Test
    void projectorFollowsTheParagraphTheChairClicks() {
        Browser chair = demo.signedIn("chair");
        chair.go(demo.base + "#/documents/" + documentId);
        JsonNode op5 = rest.operative("chair", documentId, "5");
        String clauseId = op5.get("id").asText();
        // An amendment pending on it: the projector names it by its number.
        String label = "A" + rest.table("graz", documentId, clauseId, "Every year, " + op5.get("text").asText(),
                "For the projector.").get("number").asInt();
        WebElement open = chair.waitFor(By.cssSelector(".room-clause[data-clause-id='" + clauseId + "'] .room-clause__open"));

        observer.go(view("projector"));
        observer.waitFor(By.cssSelector(".projector__clauses .clause"));
        observer.waitUntil(d -> d.findElement(By.tagName("body")).getAttribute("class").contains("projector-mode"));
        assertTrue(observer.driver.findElements(By.cssSelector(".site-header")).stream().noneMatch(WebElement::isDisplayed),
                "the frame is hidden on the projector");
        assertEquals("Live", observer.waitFor(By.cssSelector(".projector__connection")).getText());
        chair.screenshot("projector-chair-room");

        open.click();
        By current = By.cssSelector(".projector__current[data-clause-id='" + clauseId + "']");
        observer.waitFor(current);
        assertEquals(1, observer.driver.findElements(By.cssSelector(".projector__current")).size());
        assertEquals("Now discussing: paragraph 5", observer.driver.findElement(By.cssSelector(".projector__focus")).getText());
        observer.waitUntil(d -> d.findElement(By.cssSelector(".projector__current .projector__pending")).getText()
                .matches(".*pending: (.*, )?" + label + "(,.*)?$"));
        // Scrolled into view (smoothly: wait until it has arrived).
        observer.waitUntil(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
                "const r = document.querySelector(arguments[0]).getBoundingClientRect();"
                        + "return r.top >= 0 && r.bottom <= innerHeight;",
                ".projector__current"));
        String size = (String) ((JavascriptExecutor) observer.driver).executeScript(
                "return getComputedStyle(document.querySelector('.projector__current .clause__text')).fontSize");
        assertTrue(Double.parseDouble(size.replace("px", "")) >= 32, "large type: " + size);
        observer.screenshot("projector-view");
        assertAccessible(observer, "the projector view");

        // The chair moves on: the projector follows.
        String next = rest.operative("chair", documentId, "6").get("id").asText();
        chair.driver.findElement(By.cssSelector(".room-clause[data-clause-id='" + next + "'] .room-clause__open")).click();
        observer.waitFor(By.cssSelector(".projector__current[data-clause-id='" + next + "']"));
        assertEquals("Now discussing: paragraph 6", observer.driver.findElement(By.cssSelector(".projector__focus")).getText());
        observer.screenshot("projector-view-next");
    }
}
