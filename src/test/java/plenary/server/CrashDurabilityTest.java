package plenary.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import plenary.http.HttpTestClient;
import plenary.http.TestPeople;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An acknowledged write survives the process: after a 201 the document is on disk, whether the
 * server is then killed outright (on H2 and on PostgreSQL) or stopped with SIGTERM.
 */
@Tag("integration")
class CrashDurabilityTest {
    @TempDir
    Path dataDir;
    @TempDir
    Path logDir;

    private final List<ChildServer> children = new ArrayList<>();

    @AfterEach
    void killChildren() {
        children.forEach(ChildServer::close);
    }

    /** Where the children keep their documents: the embedded H2 file, or a PostgreSQL database. */
    enum Store { H2, POSTGRESQL }

    private List<String> storeArgs = List.of("--no-samples");

    @ParameterizedTest
    @EnumSource(Store.class)
    void acknowledgedDocumentsSurviveSigkill(Store store) throws Exception {
        if (store == Store.POSTGRESQL) {
            plenary.store.TestPostgres.Db db = plenary.store.TestPostgres.get().createDatabase();
            storeArgs = List.of("--no-samples", "--db-url", db.url(), "--db-user", db.user());
        }
        ChildServer first = start();
        Map<String, JsonNode> acknowledged = new LinkedHashMap<>();
        try (HttpTestClient http = signedIn(first)) {
            List<String> drafts = new ArrayList<>();
            for (int i = 1; i <= 20; i++) {
                drafts.add(draft(i));
            }
            List<CompletableFuture<HttpResponse<String>>> posts = new ArrayList<>();
            for (String draft : drafts) {
                posts.add(http.postMarkdownAsync(draft));
            }
            CompletableFuture.allOf(posts.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            // The last 201 is in: pull the plug before anything else can happen.
            first.process().destroyForcibly();
            for (int i = 0; i < posts.size(); i++) {
                HttpResponse<String> response = posts.get(i).join();
                assertEquals(201, response.statusCode(), response::body);
                JsonNode document = HttpTestClient.json(response);
                assertEquals("Crash draft " + (i + 1), document.path("title").asText());
                acknowledged.put(document.path("id").asText(), document);
            }
        }
        assertTrue(first.process().waitFor(30, TimeUnit.SECONDS), "the child died after SIGKILL");
        assertEquals(137, first.process().exitValue(), "killed by SIGKILL, not exited on its own");
        assertEquals(20, acknowledged.size(), "20 distinct ids");

        ChildServer second = start();
        try (HttpTestClient http = signedIn(second)) {
            for (Map.Entry<String, JsonNode> entry : acknowledged.entrySet()) {
                HttpResponse<String> response = http.get("/api/documents/" + entry.getKey());
                assertEquals(200, response.statusCode(), () -> "document " + entry.getKey()
                        + " acknowledged with 201 is gone after kill -9: " + response.body()
                        + "\nfirst child's output:\n" + first.output());
                assertSameText(entry.getValue(), HttpTestClient.json(response));
            }
            JsonNode list = HttpTestClient.json(http.get("/api/documents")).path("documents");
            assertEquals(20, list.size(), list::toString);
        }
    }

    @Test
    void sigtermShutsDownCleanlyAndKeepsTheDocument() throws Exception {
        ChildServer first = start();
        JsonNode created;
        try (HttpTestClient http = signedIn(first)) {
            HttpResponse<String> response = http.postMarkdown(draft(1));
            assertEquals(201, response.statusCode(), response::body);
            created = HttpTestClient.json(response);
            // The answer to an import also says what the import noticed; the document is the rest.
            ((com.fasterxml.jackson.databind.node.ObjectNode) created).remove("warnings");
        }
        first.process().destroy(); // SIGTERM
        assertTrue(first.process().waitFor(20, TimeUnit.SECONDS),
                () -> "no exit within 20 s of SIGTERM; output:\n" + first.output());
        int exit = first.process().exitValue();
        System.out.println("exit code after SIGTERM: " + exit);
        assertTrue(exit == 143 || exit == 0, "exit code " + exit + "; output:\n" + first.output());
        assertTrue(first.output().contains("shutting down"), first::output);

        ChildServer second = start();
        try (HttpTestClient http = signedIn(second)) {
            HttpResponse<String> response = http.get("/api/documents/" + created.path("id").asText());
            assertEquals(200, response.statusCode(), response::body);
            JsonNode reread = HttpTestClient.json(response);
            assertSameText(created, reread);
            assertEquals(created, reread, "the whole document is unchanged");
        }
    }

    private ChildServer start() throws Exception {
        Path log = logDir.resolve("child-" + (children.size() + 1) + ".log");
        ChildServer child = ChildServer.start(dataDir, log, storeArgs.toArray(String[]::new));
        children.add(child);
        return child;
    }

    private static void assertSameText(JsonNode expected, JsonNode actual) {
        assertEquals(expected.path("id"), actual.path("id"));
        assertEquals(expected.path("title"), actual.path("title"));
        JsonNode a = expected.path("clauses");
        JsonNode b = actual.path("clauses");
        assertEquals(a.size(), b.size(), () -> "clauses of " + expected.path("id") + ": " + b);
        assertTrue(a.size() >= 3, "a draft has clauses: " + a);
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).path("text"), b.get(i).path("text"));
            assertEquals(a.get(i).path("kind"), b.get(i).path("kind"));
        }
    }

    private static String draft(int n) {
        return """
                ---
                symbol: CRASH/%1$d
                ---

                # Crash draft %1$d

                *Recalling* resolution %1$d and its %1$d annexes,

                1. *Decides* that draft %1$d must survive a crash;
                2. *Requests* a report on item %1$d.
                """.formatted(n);
    }

    private static HttpTestClient signedIn(ChildServer child) {
        HttpTestClient http = new HttpTestClient(child.baseUri());
        return http.bearer(TestPeople.drafter(http));
    }
}
