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
            List<Map<String, Object>> files = reload(browser, By.cssSelector("article.document h1"), """
                    .filter(e => new URL(e.name).pathname.startsWith('/v/'))
                    .map(e => ({name: e.name, transferSize: e.transferSize}))""");
            assertTrue(files.size() > 50, "the page's modules and stylesheets after the reload: " + files.size());
            List<Object> fetched = files.stream().filter(f -> ((Number) f.get("transferSize")).longValue() > 0)
                    .map(f -> f.get("name")).toList();
            assertEquals(List.of(), fetched, "files of the page that the reload fetched");
        }
    }

    /**
     * Issue 17, time to first text: the page asks who is signed in, the sidebar's lists and the
     * document at once, while its modules load (early.js), not one after another once they have
     * run; and each only once, as the app takes the early answers rather than asking again, and the
     * room reads the negotiation again only when its join names a newer frame.
     */
    @Test
    void aLoadAsksForTheSessionAndTheDocumentAtOnceAndEachOnlyOnce() throws Exception {
        try (DemoServer demo = DemoServer.shared()) {
            Browser browser = demo.signedIn("observer");
            String documentId = demo.rest.sampleDocument("observer");
            RoomBrowsing.openDocument(browser, demo.base, documentId);
            List<Map<String, Object>> asked = reload(browser, By.cssSelector(".clauses--room .room-clause__open"), """
                    .filter(e => new URL(e.name).pathname.startsWith('/api/'))
                    .map(e => ({path: new URL(e.name).pathname, start: e.startTime, end: e.responseEnd}))""");
            Map<String, Long> times = new java.util.TreeMap<>();
            asked.forEach(a -> times.merge((String) a.get("path"), 1L, Long::sum));
            String document = "/api/documents/" + documentId;
            // The negotiation too: the join says the state read is current (it was read twice a load).
            for (String path : List.of("/api/session", "/api/meetings", "/api/documents", document,
                    document + "/negotiation")) {
                assertEquals(1L, times.get(path), path + " in " + times);
            }
            Map<String, Object> session = asked.stream().filter(a -> a.get("path").equals("/api/session")).findFirst().orElseThrow();
            Map<String, Object> doc = asked.stream().filter(a -> a.get("path").equals(document)).findFirst().orElseThrow();
            assertTrue(((Number) doc.get("start")).doubleValue() < ((Number) session.get("end")).doubleValue(),
                    "the document was asked for before the session's answer came: " + asked);
        }
    }

    /**
     * Reloads the page, waits for {@code ready} and the live socket, and returns the page's resource
     * timing entries as {@code select} (JavaScript chained on the list of entries) makes them.
     */
    private static List<Map<String, Object>> reload(Browser browser, By ready, String select) {
        browser.driver.navigate().refresh();
        browser.waitFor(ready);
        browser.waitFor(By.cssSelector(".live-bar[data-status='online']"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> entries = (List<Map<String, Object>>) ((JavascriptExecutor) browser.driver)
                .executeScript("return performance.getEntriesByType('resource')" + select + ";");
        return entries;
    }
}
