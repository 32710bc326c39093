package plenary.security;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.parallel.ResourceLock;
import plenary.ui.BrowserLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import plenary.http.HttpTestClient;
import plenary.http.RunningServer;
import plenary.http.TestPeople;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15, item 2: cross-site WebSocket hijacking. The chair signs in to Plenary in a real Chromium;
 * a page on another port of 127.0.0.1 (the same site, so the SameSite=Strict cookie goes along, but
 * another origin) opens the document's live socket and submits an edit. Refused, the handshake
 * fails and the text is unchanged. The control shows the attack itself works: the same page, from
 * an origin the server is configured to trust, edits the text as the chair.
 */
@Tag("browser")
@ResourceLock(BrowserLock.NAME)
class CrossSiteSocketTest {
    private static final String PASSWORD = "plenary-demo-2026";
    private static final String SAMPLE = "HRGL/2022/OD/1";
    private static final String MARK = "HIJACKED ";

    @TempDir
    Path dir;

    @Test
    void aSiblingOriginsPageCannotOpenTheChairsSocket() throws Exception {
        try (SiblingSite attacker = SiblingSite.start();
             RunningServer server = RunningServer.start(dir.resolve("data"), "--demo");
             SecurityBrowser browser = SecurityBrowser.open(dir.resolve("chromium"))) {
            String outcome = attack(server, attacker, browser);
            assertTrue(outcome.startsWith("closed 1006"), () -> "the socket must not open: " + outcome);
            assertTrue(!outcome.contains("open"), outcome);
            assertEquals(0, textsWithMark(server), "no clause was edited through the sibling page");
        }
    }

    /** The control: with the sibling's origin trusted, the very same page edits as the chair. */
    @Test
    void theSamePageFromATrustedOriginDoesEditSoTheAttackIsReal() throws Exception {
        int port = freePort();
        try (SiblingSite attacker = SiblingSite.start();
             RunningServer server = RunningServer.start(dir.resolve("data"), "--demo", "--port", Integer.toString(port),
                     "--public-origin", "http://127.0.0.1:" + port + "," + attacker.origin());
             SecurityBrowser browser = SecurityBrowser.open(dir.resolve("chromium"))) {
            String outcome = attack(server, attacker, browser);
            assertTrue(outcome.startsWith("applied"), () -> "the trusted page's edit: " + outcome);
            assertEquals(1, textsWithMark(server), "the edit went through as the chair's");
        }
    }

    /** Signs the chair in, sends the browser to the sibling page, and returns what the page saw. */
    private static String attack(RunningServer server, SiblingSite attacker, SecurityBrowser browser) {
        String base = "http://127.0.0.1:" + server.port() + "/";
        String documentId;
        JsonNode clause;
        try (HttpTestClient chair = new HttpTestClient(server.http().uri("/"))) {
            chair.bearer(TestPeople.signIn(chair, "chair", PASSWORD));
            documentId = StreamSupport.stream(HttpTestClient.json(chair.get("/api/documents")).get("documents")
                            .spliterator(), false)
                    .filter(d -> SAMPLE.equals(d.path("meta").path("symbol").asText()))
                    .findFirst().orElseThrow().get("id").asText();
            clause = StreamSupport.stream(HttpTestClient.json(chair.get("/api/documents/" + documentId))
                            .get("clauses").spliterator(), false)
                    .filter(c -> "operative".equals(c.path("kind").asText())
                            && "bracketed".equals(c.path("status").asText()))
                    .findFirst().orElseThrow();
        }

        browser.signIn(base, "chair", PASSWORD);
        String page = attacker.page("/innocent.html", """
                <!doctype html><html><head><title>running</title></head><body><pre id="result">running</pre><script>
                const seen = [];
                const done = text => { document.getElementById('result').textContent = text; document.title = 'done'; };
                const ws = new WebSocket('ws://127.0.0.1:%d/api/documents/%s/live');
                ws.onopen = () => { seen.push('open'); ws.send(JSON.stringify({ type: 'join', clientId: 'sibling', since: -1 })); };
                ws.onmessage = event => {
                  const message = JSON.parse(event.data);
                  seen.push(message.type);
                  if (message.type === 'joined') {
                    ws.send(JSON.stringify({ type: 'submit', seq: 1, change: { type: 'text', clauseId: '%s',
                      version: %d, op: ['%s', %d] } }));
                  } else if (message.type === 'ops') {
                    done('applied after ' + seen.join(','));
                  } else if (message.type === 'error') {
                    done('error ' + message.code + ' after ' + seen.join(','));
                  }
                };
                ws.onclose = event => done('closed ' + event.code + ' after ' + seen.join(','));
                </script></body></html>
                """.formatted(server.port(), documentId, clause.get("id").asText(), clause.get("version").asLong(), MARK,
                clause.get("text").asText().length()));
        browser.driver.get(page);
        browser.waitUntil(d -> "done".equals(d.getTitle()));
        return browser.driver.findElement(By.id("result")).getText();
    }

    /** How many clauses of the sample document carry the attacker's mark, read as the chair over REST. */
    private static long textsWithMark(RunningServer server) {
        try (HttpTestClient chair = new HttpTestClient(server.http().uri("/"))) {
            chair.bearer(TestPeople.signIn(chair, "chair", PASSWORD));
            long marked = 0;
            for (JsonNode document : HttpTestClient.json(chair.get("/api/documents")).get("documents")) {
                for (JsonNode clause : HttpTestClient.json(chair.get("/api/documents/" + document.get("id").asText()))
                        .get("clauses")) {
                    marked += clause.path("text").asText().contains(MARK) ? 1 : 0;
                }
            }
            return marked;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
