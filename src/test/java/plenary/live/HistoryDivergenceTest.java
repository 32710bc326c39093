package plenary.live;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import plenary.http.RunningServer;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static plenary.live.LiveDocs.q;

/**
 * A server whose store was restored from an older copy has another history than the one its
 * clients saw. A client rejoining with the revision and hash it last saw is told so ({@code
 * diverged}), gets the server's document and learns which of its own acknowledged submissions the
 * server still holds ({@code lastSeq}); a client whose last commit is still in the history gets the
 * ops it missed as usual.
 */
@Tag("integration")
class HistoryDivergenceTest {
    @TempDir
    Path data;
    @TempDir
    Path backup;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aRestoredOlderStoreIsDetectedOnRejoin() throws Exception {
        String documentId;
        String clause;
        List<JsonNode> mine = new ArrayList<>(); // X's commits, revisions 1 to 6
        try (RunningServer first = RunningServer.start(data, "--no-samples")) {
            JsonNode created = LiveDocs.create(first.http(), "# Restored\n\n1. Text.\n");
            documentId = created.get("id").asText();
            clause = LiveDocs.ids(created).getFirst();
            try (RawLiveSocket x = RawLiveSocket.joined(http, LiveDocs.liveUri(first.port(), documentId), "x", null)) {
                for (int seq = 1; seq <= 3; seq++) {
                    mine.add(append(x, seq, clause, mine));
                }
            }
        }
        // The copy an operator keeps, taken at revision 3 (the server closed cleanly).
        Files.copy(data.resolve("plenary.mv.db"), backup.resolve("plenary.mv.db"));

        try (RunningServer second = RunningServer.start(data, "--no-samples")) {
            URI live = LiveDocs.liveUri(second.port(), documentId);
            try (RawLiveSocket x = RawLiveSocket.open(http, live, null)) {
                JsonNode joined = join(x, "x", 3, hash(mine, 3));
                assertFalse(joined.has("diverged"), joined::toString);
                assertEquals(0, joined.get("ops").size(), "nothing happened since");
                assertEquals(3, joined.get("lastSeq").asLong());
                assertEquals(hash(mine, 3), joined.get("hash").asText(), "the history survived a clean restart");
                for (int seq = 4; seq <= 6; seq++) {
                    mine.add(append(x, seq, clause, mine));
                }
            }
        }
        // The store is restored from the copy: revisions 4 to 6, acknowledged to X, are gone.
        Files.copy(backup.resolve("plenary.mv.db"), data.resolve("plenary.mv.db"), StandardCopyOption.REPLACE_EXISTING);

        try (RunningServer restored = RunningServer.start(data, "--no-samples")) {
            URI live = LiveDocs.liveUri(restored.port(), documentId);
            JsonNode other;
            try (RawLiveSocket y = RawLiveSocket.joined(http, live, "y", null)) {
                other = y.commit(1, "{\"type\":\"text\",\"clauseId\":" + q(clause) + ",\"version\":3,\"op\":[4,\" Y\"]}");
            }
            assertEquals(4, other.get("revision").asLong(), "the restored server goes on from revision 3");

            try (RawLiveSocket x = RawLiveSocket.open(http, live, null)) {
                JsonNode joined = join(x, "x", 6, hash(mine, 6));
                assertTrue(joined.path("diverged").asBoolean(), joined::toString);
                assertEquals(3, joined.get("lastSeq").asLong(), "X's submissions 4 to 6 are not in this history");
                assertEquals(4, joined.get("revision").asLong());
                assertEquals(other.get("hash").asText(), joined.get("hash").asText());
                String text = LiveDocs.clause(joined.get("document"), clause).get("text").asText();
                assertEquals("Text Y.[x1][x2][x3]", text, "the server's text, with nothing of the lost history");
            }
            try (RawLiveSocket x = RawLiveSocket.open(http, live, null)) {
                // Revision 4 exists here, but it is Y's, not the X's that the client saw.
                JsonNode joined = join(x, "x", 4, hash(mine, 4));
                assertTrue(joined.path("diverged").asBoolean(), joined::toString);
            }
            try (RawLiveSocket x = RawLiveSocket.open(http, live, null)) {
                // A client that never saw the lost commits catches up with ops, as ever.
                JsonNode joined = join(x, "x", 3, hash(mine, 3));
                assertFalse(joined.has("diverged"), joined::toString);
                assertEquals(1, joined.get("ops").size());
                assertEquals(other.get("hash").asText(), joined.get("ops").get(0).get("hash").asText());
            }
            try (RawLiveSocket x = RawLiveSocket.open(http, live, null)) {
                // Without a hash, a revision beyond the server's is a divergence all the same.
                JsonNode joined = join(x, "x", 6, null);
                assertTrue(joined.path("diverged").asBoolean(), joined::toString);
            }
        }
    }

    /** X appends "[x{seq}]" at the end of the clause; returns the commit. */
    private static JsonNode append(RawLiveSocket x, int seq, String clause, List<JsonNode> before) throws Exception {
        long version = before.isEmpty() ? 0 : before.getLast().get("change").get("version").asLong() + 1;
        int length = "Text.".length() + 4 * before.size();
        int mark = x.submit(seq, "{\"type\":\"text\",\"clauseId\":" + q(clause) + ",\"version\":" + version
                + ",\"op\":[" + length + "," + q("[x" + seq + "]") + "]}");
        JsonNode commit = x.awaitCommit(mark, "x", seq);
        assertEquals(64, commit.get("hash").asText().length(), commit::toString);
        return commit;
    }

    private static String hash(List<JsonNode> commits, long revision) {
        return commits.stream().filter(c -> c.get("revision").asLong() == revision).findFirst().orElseThrow()
                .get("hash").asText();
    }

    private static JsonNode join(RawLiveSocket socket, String clientId, long since, String hash) throws Exception {
        int mark = socket.mark();
        socket.send("{\"type\":\"join\",\"clientId\":" + q(clientId) + ",\"since\":" + since
                + (hash == null ? "" : ",\"hash\":" + q(hash)) + "}");
        JsonNode joined = socket.await(mark, m -> RawLiveSocket.type(m).equals("joined")
                || RawLiveSocket.type(m).equals("error"), "joined");
        assertEquals("joined", RawLiveSocket.type(joined), joined::toString);
        return joined;
    }
}
