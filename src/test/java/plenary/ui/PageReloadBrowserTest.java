package plenary.ui;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16, static files, in Chromium: a reload of the room takes every stylesheet and module from
 * the browser's cache without a request (they are kept a year under the page's release), and only the
 * index goes to the server, to be revalidated. Before, each reload revalidated about 137 files.
 */
@Tag("browser")
@ResourceLock(BrowserLock.NAME)
class PageReloadBrowserTest {
    @Test
    void aReloadTakesThePageFromTheCacheAndAsksOnlyForTheIndex() throws Exception {
        try (DemoServer demo = DemoServer.shared()) {
            Browser browser = demo.signedIn("chair");
            browser.driver.navigate().refresh();
            browser.waitFor(By.cssSelector("article.document h1"));
            browser.waitFor(By.cssSelector(".live-bar[data-status='online']"));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> files = (List<Map<String, Object>>) ((JavascriptExecutor) browser.driver).executeScript("""
                    return performance.getEntriesByType('resource')
                        .filter(e => new URL(e.name).pathname.startsWith('/v/'))
                        .map(e => ({name: e.name, transferSize: e.transferSize}));""");
            assertTrue(files.size() > 50, "the page's modules and stylesheets after the reload: " + files.size());
            List<Object> fetched = files.stream().filter(f -> ((Number) f.get("transferSize")).longValue() > 0)
                    .map(f -> f.get("name")).toList();
            assertEquals(List.of(), fetched, "files of the page that the reload fetched");
        }
    }
}
