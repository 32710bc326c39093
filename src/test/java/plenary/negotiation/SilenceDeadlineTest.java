package plenary.negotiation;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import plenary.http.AdjustableClock;
import plenary.http.HttpTestClient;
import plenary.http.MeetingPeople;
import plenary.http.RunningServer;
import plenary.people.SocketProbe;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static plenary.http.HttpTestClient.created;
import static plenary.http.HttpTestClient.ok;
import static plenary.http.HttpTestClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A silence procedure ends at its deadline on the server's clock, not at a moment in real time:
 * with the clock moved an hour on, a procedure an hour long concludes at once. The paragraphs held
 * in silence are agreed, those a delegation broke silence on before the deadline stay bracketed, and
 * moving the clock only part of the way concludes nothing.
 */
@Tag("integration")
class SilenceDeadlineTest {
    private static final String DRAFT = "# Draft\n\n1. *Calls upon* cities to act;\n\n"
            + "2. *Encourages* cities to report;\n\n3. *Decides* to meet again.\n";
    private static final AdjustableClock CLOCK = new AdjustableClock();

    @TempDir
    static Path dir;

    private static RunningServer server;
    private static HttpTestClient chair;
    private static HttpTestClient graz;
    private static HttpTestClient lyon;

    @BeforeAll
    static void setUp() throws Exception {
        server = RunningServer.startWith(dir, Map.of(), CLOCK, "--no-samples");
        MeetingPeople people = new MeetingPeople(server);
        String meeting = people.meeting("Silence");
        chair = people.person(meeting, "chair", null, "chair", "Chair");
        graz = people.person(meeting, "delegate", "City of Graz", "graz", "Delegate of Graz");
        lyon = people.person(meeting, "delegate", "City of Lyon", "lyon", "Delegate of Lyon");
    }

    @AfterAll
    static void tearDown() throws Exception {
        server.close();
    }

    @Test
    void anHourLongSilenceConcludesAsSoonAsTheClockPassesItsDeadline() throws Exception {
        String doc = newDocument();
        List<String> clauses = clauseIds(doc);
        URI live = URI.create("ws://127.0.0.1:" + server.port() + doc + "/live");
        try (SocketProbe follower = (SocketProbe) SocketProbe.open(HttpClient.newHttpClient(), live, lyon.bearer())) {
            follower.send("{\"type\":\"join\",\"clientId\":\"follower\",\"since\":-1}");
            follower.await(0, m -> SocketProbe.type(m, "joined"));

            Instant deadline = CLOCK.instant().plus(Duration.ofHours(1));
            created(chair.postJson(doc + "/silence", "{\"deadline\":\"" + deadline + "\"}"));
            ok(graz.postJson(doc + "/silence/breaks", "{\"clauseId\":\"" + clauses.get(1)
                    + "\",\"reason\":\"Reporting needs our members' consent.\"}"));
            assertFalse(silence(doc).get("concluded").asBoolean(), "an hour before its deadline");

            int mark = follower.mark();
            CLOCK.advance(Duration.ofHours(1).plusSeconds(1));
            JsonNode concluded = awaitConclusion(doc);

            assertEquals(List.of(clauses.get(1)), strings(concluded.get("broken")), "the break before the jump counts");
            assertEquals(List.of(clauses.get(0), clauses.get(2)), strings(concluded.get("held")));
            assertEquals(List.of("agreed", "bracketed", "agreed"), statuses(doc));
            follower.await(mark, f -> SocketProbe.type(f, "negotiation")
                    && f.toString().contains("\"action\":\"silence-concluded\""));
            // One commit for the whole conclusion, naming every paragraph it agreed.
            JsonNode ops = follower.await(mark, f -> SocketProbe.type(f, "ops")
                    && f.toString().contains("\"set-statuses\""));
            List<JsonNode> statusCommits = new ArrayList<>();
            ops.get("ops").forEach(c -> {
                if (c.get("change").get("type").asText().startsWith("set-status")) {
                    statusCommits.add(c);
                }
            });
            assertEquals(1, statusCommits.size(), ops::toString);
            JsonNode change = statusCommits.getFirst().get("change");
            assertEquals(List.of(clauses.get(0), clauses.get(2)), strings(change.get("clauseIds")));
            assertEquals("agreed", change.get("status").asText());
            JsonNode revisions = json(ok(chair.get(doc + "/history"))).get("revisions");
            JsonNode newest = revisions.get(revisions.size() - 1);
            assertEquals("set-statuses", newest.get("type").asText());
            assertEquals(List.of(clauses.get(0), clauses.get(2)), strings(newest.get("clauseIds")));
            assertEquals("agreed", newest.get("status").asText());
            assertEquals(json(ok(chair.get(doc))).get("revision").asLong(), newest.get("revision").asLong());
            // And one entry: the conclusion names what held, with no entry per paragraph.
            JsonNode audit = json(ok(chair.get(doc + "/audit"))).get("entries");
            JsonNode last = audit.get(audit.size() - 1);
            assertEquals("silence-concluded", last.get("action").asText());
            assertTrue(last.get("actor").get("id").isNull(), "the deadline, not a person, concludes silence");
            audit.forEach(e -> assertFalse(e.get("action").asText().equals("clause-status-set"), e::toString));
        }
    }

