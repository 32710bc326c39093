package plenary.security;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.parallel.ResourceLock;
import plenary.ui.BrowserLock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import plenary.http.HttpTestClient;
import plenary.http.RunningServer;
import plenary.http.TestPeople;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15, item 9: the page had no Content-Security-Policy, no frame-ancestors or X-Frame-Options,
 * no Referrer-Policy; nosniff only on exports and no-store only on /api/session; a page of a sibling
 * origin could frame the signed-in room. Every kind of answer now carries them, the exported HTML
 * keeps its own stricter policy, a frame on another origin shows nothing of the room, and the room
 * itself runs under its policy without one violation.
 */
@Tag("browser")
@ResourceLock(BrowserLock.NAME)
class SecurityHeadersTest {
    private static final String PASSWORD = "plenary-demo-2026";

    @TempDir
    static Path dir;

    private static RunningServer server;
    private static HttpTestClient chair;
    private static String documentId;

    @BeforeAll
    static void start() throws Exception {
        server = RunningServer.start(dir.resolve("data"), "--demo");
        chair = new HttpTestClient(server.http().uri("/"));
        chair.bearer(TestPeople.signIn(chair, "chair", PASSWORD));
        for (JsonNode document : HttpTestClient.json(chair.get("/api/documents")).get("documents")) {
            if (!"adopted".equals(document.get("status").asText())) {
                documentId = document.get("id").asText();
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        chair.close();
        server.close();
    }

    @Test
    void thePageHasAStrictPolicyAndCannotBeFramed() {
        HttpResponse<String> page = anonymous("/");
        assertEquals(200, page.statusCode());
        String policy = header(page, "Content-Security-Policy");
        for (String directive : List.of("default-src 'self'", "script-src 'self'", "style-src 'self'",
                "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'")) {
            assertTrue(policy.contains(directive), () -> directive + " in " + policy);
        }
        assertFalse(policy.contains("unsafe-inline") || policy.contains("unsafe-eval"), policy);
        assertEquals("DENY", header(page, "X-Frame-Options"));
        assertTrue(List.of("no-referrer", "same-origin").contains(header(page, "Referrer-Policy")));
        assertEquals("nosniff", header(page, "X-Content-Type-Options"));
        assertEquals("nosniff", header(anonymous("/app.js"), "X-Content-Type-Options"));
        assertEquals("nosniff", header(anonymous("/css/room.css"), "X-Content-Type-Options"));
    }

    /** API answers hold what one signed-in person may see: no cache keeps them, whatever the status. */
    @Test
    void everyApiAnswerIsNoStoreAndNoSniff() {
        List<HttpResponse<String>> answers = List.of(chair.get("/api/documents"), chair.get("/api/documents/" + documentId),
                chair.get("/api/meetings"), chair.get("/api/documents/" + documentId + "/negotiation"),
                chair.get("/api/search?q=human"), chair.get("/api/documents/nope"), anonymous("/api/session"),
                anonymous("/api/documents"), chair.get("/api/documents/" + documentId + "/export?format=md"),
                chair.get("/api/documents/" + documentId + "/export?format=html"));
        for (HttpResponse<String> answer : answers) {
            String where = answer.request().uri() + " (" + answer.statusCode() + ")";
            assertEquals("no-store", header(answer, "Cache-Control"), where);
            assertEquals("nosniff", header(answer, "X-Content-Type-Options"), where);
            assertEquals("DENY", header(answer, "X-Frame-Options"), where);
        }
        assertEquals("no-store", header(anonymous("/health"), "Cache-Control"));
        HttpResponse<String> missing = anonymous("/no-such-page.html");
        assertEquals(404, missing.statusCode());
        assertEquals("nosniff", header(missing, "X-Content-Type-Options"));
    }

    /** The exported HTML keeps its own policy (no scripts at all); a second one adds frame-ancestors. */
    @Test
    void theExportedHtmlKeepsItsOwnPolicy() {
        HttpResponse<String> html = chair.get("/api/documents/" + documentId + "/export?format=html");
        assertEquals(200, html.statusCode());
        List<String> policies = html.headers().allValues("Content-Security-Policy");
        assertTrue(policies.getFirst().startsWith("default-src 'none'"), policies::toString);
        assertTrue(policies.stream().anyMatch(p -> p.contains("frame-ancestors 'none'")), policies::toString);
        assertFalse(policies.stream().anyMatch(p -> p.contains("script-src 'self'")), policies::toString);
    }

    @Test
    void aSiblingOriginsFrameShowsNothingOfTheSignedInRoom() throws Exception {
        String base = "http://127.0.0.1:" + server.port() + "/";
        try (SiblingSite attacker = SiblingSite.start();
             SecurityBrowser browser = SecurityBrowser.open(dir.resolve("frames"))) {
            browser.signIn(base, "chair", PASSWORD);
            browser.waitFor(By.cssSelector("article.document h1"));
            String harmless = attacker.page("/harmless.html", "<!doctype html><p id=\"framed\">framed fine</p>");
            String page = attacker.page("/frames.html", """
                    <!doctype html><html><body>
                    <iframe id="control" src="%s" width="400" height="200"></iframe>
                    <iframe id="room" src="%s#/documents/%s" width="1000" height="800"></iframe>
                    </body></html>""".formatted(harmless, base, documentId));
            browser.console(); // what the sign-in logged is not this test's business
            browser.driver.get(page);
            // The control frame shows its page, so a frame that shows nothing shows nothing for a reason.
            browser.driver.switchTo().frame("control");
            assertEquals("framed fine", browser.waitFor(By.id("framed")).getText());
            browser.driver.switchTo().defaultContent();
            List<String> console = new ArrayList<>();
            browser.waitUntil(d -> {
                console.addAll(browser.console());
                return console.stream().anyMatch(m -> m.contains("frame-ancestors"));
            });
            WebDriver room = browser.driver.switchTo().frame("room");
            assertTrue(room.findElements(By.cssSelector(".site-header, #account, article.document")).isEmpty(),
                    "nothing of the room is in the frame");
            browser.driver.switchTo().defaultContent();
        }
    }

    /**
     * The policy forbids inline script and style: the room, as the chair goes through its views, needs
     * neither, and its live socket connects under {@code connect-src 'self'}.
     */
    @Test
    void theRoomRunsUnderItsPolicyWithoutAViolation() throws Exception {
        String base = "http://127.0.0.1:" + server.port() + "/";
        try (SecurityBrowser browser = SecurityBrowser.open(dir.resolve("room"))) {
            browser.signIn(base, "chair", PASSWORD);
            String room = base + "#/documents/" + documentId;
            browser.driver.get(room);
            browser.waitFor(By.cssSelector(".clauses--room .room-clause__open"));
            browser.driver.get(room + "/compilation");
            browser.waitFor(By.cssSelector("article.document h1"));
            browser.driver.get(room + "/history");
            browser.waitFor(By.id("history-revision"));
            browser.driver.get(room + "/chair");
            browser.waitFor(By.cssSelector(".chair-console .chair-phases"));
            browser.driver.get(room + "/projector");
            browser.waitUntil(d -> d.findElements(By.cssSelector(".projector__connection")).stream()
                    .anyMatch(e -> "Live".equals(e.getText())));
            List<String> console = browser.console();
            assertTrue(console.stream().noneMatch(m -> m.contains("Content Security Policy")),
                    () -> "violations: " + console);

            // The probe: a violation would have been seen. Inline script is refused, and said so.
            JavascriptExecutor js = (JavascriptExecutor) browser.driver;
            js.executeScript("const s = document.createElement('script'); s.textContent = 'window.inlineRan = true';"
                    + " document.body.append(s);");
            List<String> after = new ArrayList<>();
            browser.waitUntil(d -> {
                after.addAll(browser.console());
                return after.stream().anyMatch(m -> m.contains("Content Security Policy"));
            });
            assertEquals(Boolean.FALSE, js.executeScript("return window.inlineRan === true;"));
        }
    }

    private static HttpResponse<String> anonymous(String path) {
        try (HttpTestClient anyone = new HttpTestClient(server.http().uri("/"))) {
            return anyone.send(HttpRequest.newBuilder(anyone.uri(path)).GET());
        }
    }

    private static String header(HttpResponse<String> response, String name) {
        return response.headers().firstValue(name).orElseThrow(
                () -> new AssertionError(name + " missing on " + response.request().uri() + ": " + response.headers().map()));
    }
}
