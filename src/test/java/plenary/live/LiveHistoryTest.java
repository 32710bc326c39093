package plenary.live;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import plenary.editing.TextOp;
import plenary.http.HttpTestClient;
import plenary.http.RunningServer;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static plenary.live.LiveDocs.q;

/** The operation log read back: history pages, past revisions, and the snapshots beside the log. */
@Tag("integration")
class LiveHistoryTest {
    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    /** What one revision was: who, what kind of change, on which clause. */
    private record Entry(long revision, String author, String type, String clauseId) {
    }

    @Test
    void historyListsEveryRevisionAndEachRevisionIsWhatTheClientsSaw() throws Exception {
        Instant start = Instant.now();
        try (RunningServer server = RunningServer.start(dir, "--no-samples")) {
            HttpTestClient rest = server.http();
            JsonNode created = LiveDocs.create(rest, LiveDocs.STRUCTURED);
            String documentId = created.get("id").asText();
            String base = "/api/documents/" + documentId;
            List<String> ids = LiveDocs.ids(created);
            URI live = LiveDocs.liveUri(server.port(), documentId);

            List<Entry> expected = new ArrayList<>();
            Map<Long, Map<String, String>> seenByClient = new LinkedHashMap<>();
            Map<Long, JsonNode> storedAt = new LinkedHashMap<>();
            storedAt.put(0L, LiveDocs.getJson(rest, base));
            try (LiveTestClient hanna = new LiveTestClient(http, live, "hanna", "Hanna Historian",
                    new LiveTestClient.Listener() {
                    }).connect();
                 RawLiveSocket sam = RawLiveSocket.joined(http, live, "sam", "Sam Structurer")) {
                seenByClient.put(0L, hanna.texts());
                long revision = 0;
                // Text edits by Hanna, one at a time, each recorded as she saw it on its acknowledgement.
                for (int k = 1; k <= 6; k++) {
                    String clause = ids.get(2 + k % 3);
                    String text = hanna.text(clause);
                    TextOp op = k % 3 == 0
                            ? TextOp.builder().delete(1).build()
                            : TextOp.builder().retain(text.length()).insert(" e" + k).build();
                    hanna.edit(clause, op);
                    long target = ++revision;
                    hanna.await(() -> hanna.idle() && hanna.revision() == target, 10_000, "ack of edit " + k);
                    seenByClient.put(target, hanna.texts());
                    storedAt.put(target, LiveDocs.getJson(rest, base));
                    expected.add(new Entry(target, "Hanna Historian", "text", clause));
                }
                // Structure by Sam; Hanna follows.
                List<String[]> structure = List.of(
                        new String[]{"insert", "hist-new", "{\"type\":\"insert\",\"clauseId\":\"hist-new\",\"after\":"
                                + q(ids.get(6)) + ",\"kind\":\"operative\",\"text\":\"*Decides* to remain seized;\"}"},
                        new String[]{"move", ids.get(0), "{\"type\":\"move\",\"clauseId\":" + q(ids.get(0))
                                + ",\"after\":" + q(ids.get(1)) + "}"},
                        new String[]{"set-kind", ids.get(6), "{\"type\":\"set-kind\",\"clauseId\":" + q(ids.get(6))
                                + ",\"kind\":\"free-text\"}"},
                        new String[]{"delete", ids.get(5), "{\"type\":\"delete\",\"clauseId\":" + q(ids.get(5)) + "}"});
                long seq = 0;
                for (String[] s : structure) {
                    JsonNode commit = sam.commit(++seq, s[2]);
                    long target = ++revision;
                    assertEquals(target, commit.get("revision").asLong());
                    hanna.await(() -> hanna.revision() == target, 10_000, "hanna sees " + s[0]);
                    seenByClient.put(target, hanna.texts());
                    storedAt.put(target, LiveDocs.getJson(rest, base));
                    expected.add(new Entry(target, "Sam Structurer", s[0], s[1]));
                }
                // And one more text edit, on the clause Sam inserted.
                hanna.edit("hist-new", TextOp.builder().retain(10).insert("again ").build());
                long last = ++revision;
                hanna.await(() -> hanna.idle() && hanna.revision() == last, 10_000, "the last ack");
                seenByClient.put(last, hanna.texts());
                storedAt.put(last, LiveDocs.getJson(rest, base));
                expected.add(new Entry(last, "Hanna Historian", "text", "hist-new"));
                assertEquals(List.of(), hanna.errors());
            }
            Instant end = Instant.now();
            int n = expected.size();
            assertEquals(11, n);

            // The whole history, oldest first.
            JsonNode all = LiveDocs.getJson(rest, base + "/history");
            assertEquals(expected, entries(all));
            assertFalse(all.has("next"), "everything fits one page: " + all);
            Instant previous = start.minusSeconds(1);
            for (JsonNode r : all.get("revisions")) {
                Instant at = Instant.parse(r.get("at").asText());
                assertFalse(at.isBefore(previous), "time runs forward: " + all);
                assertFalse(at.isBefore(start.minusSeconds(1)) || at.isAfter(end.plusSeconds(1)), at + " in the test");
                previous = at;
            }

            // Pages of 4: 1-4 (next 4), 5-8 (next 8), 9-11 (no next).
            JsonNode page1 = LiveDocs.getJson(rest, base + "/history?limit=4");
            assertEquals(expected.subList(0, 4), entries(page1));
            assertEquals(4, page1.get("next").asLong());
            JsonNode page2 = LiveDocs.getJson(rest, base + "/history?after=" + page1.get("next").asLong() + "&limit=4");
            assertEquals(expected.subList(4, 8), entries(page2));
            assertEquals(8, page2.get("next").asLong());
            JsonNode page3 = LiveDocs.getJson(rest, base + "/history?after=" + page2.get("next").asLong() + "&limit=4");
            assertEquals(expected.subList(8, n), entries(page3));
            assertFalse(page3.has("next"), page3::toString);
            JsonNode beyond = LiveDocs.getJson(rest, base + "/history?after=" + n);
            assertEquals(0, beyond.get("revisions").size());
            assertFalse(beyond.has("next"));

            // Every revision is the document as it was stored then, and as the client saw it.
            for (long r = 0; r <= n; r++) {
                JsonNode at = LiveDocs.getJson(rest, base + "/revisions/" + r);
                assertEquals(storedAt.get(r), at, "revision " + r);
                assertEquals(r, at.get("revision").asLong());
                assertEquals(seenByClient.get(r), LiveDocs.texts(at), "revision " + r + " as the client saw it");
            }
            assertEquals(LiveDocs.getJson(rest, base), LiveDocs.getJson(rest, base + "/revisions/" + n));

            // Bad requests.
            LiveDocs.assertProblem(rest.get(base + "/revisions/" + (n + 1)), 404, "/problems/not-found");
            LiveDocs.assertProblem(rest.get(base + "/revisions/999999"), 404, "/problems/not-found");
            LiveDocs.assertProblem(rest.get(base + "/revisions/abc"), 400, "/problems/bad-request");
            LiveDocs.assertProblem(rest.get(base + "/revisions/-1"), 400, "/problems/bad-request");
            LiveDocs.assertProblem(rest.get("/api/documents/nosuchdoc/revisions/1"), 404, "/problems/not-found");
            LiveDocs.assertProblem(rest.get("/api/documents/nosuchdoc/revisions/0"), 404, "/problems/not-found");
            LiveDocs.assertProblem(rest.get("/api/documents/nosuchdoc/history"), 404, "/problems/not-found");
            LiveDocs.assertProblem(rest.get("/api/documents/bad.id/history"), 400, "/problems/bad-request");
            LiveDocs.assertProblem(rest.get(base + "/history?limit=0"), 400, "/problems/bad-request");
            LiveDocs.assertProblem(rest.get(base + "/history?limit=abc"), 400, "/problems/bad-request");
            LiveDocs.assertProblem(rest.get(base + "/history?after=-1"), 400, "/problems/bad-request");
        }
    }

