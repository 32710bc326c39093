package plenary.live;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import plenary.http.RunningServer;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static plenary.live.LiveDocs.q;

/**
 * A client id is recognised per account: another member who reuses someone's client id (they could
 * once read it in presence frames) gets their own submissions applied, and cannot make that
 * person's next edits look applied without applying them.
 */
@Tag("integration")
class ClientIdPerAccountTest {
    @TempDir
    Path data;

    @Test
    void reusingAnotherPersonsClientIdNeitherSwallowsTheirEditsNorYours() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        try (RunningServer server = RunningServer.start(data, "--no-samples")) {
            JsonNode created = LiveDocs.create(server.http(), "# Shared\n\n1. Alpha.\n2. Beta.\n");
            String documentId = created.get("id").asText();
            String alpha = LiveDocs.ids(created).get(0);
            String beta = LiveDocs.ids(created).get(1);
            URI live = LiveDocs.liveUri(server.port(), documentId);
            try (RawLiveSocket ana = RawLiveSocket.joined(http, live, "shared", null);
                 RawLiveSocket mallory = RawLiveSocket.joined(http, live, "shared", "Mallory Rapporteur")) {
                ana.commit(1, text(alpha, 0, 6, "[ana1]"));
                ana.commit(2, text(alpha, 1, 12, "[ana2]"));

                // Mallory's seq 1 and 2 under Ana's client id: new submissions of hers, applied.
                JsonNode first = mallory.commit(1, text(beta, 0, 5, "[mal1]"));
                assertEquals("Mallory Rapporteur", first.get("author").asText());
                mallory.commit(2, text(beta, 1, 11, "[mal2]"));
                // Mallory's seq 3 would have made Ana's next seq 3 a "duplicate" before; now both apply.
                mallory.commit(3, text(beta, 2, 17, "[mal3]"));
                // Ana's socket has Mallory's third commit before Ana sends hers, so that the first
                // commit of "shared", seq 3 after Ana's mark is Ana's (it raced on a loaded machine).
                ana.await(0, m -> RawLiveSocket.type(m).equals("ops") && java.util.stream.StreamSupport
                        .stream(m.path("ops").spliterator(), false).anyMatch(op -> op.path("seq").asLong() == 3
                                && "Mallory Rapporteur".equals(op.path("author").asText())), "Mallory's seq 3 at Ana's");
                JsonNode anaThree = ana.commit(3, text(alpha, 2, 18, "[ana3]"));
                assertEquals("Drafter", anaThree.get("author").asText());

                // Resubmissions are still recognised, each within its own account.
                int mark = mallory.submit(3, text(beta, 2, 17, "[mal3]"));
                JsonNode ack = mallory.await(mark, m -> !RawLiveSocket.type(m).equals("presence")
                        && !RawLiveSocket.type(m).equals("ops"), "the duplicate ack");
                assertEquals("ack", ack.get("type").asText(), ack::toString);
                assertTrue(ack.get("duplicate").asBoolean());
                assertEquals(5, ack.get("revision").asLong(), "Mallory's own seq 3, not Ana's");
            }
            JsonNode stored = server.getJson("/api/documents/" + documentId);
            assertEquals("Alpha.[ana1][ana2][ana3]", LiveDocs.clause(stored, alpha).get("text").asText());
            assertEquals("Beta.[mal1][mal2][mal3]", LiveDocs.clause(stored, beta).get("text").asText());
        }
    }

    private static String text(String clause, long version, int at, String token) {
        return "{\"type\":\"text\",\"clauseId\":" + q(clause) + ",\"version\":" + version + ",\"op\":[" + at + ","
                + q(token) + "]}";
    }
}
