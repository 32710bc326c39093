package plenary.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import plenary.editing.ChangeJson;
import plenary.editing.Commit;
import plenary.editing.CommitHash;
import plenary.editing.TextOp;
import plenary.http.HttpTestClient;
import plenary.http.RunningServer;
import plenary.live.LiveTestClient;
import plenary.store.TestPostgres;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Plenary server itself on PostgreSQL ({@code --db-url} to a fresh database of the tests'
 * throwaway cluster): the migrations V1 to V6 run there, a document is created, edited live by two
 * clients and by a negotiation decision (fenced writes of commits and events), the server is
 * restarted, and everything is read back, then edited again.
 */
@Tag("integration")
class PostgresServerTest {
    private static final String DRAFT = """
            # On PostgreSQL

            *Recalling* the first paragraph,

            1. *Calls upon* cities to act;
            2. *Encourages* regions to report;
            3. *Invites* networks to share;
            """;

    @TempDir
    Path dir;

    @Test
    void theServerRunsOnPostgresqlAndKeepsLiveEditsAcrossARestart() throws Exception {
        TestPostgres.Db db = TestPostgres.get().createDatabase();
        String[] args = {"--no-samples", "--db-url", db.url(), "--db-user", db.user()};
        HttpClient http = HttpClient.newHttpClient();
        String documentId;
        List<String> clauses = new ArrayList<>();
        Map<String, String> texts;
        long revision;
        try (RunningServer server = RunningServer.start(dir, args)) {
            HttpResponse<String> created = server.postMarkdown(DRAFT);
            assertEquals(201, created.statusCode(), created.body());
            JsonNode document = HttpTestClient.json(created);
            documentId = document.get("id").asText();
            document.get("clauses").forEach(c -> clauses.add(c.get("id").asText()));
            URI live = URI.create("ws://127.0.0.1:" + server.port() + "/api/documents/" + documentId + "/live");
            long typed;
            try (LiveTestClient a = new LiveTestClient(http, live, "pg-a").withToken(server.token()).connect();
                 LiveTestClient b = new LiveTestClient(http, live, "pg-b").withToken(server.token()).connect()) {
                for (int i = 0; i < 5; i++) {
                    a.edit(clauses.get(1), TextOp.builder().insert("a" + i + " ").build());
                    b.edit(clauses.get(1), TextOp.builder().insert("b" + i + " ").build());
                    b.edit(clauses.get(2), TextOp.builder().insert("B" + i + " ").build());
                }
                for (LiveTestClient c : List.of(a, b)) {
                    c.await(c::idle, 30_000, "the edits of " + c.clientId() + " acknowledged");
                    assertEquals(List.of(), c.errors(), c.clientId());
                }
                JsonNode afterTyping = server.getJson("/api/documents/" + documentId);
                typed = afterTyping.get("revision").asLong();
                for (LiveTestClient c : List.of(a, b)) {
                    long target = typed;
                    c.await(() -> c.idle() && c.revision() >= target, 30_000, "catching up to revision " + target);
                    assertEquals(texts(afterTyping), c.texts(), c.clientId() + " has the stored text");
                }
                assertTrue(typed >= 3, "the edits were committed: revision " + typed);
            }
            // A negotiation decision: a commit and an event in one fenced write.
            HttpResponse<String> status = server.http().putJson("/api/documents/" + documentId + "/clauses/"
                    + clauses.get(3) + "/status", "{\"status\":\"agreed-ad-ref\"}");
            assertEquals(200, status.statusCode(), status.body());
            JsonNode stored = server.getJson("/api/documents/" + documentId);
            texts = texts(stored);
            revision = stored.get("revision").asLong();
            assertEquals(typed + 1, revision, "the status is one more revision");
            assertTrue(texts.get(clauses.get(1)).contains("a4 ") && texts.get(clauses.get(1)).contains("b4 "));
        }
        assertFalse(Files.exists(dir.resolve("plenary.mv.db")), "no H2 file: the store was PostgreSQL");

        try (RunningServer server = RunningServer.start(dir, args)) {
            JsonNode stored = server.getJson("/api/documents/" + documentId);
            assertEquals(revision, stored.get("revision").asLong());
            assertEquals(texts, texts(stored), "the text after a restart is the text before it");
            assertEquals("agreed-ad-ref", stored.get("clauses").get(3).get("status").asText());
            assertEquals(1, server.getJson("/api/documents/" + documentId + "/negotiation").get("seq").asLong());

            URI live = URI.create("ws://127.0.0.1:" + server.port() + "/api/documents/" + documentId + "/live");
            try (LiveTestClient c = new LiveTestClient(http, live, "pg-c").withToken(server.token()).connect()) {
                assertEquals(revision, c.revision(), "the reloaded sequencer starts where the store is");
                assertEquals(texts, c.texts());
                c.edit(clauses.get(1), TextOp.builder().insert("After restart: ").build());
                c.await(() -> c.idle() && c.revision() == revision + 1, 30_000, "an edit after the restart");
                assertEquals(List.of(), c.errors());
            }
            assertTrue(texts(server.getJson("/api/documents/" + documentId)).get(clauses.get(1))
                    .startsWith("After restart: "));
        }

        // What PostgreSQL itself holds: every migration, one hash chain with no gap, the head at its end.
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), "")) {
            List<String> versions = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL ORDER BY installed_rank")) {
                while (rs.next()) {
                    versions.add(rs.getString(1));
                }
            }
            // V1 to V6 are what this test writes against; later versions (V7: invitations) follow them.
            assertEquals(List.of("1", "2", "3", "4", "5", "6"), versions.subList(0, Math.min(6, versions.size())),
                    versions::toString);
            assertTrue(versions.contains("7"), versions::toString);
            String previous = CommitHash.genesis(documentId);
            long expected = 0;
            try (PreparedStatement q = c.prepareStatement("""
                    SELECT revision, payload, client_id, client_seq, author_id, hash FROM operations
                    WHERE document_id = ? ORDER BY revision""")) {
                q.setString(1, documentId);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        expected++;
                        assertEquals(expected, rs.getLong(1), "no gap");
                        Commit commit = new Commit(rs.getLong(1), ChangeJson.decode(HttpTestClient.JSON.readTree(
                                rs.getString(2))), rs.getString(3), rs.getLong(4), null, rs.getString(5), null, null);
                        previous = CommitHash.next(previous, commit);
                        assertEquals(previous, rs.getString(6), "hash of revision " + expected);
                    }
                }
            }
            assertEquals(revision + 1, expected);
            try (PreparedStatement q = c.prepareStatement(
                    "SELECT revision, negotiation_seq FROM documents WHERE id = ?")) {
                q.setString(1, documentId);
                try (ResultSet rs = q.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(revision + 1, rs.getLong(1));
                    assertEquals(1, rs.getLong(2));
                }
            }
        } catch (SQLException e) {
            throw new AssertionError("reading the PostgreSQL store: " + e, e);
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".mv.db")), "still no H2 file");
        }
    }

    private static Map<String, String> texts(JsonNode document) {
        Map<String, String> texts = new LinkedHashMap<>();
        document.get("clauses").forEach(c -> texts.put(c.get("id").asText(), c.get("text").asText()));
        return texts;
    }
}