    @Test
    void snapshotsAreWrittenEveryNRevisionsAndARestartGivesTheSameDocument() throws Exception {
        String documentId;
        JsonNode before;
        Map<Long, JsonNode> storedAt = new LinkedHashMap<>();
        try (RunningServer server = RunningServer.start(dir, "--no-samples", "--snapshot-every", "10")) {
            HttpTestClient rest = server.http();
            JsonNode created = LiveDocs.create(rest, LiveDocs.STRUCTURED);
            documentId = created.get("id").asText();
            List<String> ids = LiveDocs.ids(created);
            try (LiveTestClient typist = new LiveTestClient(http, LiveDocs.liveUri(server.port(), documentId), "typist")
                    .connect()) {
                for (int k = 1; k <= 35; k++) {
                    String clause = ids.get(k % ids.size());
                    typist.edit(clause, TextOp.builder().retain(typist.text(clause).length()).insert(" " + k).build());
                    int target = k;
                    typist.await(() -> typist.idle() && typist.revision() == target, 10_000, "ack " + k);
                    if (k % 5 == 0) {
                        storedAt.put((long) k, LiveDocs.getJson(rest, "/api/documents/" + documentId));
                    }
                }
                assertEquals(List.of(), typist.errors());
            }
            before = LiveDocs.getJson(rest, "/api/documents/" + documentId);
            assertEquals(35, before.get("revision").asLong());
        }
        // The server is closed: read its store directly.
        String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("plenary")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
        List<Long> snapshots = new ArrayList<>();
        long logged;
        try (Connection c = DriverManager.getConnection(url)) {
            try (PreparedStatement q = c.prepareStatement(
                    "SELECT revision FROM document_snapshots WHERE document_id = ? ORDER BY revision")) {
                q.setString(1, documentId);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        snapshots.add(rs.getLong(1));
                    }
                }
            }
            try (PreparedStatement q = c.prepareStatement("SELECT COUNT(*) FROM operations WHERE document_id = ?")) {
                q.setString(1, documentId);
                try (ResultSet rs = q.executeQuery()) {
                    assertTrue(rs.next());
                    logged = rs.getLong(1);
                }
            }
        }
        assertEquals(List.of(0L, 10L, 20L, 30L), snapshots);
        assertEquals(35, logged, "every revision is in the log, snapshots or not");

        try (RunningServer restarted = RunningServer.start(dir, "--no-samples", "--snapshot-every", "10")) {
            HttpTestClient rest = restarted.http();
            assertEquals(before, LiveDocs.getJson(rest, "/api/documents/" + documentId));
            // Past revisions, between and on snapshots, read the same after the restart.
            for (Map.Entry<Long, JsonNode> e : storedAt.entrySet()) {
                assertEquals(e.getValue(), LiveDocs.getJson(rest, "/api/documents/" + documentId + "/revisions/"
                        + e.getKey()), "revision " + e.getKey());
            }
            // And live editing continues from there.
            try (LiveTestClient after = new LiveTestClient(http, LiveDocs.liveUri(restarted.port(), documentId),
                    "after-restart").connect()) {
                assertEquals(35, after.revision());
                assertEquals(LiveDocs.texts(before), after.texts());
            }
        }
    }

    private static List<Entry> entries(JsonNode page) {
        List<Entry> entries = new ArrayList<>();
        for (JsonNode r : page.get("revisions")) {
            entries.add(new Entry(r.get("revision").asLong(), r.get("author").asText(), r.get("type").asText(),
                    r.get("clauseId").asText()));
        }
        return entries;
    }
}
