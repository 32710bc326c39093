package plenary.live;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import plenary.http.HttpTestClient;
import plenary.http.RunningServer;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static plenary.live.LiveDocs.q;

/**
 * A trailing keep is dropped from the canonical form, but it still says how long the op thinks the
 * text is: one that reaches past the end of the clause text it was written on (the text at its
 * {@code version}) is refused with {@code op-out-of-range}, and one that ends exactly there is fine.
 */
@Tag("integration")
class LiveTrailingKeepTest {
    private static final String TEN = "Ten chars.";

    @TempDir
    static Path dir;

    static RunningServer server;
    static HttpTestClient rest;
    static HttpClient http;

    @BeforeAll
    static void start() throws Exception {
        server = RunningServer.start(dir, "--no-samples");
        rest = server.http();
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aTrailingKeepPastTheEndOfTheTextIsOutOfRange() throws Exception {
        Doc doc = new Doc();
        try (RawLiveSocket socket = doc.socket("past-end")) {
            long seq = 1;
            for (String op : new String[] {"[100]", "[2,\"x\",500]", "[11]", "[2,\"x\",9]", "[-2,9]"}) {
                JsonNode answer = doc.send(socket, seq++, doc.version(), op);
                assertEquals("error", answer.path("type").asText(), () -> op + ": " + answer);
                assertEquals("op-out-of-range", answer.path("code").asText(), () -> op + ": " + answer);
                assertEquals(seq - 1, answer.path("seq").asLong(), answer::toString);
            }
            assertEquals(TEN, doc.text(), "nothing applied");
            assertEquals(0, doc.version());
        }
    }

    @Test
    void aTrailingKeepEndingExactlyAtTheEndIsApplied() throws Exception {
        Doc doc = new Doc();
        try (RawLiveSocket socket = doc.socket("at-end")) {
            JsonNode commit = doc.send(socket, 1, 0, "[2,\"x\",8]");
            assertEquals(1, commit.path("revision").asLong(), () -> "a commit: " + commit);
            assertEquals("[2,\"x\"]", commit.at("/change/op").toString(), "stored in canonical form");
            assertEquals("Texn chars.", doc.text());
            JsonNode keepAll = doc.send(socket, 2, 1, "[11]");
            assertEquals("[]", keepAll.at("/change/op").toString(), () -> "a commit that changes nothing: " + keepAll);
            assertEquals("Texn chars.", doc.text());
        }
    }

    /**
     * What counts is the text at the op's version, not the text now: after a concurrent delete a keep
     * of the old length still fits; after a concurrent insert a keep past the old end does not.
     */
    @Test
    void aTrailingKeepIsMeasuredOnTheTextItWasWrittenOn() throws Exception {
        Doc doc = new Doc();
        try (RawLiveSocket writer = doc.socket("late-writer"); RawLiveSocket other = doc.socket("other")) {
            doc.send(other, 1, 0, "[3,-5]"); // "Ten" + "s." → "Tens." at version 1
            assertEquals("Tens.", doc.text());
            JsonNode shrunk = doc.send(writer, 1, 0, "[2,\"x\",8]");
            assertEquals("[2,\"x\"]", shrunk.at("/change/op").toString(), shrunk::toString);
            assertEquals(1, shrunk.at("/change/version").asLong(), "transformed onto version 1");
            assertEquals("Texns.", doc.text());

            doc.send(other, 2, 2, "[\"Grown: \"]"); // version 3, 13 units; the writer saw 6 at version 2
            String grown = doc.text();
            assertEquals("Grown: Texns.", grown);
            JsonNode refused = doc.send(writer, 2, 2, "[1,\"y\"," + (grown.length() - 1) + "]");
            assertEquals("op-out-of-range", refused.path("code").asText(), refused::toString);
            assertEquals(grown, doc.text(), "nothing applied");
            JsonNode fits = doc.send(writer, 2, 2, "[1,\"y\",5]");
            assertFalse(fits.has("code"), fits::toString);
            assertEquals("Grown: Tyexns.", doc.text());
        }
    }

    /** A fresh document whose one clause is {@value #TEN}. */
    private static final class Doc {
        final String id;
        final String clauseId;

        Doc() {
            JsonNode created = LiveDocs.create(rest, "# Keep\n\n" + TEN + "\n");
            id = created.get("id").asText();
            clauseId = LiveDocs.ids(created).getFirst();
            assertEquals(TEN, text());
            assertEquals(10, text().length());
        }

        RawLiveSocket socket(String clientId) throws Exception {
            return RawLiveSocket.joined(http, uri(), clientId, "Keeper");
        }

        /** Submits a text op; returns the commit, or the error naming this seq. */
        JsonNode send(RawLiveSocket socket, long seq, long version, String op) throws Exception {
            int mark = socket.submit(seq, "{\"type\":\"text\",\"clauseId\":" + q(clauseId) + ",\"version\":"
                    + version + ",\"op\":" + op + "}");
            JsonNode[] commit = new JsonNode[1];
            JsonNode answer = socket.await(mark, m -> {
                if (RawLiveSocket.type(m).equals("error")) {
                    return m.path("seq").asLong(-1) == seq;
                }
                if (RawLiveSocket.type(m).equals("ops")) {
                    for (JsonNode c : m.get("ops")) {
                        if (c.path("clientId").asText().equals(socket.clientId()) && c.path("seq").asLong() == seq) {
                            commit[0] = c;
                            return true;
                        }
                    }
                }
                return false;
            }, "the answer to seq " + seq);
            return commit[0] != null ? commit[0] : answer;
        }

        String text() {
            return LiveDocs.clause(document(), clauseId).get("text").asText();
        }

        long version() {
            return LiveDocs.clause(document(), clauseId).get("version").asLong();
        }

        private JsonNode document() {
            return LiveDocs.getJson(rest, "/api/documents/" + id);
        }

        private URI uri() {
            return LiveDocs.liveUri(server.port(), id);
        }
    }
}
