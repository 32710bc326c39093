package plenary.negotiation;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import plenary.http.HttpTestClient;
import plenary.http.RunningServer;
import plenary.http.TestPeople;
import plenary.people.SocketProbe;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A delegation's draft amendment is its own business until it is tabled: other delegations do not
 * see it over REST, nor its text, its comments or its withdrawal on the live socket or, for the
 * chair, in the audit log.
 */
@Tag("integration")
class DraftPrivacyTest {
    @TempDir
    Path dir;

    @Test
    void draftsStayWithTheirDelegationUntilTabled() throws Exception {
        try (RunningServer server = RunningServer.start(dir, "--no-samples")) {
            HttpTestClient admin = server.http();
            String adminToken = TestPeople.signIn(admin, "admin", TestPeople.ADMIN_PASSWORD);
            String meeting = TestPeople.withToken(admin, adminToken, () -> HttpTestClient.json(
                    admin.postJson("/api/meetings", "{\"name\":\"Privacy\"}")).get("id").asText());
            TestPeople.invite(admin, adminToken, meeting, "chair", null, "chair", "password-of-chair", "Chair");
            TestPeople.invite(admin, adminToken, meeting, "delegate", "City of Graz", "graz", "password-of-graz", "Graz");
            TestPeople.invite(admin, adminToken, meeting, "delegate", "UCLG", "uclg", "password-of-uclg", "UCLG");
            HttpTestClient chair = client(server, "chair");
            HttpTestClient graz = client(server, "graz");
            HttpTestClient uclg = client(server, "uclg");
            JsonNode created = HttpTestClient.json(chair.post("/api/documents", HttpTestClient.MARKDOWN,
                    "# Draft\n\n1. *Calls upon* cities to act;\n".getBytes(StandardCharsets.UTF_8)));
            String doc = "/api/documents/" + created.get("id").asText();
            String clause = created.get("clauses").get(0).get("id").asText();
            URI live = URI.create("ws://127.0.0.1:" + server.port() + doc + "/live");
            try (SocketProbe watcher = (SocketProbe) SocketProbe.open(HttpClient.newHttpClient(), live, uclg.bearer())) {
                watcher.send("{\"type\":\"join\",\"clientId\":\"watcher\",\"since\":-1}");
                watcher.await(0, m -> SocketProbe.type(m, "joined"));

                String secret = "SECRET-WORDING-OF-GRAZ";
                JsonNode draft = HttpTestClient.json(graz.postJson(doc + "/amendments", "{\"clauseId\":\"" + clause
                        + "\",\"text\":\"*Calls upon* cities " + secret + ";\"}"));
                String id = draft.get("id").asText();
                assertEquals("draft", draft.get("state").asText());
                assertEquals(201, graz.postJson(doc + "/comments", "{\"target\":\"amendment\",\"targetId\":\"" + id
                        + "\",\"body\":\"Internal note " + secret + "\"}").statusCode());
                assertEquals(200, graz.postJson(doc + "/amendments/" + id + "/withdraw", "{}").statusCode());

                // Others: not there over REST, before or after the withdrawal.
                assertEquals(404, uclg.get(doc + "/amendments/" + id).statusCode());
                assertFalse(uclg.get(doc + "/negotiation").body().contains(secret));
                assertEquals(404, uclg.postJson(doc + "/comments", "{\"target\":\"amendment\",\"targetId\":\"" + id
                        + "\",\"body\":\"Found it\"}").statusCode());
                // Its delegation still sees it, withdrawn.
                assertEquals("withdrawn", HttpTestClient.json(graz.get(doc + "/amendments/" + id)).get("state").asText());

                // The socket: three entries arrive, hidden, with nothing of the text.
                assertEquals(200, chair.putJson(doc + "/phases/tabling", "{\"open\":true}").statusCode());
                watcher.await(0, m -> SocketProbe.type(m, "negotiation") && m.toString().contains("phase-set"));
                String frames = watcher.received().toString();
                assertFalse(frames.contains(secret), frames);
                assertFalse(frames.contains(id), "not even the draft's id: " + frames);
                long hidden = watcher.received().stream().filter(m -> SocketProbe.type(m, "negotiation"))
                        .flatMap(m -> java.util.stream.StreamSupport.stream(m.get("events").spliterator(), false))
                        .filter(e -> e.path("hidden").asBoolean()).count();
                assertEquals(3, hidden, "drafted, commented and withdrawn show as hidden entries: " + frames);
                // The chair's audit log follows the same rule: three hidden entries, nothing of the draft.
                JsonNode audit = HttpTestClient.json(chair.get(doc + "/audit")).get("entries");
                assertFalse(audit.toString().contains(secret), audit.toString());
                assertFalse(audit.toString().contains(id), "not even the draft's id: " + audit);
                long hiddenInAudit = java.util.stream.StreamSupport.stream(audit.spliterator(), false)
                        .filter(e -> e.path("hidden").asBoolean()).count();
                assertEquals(3, hiddenInAudit, audit.toString());
            }
        }
    }

    private static HttpTestClient client(RunningServer server, String username) {
        HttpTestClient client = new HttpTestClient(URI.create("http://127.0.0.1:" + server.port() + "/"));
        return client.bearer(TestPeople.signIn(client, username, "password-of-" + username));
    }
}
