package plenary.negotiation;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import plenary.http.HttpTestClient;
import plenary.http.RunningServer;
import plenary.http.MeetingPeople;
import plenary.people.SocketProbe;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Agreed language stays agreed: once the chair marks a paragraph agreed (or agreed ad ref), a live
 * edit, a deletion, a move, an accepted amendment and a compromise on it are all refused with
 * {@code paragraph-agreed}, over REST and over the socket, and the text is untouched. Reopening it
 * (status back to bracketed) is an audit entry that says so and a notice to everyone on the
 * socket, after which the same edits go through.
 */
@Tag("integration")
class AgreedLanguageTest {
    private static final String DRAFT = """
            # Agreed language

            *Recalling* the Universal Declaration of Human Rights,

            1. *Calls upon* local governments to adopt human rights action plans;

            2. *Encourages* cities to report every two years;
            """;

    @TempDir
    static Path dir;

    private static RunningServer server;
    private static HttpTestClient chair;
    private static HttpTestClient rapporteur;
    private static HttpTestClient graz;

    @BeforeAll
    static void setUp() throws Exception {
        server = RunningServer.start(dir, "--no-samples");
        MeetingPeople people = new MeetingPeople(server);
        String meeting = people.meeting("Agreed language");
        chair = people.person(meeting, "chair", null, "chair", "Chair Ana");
        rapporteur = people.person(meeting, "rapporteur", null, "rapporteur", "Rapporteur Ben");
        graz = people.person(meeting, "delegate", "City of Graz", "graz", "Delegate of Graz");
    }

    @AfterAll
    static void tearDown() throws Exception {
        server.close();
    }

