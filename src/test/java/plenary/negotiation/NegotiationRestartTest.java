package plenary.negotiation;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import plenary.http.AdjustableClock;
import plenary.http.HttpTestClient;
import plenary.http.RunningServer;
import plenary.http.TestPeople;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static plenary.http.HttpTestClient.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The negotiation lives in the sequencer's memory but is the fold of its log: after a restart it
 * is the same, and a silence procedure whose deadline passed while the server was down concludes
 * when the document is loaded again. The deadline is an hour ahead on a clock the test moves on
 * while no server runs; both servers read that one clock.
 */
@Tag("integration")
class NegotiationRestartTest {
    @TempDir
    Path dir;

    @Test
    void aRestartedServerHasTheSameNegotiationAndConcludesAnOverdueSilence() throws Exception {
        String doc;
        String clause;
        JsonNode before;
        Instant deadline;
        AdjustableClock clock = new AdjustableClock();
        try (RunningServer server = RunningServer.startWith(dir, Map.of(), clock, "--no-samples")) {
            HttpTestClient admin = server.http();
            String adminToken = TestPeople.signIn(admin, "admin", TestPeople.ADMIN_PASSWORD);
            String meeting = TestPeople.withToken(admin, adminToken, () -> HttpTestClient.json(
                    admin.postJson("/api/meetings", "{\"name\":\"Restart\"}")).get("id").asText());
            TestPeople.invite(admin, adminToken, meeting, "chair", null, "chair", "password-of-chair", "Chair");
            TestPeople.invite(admin, adminToken, meeting, "delegate", "City of Graz", "graz", "password-of-graz", "Graz");
            HttpTestClient chair = client(server, "chair");
            HttpTestClient graz = client(server, "graz");
            JsonNode created = HttpTestClient.json(ok(chair.post("/api/documents", HttpTestClient.MARKDOWN,
                    "# Draft\n\n1. *Calls upon* cities to act;\n\n2. *Decides* to meet again.\n".getBytes(StandardCharsets.UTF_8))));
            doc = "/api/documents/" + created.get("id").asText();
            clause = created.get("clauses").get(0).get("id").asText();
            ok(chair.putJson(doc + "/phases/tabling", "{\"open\":true}"));
            String amendment = HttpTestClient.json(ok(graz.postJson(doc + "/amendments", "{\"clauseId\":\"" + clause
                    + "\",\"text\":\"*Calls upon* cities and regions to act;\",\"table\":true}"))).get("id").asText();
            ok(graz.postJson(doc + "/comments", "{\"target\":\"amendment\",\"targetId\":\"" + amendment
                    + "\",\"stance\":\"support\",\"body\":\"Regions matter.\"}"));
            ok(chair.putJson(doc + "/phases/voting", "{\"open\":true}"));
            String vote = HttpTestClient.json(ok(chair.postJson(doc + "/votes", "{\"subject\":\"amendment\",\"subjectId\":\""
                    + amendment + "\",\"question\":\"Accept?\",\"ballot\":\"roll-call\"}"))).get("id").asText();
            ok(graz.postJson(doc + "/votes/" + vote + "/presence", "{}"));
            ok(chair.postJson(doc + "/votes/" + vote + "/open", "{}"));
            ok(graz.postJson(doc + "/votes/" + vote + "/ballots", "{\"choice\":\"yes\"}"));
            ok(chair.postJson(doc + "/votes/" + vote + "/close", "{}"));
            deadline = clock.instant().plus(Duration.ofHours(1));
            ok(chair.postJson(doc + "/silence", "{\"deadline\":\"" + deadline + "\"}"));
            before = HttpTestClient.json(ok(chair.get(doc + "/negotiation")));
            assertEquals(11, before.get("seq").asLong(), "eleven events: " + before);
            assertFalse(before.get("silences").get(0).get("concluded").asBoolean(), "an hour before its deadline");
        }
        clock.advance(Duration.ofHours(1).plusSeconds(1)); // the deadline passes while no server runs
        assertTrue(clock.instant().isAfter(deadline));
        try (RunningServer server = RunningServer.startWith(dir, Map.of(), clock, "--no-samples")) {
            HttpTestClient chair = client(server, "chair");
            JsonNode after = HttpTestClient.json(ok(chair.get(doc + "/negotiation")));
            // Loading folds the log, then the overdue deadline concludes the silence as the next event.
            assertEquals(before.get("amendments"), after.get("amendments"));
            assertEquals(before.get("comments"), after.get("comments"));
            assertEquals(before.get("votes"), after.get("votes"));
            // The audit log and the document are read from the store, where the conclusion and the
            // statuses it sets land in one write; the negotiation view shows it once decided, before.
            JsonNode audit = chair.awaitAudit(doc, "silence-concluded");
            assertEquals("silence-concluded", audit.get(audit.size() - 1).get("action").asText(), audit.toString());
            JsonNode concluded = HttpTestClient.json(ok(chair.get(doc + "/negotiation")));
            assertTrue(concluded.get("silences").get(0).get("concluded").asBoolean(), concluded.toString());
            assertEquals(before.get("seq").asLong() + 1, concluded.get("seq").asLong(),
                    "the conclusion, which agrees both paragraphs: one event, once");
            for (JsonNode c : HttpTestClient.json(ok(chair.get(doc))).get("clauses")) {
                assertEquals("agreed", c.get("status").asText(), c.toString());
            }
        }
    }

    private static HttpTestClient client(RunningServer server, String username) {
        HttpTestClient client = new HttpTestClient(URI.create("http://127.0.0.1:" + server.port() + "/"));
        return client.bearer(TestPeople.signIn(client, username, "password-of-" + username));
    }
}
