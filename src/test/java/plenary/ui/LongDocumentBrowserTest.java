package plenary.ui;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 17, a long document in the read view: from 150 paragraphs the browser lays out only those
 * near the screen ({@code .clauses--long}, {@code content-visibility: auto}), which took a remote
 * keystroke's layout on 1,000 paragraphs from 41 to 3 ms (BrowserRoom). A paragraph far below is
 * skipped yet in the page (its text is there), and once scrolled to it
 * is laid out at its real size, its button at least 24 px high (WCAG 2.2's target size). A short
 * document (every other browser test) is laid out whole. The live editing view does the same with
 * its text areas, and one far down takes typing once scrolled to.
 */
@Tag("browser")
@ResourceLock(BrowserLock.NAME)
class LongDocumentBrowserTest {
    @Test
    void aLongDocumentLaysOutOnlyWhatIsNearTheScreen() throws Exception {
        StringBuilder markdown = new StringBuilder("# A long outcome\n\n");
        for (int i = 1; i <= 160; i++) {
            markdown.append(i).append(". *Calls upon* local governments to report on paragraph ").append(i)
                    .append(" of the agenda, with the data they hold on housing and transport;\n\n");
        }
        try (DemoServer demo = DemoServer.shared()) {
            String documentId = demo.rest.importMarkdown("chair", markdown.toString());
            Browser browser = demo.signedIn("observer");
            RoomBrowsing.openDocument(browser, demo.base, documentId);
            String last = ".clauses--room > .room-clause:last-child";
            String button = last + " .room-clause__open";
            assertSkippedUntilNear(browser, ".clauses--room", ".room-clause", button, "textContent");
            Number height = (Number) js(browser, "return document.querySelector(arguments[0]).getBoundingClientRect().height;", button);
            assertTrue(height.doubleValue() >= 24, "the paragraph's button, laid out once near: " + height + " px");

            // The live editing view of the same document: its text areas far from the screen are skipped
            // too (each keystroke styled and laid out all of them again), and laid out once near.
            Browser editor = demo.signedIn("rapporteur");
            RoomBrowsing.openDocument(editor, demo.base, documentId);
            editor.waitFor(By.cssSelector(".live-toggle")).click();
            String lastLive = ".clauses--live > .live-clause:last-child";
            String area = lastLive + " textarea";
            assertSkippedUntilNear(editor, ".clauses--live", ".live-clause", area, "value");
            Number smallest = (Number) js(editor, "return Math.min(...[...document.querySelectorAll(arguments[0])]"
                    + ".filter(b => b.getClientRects().length).map(b => b.getBoundingClientRect().height));", lastLive + " .live-clause__button");
            assertTrue(smallest.doubleValue() >= 24, "its buttons shown, laid out once near: " + smallest + " px");
            // Typing there works as anywhere: the paragraph it reached is the one that changed.
            editor.driver.findElement(By.cssSelector(area)).sendKeys(Keys.END, " Typed far down.");
            editor.waitUntil(d -> demo.rest.operative("rapporteur", documentId, "160").get("text").asText()
                    .endsWith("Typed far down."));

            // The sample document, short, is laid out whole.
            RoomBrowsing.openDocument(browser, demo.base, demo.rest.sampleDocument("observer"));
            browser.waitUntil(d -> Boolean.FALSE.equals(js(browser,
                    "return document.querySelector('.clauses--room')?.classList.contains('clauses--long');")));
        }
    }

    /**
     * In {@code container} (160 {@code paragraph}s, marked long), {@code target} in the last
     * paragraph is skipped while far from the screen, its paragraph's text ({@code textProperty} of
     * the target's paragraph) is in the page all the same, and scrolled to, it is laid out.
     */
    private static void assertSkippedUntilNear(Browser browser, String container, String paragraph, String target,
                                               String textProperty) {
        browser.waitUntil(d -> ((List<?>) js(browser, "return [...document.querySelectorAll(arguments[0])];",
                container + " > " + paragraph)).size() == 160);
        assertEquals(Boolean.TRUE, js(browser, "return document.querySelector(arguments[0]).classList.contains('clauses--long');",
                container));
        String visible = "return document.querySelector(arguments[0]).checkVisibility({contentVisibilityAuto: true});";
        assertEquals(Boolean.FALSE, js(browser, visible, target), target + " is skipped while far from the screen");
        String last = container + " > " + paragraph + ":last-child";
        Object text = js(browser, "const p = document.querySelector(arguments[0]);"
                + " return (arguments[2] === 'value' ? p.querySelector('textarea') : p)[arguments[2]];", last, target, textProperty);
        assertTrue(String.valueOf(text).contains("paragraph 160 of the agenda"), "its text is in the page: " + text);
        js(browser, "document.querySelector(arguments[0]).scrollIntoView({block: 'center'});", target);
        browser.waitUntil(d -> Boolean.TRUE.equals(js(browser, visible, target)));
    }

    private static Object js(Browser browser, String script, Object... args) {
        return ((JavascriptExecutor) browser.driver).executeScript(script, args);
    }
}