    @Test
    void agreedParagraphsRefuseEveryChangeUntilReopened() throws Exception {
        JsonNode document = json(chair.post("/api/documents", HttpTestClient.MARKDOWN,
                DRAFT.getBytes(StandardCharsets.UTF_8)), 201);
        String doc = "/api/documents/" + document.get("id").asText();
        List<String> clauses = new ArrayList<>();
        document.get("clauses").forEach(c -> clauses.add(c.get("id").asText()));
        String op1 = clauses.get(1);
        String op2 = clauses.get(2);
        json(chair.putJson(doc + "/phases/tabling", "{\"open\":true,\"deadline\":\""
                + Instant.now().plusSeconds(3600) + "\"}"), 200);
        String amendment = json(graz.postJson(doc + "/amendments", "{\"clauseId\":\"" + op1
                + "\",\"text\":\"*Calls upon* local and regional governments to adopt human rights action plans;\","
                + "\"rationale\":\"Regions too.\",\"table\":true}"), 201).get("id").asText();

        HttpClient ws = HttpClient.newHttpClient();
        URI live = URI.create("ws://127.0.0.1:" + server.port() + doc + "/live");
        try (SocketProbe editor = (SocketProbe) SocketProbe.open(ws, live, rapporteur.bearer());
             SocketProbe watcher = (SocketProbe) SocketProbe.open(ws, live, graz.bearer())) {
            editor.send("{\"type\":\"join\",\"clientId\":\"editor\",\"since\":-1}");
            JsonNode joined = editor.await(0, m -> SocketProbe.type(m, "joined"));
            watcher.send("{\"type\":\"join\",\"clientId\":\"watcher\",\"since\":-1}");
            watcher.await(0, m -> SocketProbe.type(m, "joined"));
            long version = version(joined.get("document"), op1);
            String before = clauseText(doc, op1);

            json(chair.putJson(doc + "/clauses/" + op1 + "/status", "{\"status\":\"agreed\"}"), 200);
            // The editor sees the status as a commit, as every open view does.
            editor.await(0, m -> SocketProbe.type(m, "ops") && m.get("ops").findValues("change").stream()
                    .anyMatch(c -> c.path("type").asText().equals("set-status")
                            && c.path("clauseId").asText().equals(op1)
                            && c.path("status").asText().equals("agreed")));

            // Typing into it, as a view opened before the status would: refused, and why.
            int mark = editor.mark();
            editor.send("{\"type\":\"submit\",\"seq\":1,\"change\":{\"type\":\"text\",\"clauseId\":\"" + op1
                    + "\",\"version\":" + version + ",\"op\":[3,\"truly \"]}}");
            JsonNode refused = editor.await(mark, m -> SocketProbe.type(m, "error"));
            assertEquals("paragraph-agreed", refused.get("code").asText(), refused::toString);
            assertEquals(1, refused.get("seq").asLong());
            assertTrue(refused.get("message").asText().contains("reopen"), refused::toString);
            for (String change : List.of("{\"type\":\"delete\",\"clauseId\":\"" + op1 + "\"}",
                    "{\"type\":\"move\",\"clauseId\":\"" + op1 + "\",\"after\":\"" + op2 + "\"}",
                    "{\"type\":\"set-kind\",\"clauseId\":\"" + op1 + "\",\"kind\":\"free-text\"}")) {
                mark = editor.mark();
                editor.send("{\"type\":\"submit\",\"seq\":2,\"change\":" + change + "}");
                JsonNode error = editor.await(mark, m -> SocketProbe.type(m, "error"));
                assertEquals("paragraph-agreed", error.get("code").asText(), change + ": " + error);
            }

            // Accepting an amendment or writing a compromise on it: refused over REST too.
            HttpResponse<String> accept = rapporteur.postJson(doc + "/amendments/" + amendment + "/accept", "{}");
            assertProblem(accept, "paragraph-agreed");
            HttpResponse<String> compromise = rapporteur.postJson(doc + "/compromises", "{\"clauseId\":\"" + op1
                    + "\",\"text\":\"*Calls upon* all governments to adopt plans;\",\"supersedes\":[\"" + amendment
                    + "\"],\"rationale\":\"Shorter.\"}");
            assertProblem(compromise, "paragraph-agreed");
            assertEquals(before, clauseText(doc, op1), "the agreed text is untouched");
            assertEquals("tabled", json(chair.get(doc + "/amendments/" + amendment), 200).get("state").asText());

            // Agreed ad referendum is protected alike.
            json(chair.putJson(doc + "/clauses/" + op1 + "/status", "{\"status\":\"agreed-ad-ref\"}"), 200);
            assertProblem(rapporteur.postJson(doc + "/amendments/" + amendment + "/accept", "{}"), "paragraph-agreed");

            // Reopening: the audit says agreed language was reopened, and the room is told.
            int watched = watcher.mark();
            JsonNode reopened = json(rapporteur.putJson(doc + "/clauses/" + op1 + "/status",
                    "{\"status\":\"bracketed\"}"), 200);
            JsonNode notice = watcher.await(watched, m -> SocketProbe.type(m, "negotiation")
                    && reopening(m.get("events")) != null);
            JsonNode event = reopening(notice.get("events"));
            assertEquals("agreed-ad-ref", event.get("before").asText(), event::toString);
            assertEquals("bracketed", event.get("after").asText(), event::toString);
            assertTrue(event.get("subject").asText().contains("reopened"), event::toString);
            JsonNode audit = json(chair.get(doc + "/audit"), 200).get("entries");
            JsonNode last = audit.get(audit.size() - 1);
            assertEquals(reopened.get("seq").asLong(), last.get("seq").asLong());
            assertTrue(last.get("subject").asText().contains("reopened"), last::toString);
            assertEquals("Rapporteur Ben", last.get("actor").get("name").asText());

            // Now the same changes go through: the amendment is merged, and typing works.
            json(rapporteur.postJson(doc + "/amendments/" + amendment + "/accept", "{}"), 200);
            assertTrue(clauseText(doc, op1).contains("local and regional governments"));
            long now = version(json(chair.get(doc), 200), op1);
            mark = editor.mark();
            editor.send("{\"type\":\"submit\",\"seq\":3,\"change\":{\"type\":\"text\",\"clauseId\":\"" + op1
                    + "\",\"version\":" + now + ",\"op\":[3,\"truly \"]}}");
            JsonNode applied = editor.await(mark, m -> SocketProbe.type(m, "error") || SocketProbe.type(m, "ops")
                    && m.get("ops").findValues("seq").stream().anyMatch(s -> s.asLong() == 3));
            assertEquals("ops", applied.get("type").asText(), applied::toString);
            assertTrue(clauseText(doc, op1).startsWith("*Catruly lls upon*"), () -> clauseText(doc, op1));
        }
    }

    /** The status event of a frame that sets a paragraph back to bracketed, or null. */
    private static JsonNode reopening(JsonNode events) {
        for (JsonNode e : events) {
            if (e.path("action").asText().equals("clause-status-set") && e.path("after").asText().equals("bracketed")) {
                return e;
            }
        }
        return null;
    }

    private static void assertProblem(HttpResponse<String> response, String code) {
        assertEquals(409, response.statusCode(), response::body);
        assertEquals("/problems/" + code, HttpTestClient.json(response).get("type").asText(), response::body);
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
    }

    private static String clauseText(String doc, String clauseId) {
        for (JsonNode clause : json(chair.get(doc), 200).get("clauses")) {
            if (clause.get("id").asText().equals(clauseId)) {
                return clause.get("text").asText();
            }
        }
        throw new AssertionError("no clause " + clauseId);
    }

    private static long version(JsonNode document, String clauseId) {
        for (JsonNode clause : document.get("clauses")) {
            if (clause.get("id").asText().equals(clauseId)) {
                return clause.get("version").asLong();
            }
        }
        throw new AssertionError("no clause " + clauseId);
    }

    private static JsonNode json(HttpResponse<String> response, int status) {
        assertEquals(status, response.statusCode(), response::body);
        return HttpTestClient.json(response);
    }
}