    @Test
    void movingTheClockPartOfTheWayConcludesNothing() throws Exception {
        String doc = newDocument();
        List<String> clauses = clauseIds(doc);
        Instant deadline = CLOCK.instant().plus(Duration.ofHours(1));
        created(chair.postJson(doc + "/silence", "{\"deadline\":\"" + deadline + "\"}"));

        CLOCK.advance(Duration.ofMinutes(59));
        // Still running: silence can only be broken before the deadline, so this answer shows it.
        ok(lyon.postJson(doc + "/silence/breaks", "{\"clauseId\":\"" + clauses.get(2)
                + "\",\"reason\":\"The venue is not settled.\"}"));
        assertFalse(silence(doc).get("concluded").asBoolean(), "a minute before its deadline");
        assertEquals(List.of("bracketed", "bracketed", "bracketed"), statuses(doc));

        CLOCK.advance(Duration.ofMinutes(1).plusSeconds(1));
        JsonNode concluded = awaitConclusion(doc);
        assertEquals(List.of(clauses.get(2)), strings(concluded.get("broken")));
        assertEquals(List.of("agreed", "agreed", "bracketed"), statuses(doc));
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** A new document, under negotiation; its path. */
    private static String newDocument() {
        JsonNode created = created(chair.post("/api/documents", HttpTestClient.MARKDOWN,
                DRAFT.getBytes(StandardCharsets.UTF_8)));
        return "/api/documents/" + created.get("id").asText();
    }

    private static List<String> clauseIds(String doc) {
        List<String> ids = new ArrayList<>();
        json(ok(chair.get(doc))).get("clauses").forEach(c -> ids.add(c.get("id").asText()));
        return ids;
    }

    private static List<String> statuses(String doc) {
        List<String> statuses = new ArrayList<>();
        json(ok(chair.get(doc))).get("clauses").forEach(c -> statuses.add(c.get("status").asText()));
        return statuses;
    }

    private static JsonNode silence(String doc) {
        return json(ok(chair.get(doc + "/negotiation"))).get("silences").get(0);
    }

    /**
     * Polls the audit log until it shows the conclusion, then returns the procedure. The log is read
     * from the store, where the conclusion and the statuses it sets land in one write (the negotiation
     * view shows a decision before it is written). The bound is generous; the wait is on the condition.
     */
    private static JsonNode awaitConclusion(String doc) throws InterruptedException {
        chair.awaitAudit(doc, "silence-concluded");
        JsonNode silence = silence(doc);
        assertTrue(silence.get("concluded").asBoolean(), silence::toString);
        return silence;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
