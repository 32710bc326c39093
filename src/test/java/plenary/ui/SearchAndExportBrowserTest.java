package plenary.ui;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static plenary.ui.RoomBrowsing.assertAccessible;

/**
 * A delegate in a real browser: signs in, reads the sample draft, searches, opens the agreed
 * language under a paragraph, and finds the export links. axe-core audits each view on the way.
 */
@Tag("browser")
@ResourceLock(BrowserLock.NAME)
class SearchAndExportBrowserTest {
    @TempDir
    static Path dir;

    private static DemoServer demo;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        demo = DemoServer.start(dir);
        browser = demo.signedIn("graz");
    }

    @AfterAll
    static void stop() throws Exception {
        demo.close();
    }

    @Test
    void searchMarksTheMatchedWordsAndLinksToTheDocument() {
        WebElement box = browser.waitFor(By.id("search-box"));
        box.clear();
        box.sendKeys("statistical offices", Keys.ENTER);
        browser.waitFor(By.cssSelector(".search-results__list"));
        List<WebElement> marks = browser.driver.findElements(By.cssSelector(".search-result mark"));
        assertTrue(marks.stream().anyMatch(m -> m.getText().equalsIgnoreCase("statistical")), "marked matches");
        String status = browser.driver.findElement(By.cssSelector(".search-results [role=status]")).getText();
        assertTrue(status.matches("\\d+ results? for “statistical offices”"), status);
        assertTrue(browser.driver.findElements(By.cssSelector(".search-result__where a")).stream()
                .anyMatch(a -> a.getText().startsWith("Building Bridges")), "last year's adopted text is found");
        browser.screenshot("search-results");
        assertAccessible(browser, "the search view");
    }

    @Test
    void agreedLanguageOpensUnderAParagraphAndTheExportsAreOffered() {
        browser.go(demo.base + "#/");
        browser.waitFor(By.cssSelector("article.document h1"));
        WebElement paragraph = browser.driver.findElements(By.cssSelector(".clause--operative")).stream()
                .filter(c -> c.getText().contains("statistical offices")).findFirst().orElseThrow();
        String clauseId = paragraph.getAttribute("data-clause-id");
        // Agreed language lives in the paragraph's side panel.
        paragraph.findElement(By.cssSelector(".room-clause__open")).click();
        WebElement panel = browser.waitFor(By.id("room-panel"));
        WebElement toggle = browser.waitFor(By.cssSelector("#room-panel .precedents__toggle"));
        assertEquals("precedents-" + clauseId, toggle.getAttribute("aria-controls"), "the toggle of the paragraph opened");
        toggle.click();
        assertEquals("true", toggle.getAttribute("aria-expanded"));
        browser.waitUntil(d -> !panel.findElements(By.cssSelector(".precedents .search-result")).isEmpty());
        String first = panel.findElement(By.cssSelector(".precedents .search-result")).getText();
        assertTrue(first.startsWith("Building Bridges") && first.contains("paragraph 1"), first);
        List<String> exports = browser.driver.findElements(By.cssSelector(".title-block__actions a")).stream()
                .map(a -> a.getAttribute("href")).toList();
        assertTrue(exports.stream().anyMatch(h -> h.endsWith("format=pdf&variant=clean")), exports.toString());
        assertTrue(exports.stream().anyMatch(h -> h.endsWith("format=pdf&variant=compilation")), exports.toString());
        // The link works from the page with the person's own session: the official PDF comes back.
        String pdfLink = exports.stream().filter(h -> h.endsWith("format=pdf&variant=clean")).findFirst().orElseThrow();
        Object fetched = ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0]).then(async r => done(r.status + ' ' + r.headers.get('content-type') + ' '
                    + new TextDecoder().decode((await r.arrayBuffer()).slice(0, 5))));""", pdfLink);
        assertEquals("200 application/pdf %PDF-", fetched);
        browser.screenshot("document-with-agreed-language");
        assertAccessible(browser, "the document view");
    }
}
