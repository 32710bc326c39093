package plenary.negotiation;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import plenary.http.AdjustableClock;
import plenary.http.HttpTestClient;
import plenary.http.RunningServer;
import plenary.http.MeetingPeople;
import plenary.people.SocketProbe;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static plenary.http.HttpTestClient.created;
import static plenary.http.HttpTestClient.ok;
import static plenary.http.HttpTestClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One negotiation from the first tabled amendment to adoption, through the public HTTP and
 * WebSocket API only: a chair, a rapporteur and three delegations; five amendments, two of them
 * overlapping; comments with stances; a straw poll; a merge, a compromise, a rebase under a moving
 * text; a two-thirds roll-call vote with quorum; a silence procedure broken on one paragraph;
 * adoption; and then the audit log, which must tell the story in order.
 */
@Tag("integration")
class NegotiationScenarioTest {
    private static final String DRAFT = """
            ---
            conference: Scenario Conference
            symbol: SC/2026/1
            ---
            # Outcome of the scenario

            *Recalling* the Universal Declaration of Human Rights,

            1. *Calls upon* local governments to adopt human rights action plans;

            2. *Encourages* cities to report every two years on their progress;

            3. *Invites* networks of cities to share good practice with each other;

            4. *Decides* to meet again in Gwangju next year.
            """;

    /** The server's time: the silence procedure's deadline is passed by moving it on, not by waiting. */
    private static final AdjustableClock CLOCK = new AdjustableClock();

    @TempDir
    static Path dir;

    private static RunningServer server;
    private static HttpTestClient chair;
    private static HttpTestClient rapporteur;
    private static HttpTestClient graz;
    private static HttpTestClient gwangju;
    private static HttpTestClient uclg;

    @BeforeAll
    static void setUp() throws Exception {
        server = RunningServer.startWith(dir, Map.of(), CLOCK, "--no-samples");
        MeetingPeople people = new MeetingPeople(server);
        String meeting = people.meeting("Scenario Conference");
        chair = people.person(meeting, "chair", null, "chair", "Chair Ana");
        rapporteur = people.person(meeting, "rapporteur", null, "rapporteur", "Rapporteur Ben");
        graz = people.person(meeting, "delegate", "City of Graz", "graz", "Delegate of Graz");
        gwangju = people.person(meeting, "delegate", "City of Gwangju", "gwangju", "Delegate of Gwangju");
        uclg = people.person(meeting, "delegate", "UCLG", "uclg", "Delegate of UCLG");
    }

    @AfterAll
    static void tearDown() throws Exception {
        server.close();
    }

    @Test
    void fromFirstAmendmentToAdoption() throws Exception {
        // The chair imports the zero draft; an observer-like socket (a delegate's) follows live.
        JsonNode document = created(chair.post("/api/documents", HttpTestClient.MARKDOWN,
                DRAFT.getBytes(StandardCharsets.UTF_8)));
        String doc = "/api/documents/" + document.get("id").asText();
        List<String> clauses = new ArrayList<>();
        document.get("clauses").forEach(c -> clauses.add(c.get("id").asText()));
        String pp1 = clauses.get(0);
        String op1 = clauses.get(1);
        String op2 = clauses.get(2);
        String op3 = clauses.get(3);
        String op4 = clauses.get(4);
        HttpClient ws = HttpClient.newHttpClient();
        URI live = URI.create("ws://127.0.0.1:" + server.port() + doc + "/live");
        try (SocketProbe follower = (SocketProbe) SocketProbe.open(ws, live, uclg.bearer());
             SocketProbe editor = (SocketProbe) SocketProbe.open(ws, live, rapporteur.bearer())) {
            follower.send("{\"type\":\"join\",\"clientId\":\"follower\",\"since\":-1}");
            follower.await(0, m -> SocketProbe.type(m, "joined"));

            // Tabling: closed until the chair opens it.
            assertEquals(409, table(graz, doc, op1, "x").statusCode());
            // A deadline beyond the silence procedure's below, which moves the clock on an hour.
            ok(chair.putJson(doc + "/phases/tabling", "{\"open\":true,\"deadline\":\""
                    + CLOCK.instant().plus(Duration.ofDays(1)) + "\"}"));
            assertEquals("negotiating", json(chair.get(doc)).get("status").asText(),
                    "opening tabling puts the draft under negotiation");

            // Five amendments; A2 and A3 change the same words of OP2.
            String a1 = id(table(graz, doc, op1, "*Calls upon* local and regional governments to adopt human rights action plans;"));
            String a2 = id(table(gwangju, doc, op2, "*Encourages* cities to report every year on their progress;"));
            String a3 = id(table(uclg, doc, op2, "*Encourages* cities to report annually on their progress;"));
            String a4 = id(table(graz, doc, op3, "*Invites* networks of cities to share good practice and data with each other;"));
            String a5 = id(created(gwangju.postJson(doc + "/amendments", "{\"kind\":\"insert\",\"clauseId\":\"" + op3
                    + "\",\"clauseKind\":\"operative\",\"text\":\"*Requests* the secretariat to publish a yearly digest;\","
                    + "\"rationale\":\"Follow-up needs a record.\",\"table\":true}")));
            // Numbered as they were tabled, over the API as well.
            JsonNode state = json(ok(uclg.get(doc + "/negotiation")));
            List<String> tabledOrder = List.of(a1, a2, a3, a4, a5);
            for (JsonNode a : state.get("amendments")) {
                assertEquals(tabledOrder.indexOf(a.get("id").asText()) + 1, a.get("number").asInt(), a.toString());
            }
            JsonNode cosponsored = json(ok(gwangju.postJson(doc + "/amendments/" + a1 + "/cosponsors", "{}")));
            assertEquals(List.of("City of Gwangju"), strings(cosponsored.get("cosponsors")));

            // The overlapping pair forms a conflict group; the others stand alone.
            JsonNode groups = json(ok(rapporteur.get(doc + "/conflicts"))).get("groups");
            assertEquals(1, groups.size(), groups.toString());
            assertEquals(List.of(a2, a3), strings(groups.get(0).get("amendments")));
            assertEquals(op2, groups.get(0).get("clauseId").asText());
            // The same groups as the whole state names, for every reader (a delegate here).
            assertEquals(json(ok(uclg.get(doc + "/negotiation"))).get("conflictGroups"),
                    json(ok(uclg.get(doc + "/conflicts"))).get("groups"));

            // The word diff shows what A1 inserts.
            JsonNode diff = json(ok(uclg.get(doc + "/amendments/" + a1 + "/diff")));
            StringBuilder inserted = new StringBuilder();
            diff.get("diff").forEach(s -> {
                if (s.get("kind").asText().equals("insert")) {
                    inserted.append(s.get("text").asText());
                }
                assertFalse(s.get("kind").asText().equals("delete"), "A1 deletes nothing: " + diff);
            });
            assertEquals("and regional", inserted.toString().strip(), diff.toString());
            assertEquals("current", diff.get("standing").asText());

            // Comments with stances, threaded.
            String c1 = id(created(graz.postJson(doc + "/comments", "{\"target\":\"amendment\",\"targetId\":\"" + a2
                    + "\",\"stance\":\"support\",\"body\":\"Yearly reports keep the momentum.\"}")));
            JsonNode reply = created(uclg.postJson(doc + "/comments", "{\"parentId\":\"" + c1
                    + "\",\"stance\":\"oppose\",\"body\":\"Too heavy for small towns.\"}"));
            assertEquals(a2, reply.get("targetId").asText(), "a reply joins its parent's thread");
            created(rapporteur.postJson(doc + "/comments", "{\"targetId\":\"" + op3
                    + "\",\"stance\":\"neutral\",\"body\":\"Data sharing needs a privacy note.\"}"));

            // Indicative votes on A2, tallied live.
            ok(graz.postJson(doc + "/amendments/" + a2 + "/indicative", "{\"position\":\"support\"}"));
            ok(gwangju.postJson(doc + "/amendments/" + a2 + "/indicative", "{\"position\":\"support\"}"));
            JsonNode tally = json(ok(uclg.postJson(doc + "/amendments/" + a2 + "/indicative",
                    "{\"position\":\"oppose\"}"))).get("indicative");
            assertEquals(2, tally.get("support").asInt());
            assertEquals(1, tally.get("oppose").asInt());
            assertEquals(0, tally.get("abstain").asInt());

            // The rapporteur merges A1: the text changes through the sequencer; the room sees it live.
            int mark = follower.mark();
            assertEquals("accepted", json(ok(rapporteur.postJson(doc + "/amendments/" + a1 + "/accept", "{}")))
                    .get("state").asText());
            assertEquals("*Calls upon* local and regional governments to adopt human rights action plans;",
                    clauseText(doc, op1));
            follower.await(mark, m -> SocketProbe.type(m, "ops") && m.toString().contains(op1));
            follower.await(mark, m -> SocketProbe.type(m, "negotiation")
                    && m.toString().contains("\"action\":\"amendment-accepted\""));

            // A compromise takes the place of the overlapping pair, keeping their lineage.
            JsonNode compromise = created(rapporteur.postJson(doc + "/compromises", "{\"clauseId\":\"" + op2
                    + "\",\"text\":\"*Encourages* cities to report every year, briefly, on their progress;\","
                    + "\"supersedes\":[\"" + a2 + "\",\"" + a3 + "\"],\"rationale\":\"Yearly, but light.\"}"));
            assertEquals(List.of(a2, a3), strings(compromise.get("lineage")));
            assertEquals("accepted-with-changes", compromise.get("state").asText());
            assertEquals("superseded", json(ok(uclg.get(doc + "/amendments/" + a3))).get("state").asText());
            assertEquals(compromise.get("id").asText(),
                    json(ok(uclg.get(doc + "/amendments/" + a3))).get("supersededBy").asText());
            assertEquals("*Encourages* cities to report every year, briefly, on their progress;", clauseText(doc, op2));
            assertEquals(0, json(ok(rapporteur.get(doc + "/conflicts"))).get("groups").size());

            // The text moves under A4: the rapporteur types in OP3 live, away from A4's words.
            editor.send("{\"type\":\"join\",\"clientId\":\"rapporteur-desk\",\"since\":-1}");
            JsonNode joined = editor.await(0, m -> SocketProbe.type(m, "joined"));
            long version = version(joined, op3);
            int editMark = follower.mark();
            editor.send("{\"type\":\"submit\",\"seq\":1,\"change\":{\"type\":\"text\",\"clauseId\":\"" + op3
                    + "\",\"version\":" + version + ",\"op\":[10,\"all \"]}}");
            follower.await(editMark, m -> SocketProbe.type(m, "negotiation") && m.toString().contains(a4)
                    && m.toString().contains("\"standing\":\"rebased\""));
            JsonNode stale = json(ok(rapporteur.get(doc + "/amendments/" + a4)));
            assertTrue(stale.get("stale").asBoolean());
            assertEquals("rebased", stale.get("standing").asText());
            ok(rapporteur.postJson(doc + "/amendments/" + a4 + "/accept", "{}"));
            assertEquals("*Invites* all networks of cities to share good practice and data with each other;",
                    clauseText(doc, op3), "the rebased amendment keeps the live edit and adds its own words");

            // A formal two-thirds roll-call vote on A5, with a quorum of three.
            ok(chair.putJson(doc + "/phases/tabling", "{\"open\":false}"));
            ok(chair.putJson(doc + "/phases/voting", "{\"open\":true}"));
            JsonNode vote = created(chair.postJson(doc + "/votes", "{\"subject\":\"amendment\",\"subjectId\":\"" + a5
                    + "\",\"question\":\"Shall the digest be requested?\",\"majority\":\"two-thirds\","
                    + "\"ballot\":\"roll-call\",\"quorum\":3}"));
            String v = "/votes/" + vote.get("id").asText();
            assertEquals(List.of("City of Graz", "City of Gwangju", "UCLG"), strings(vote.get("electorate")));
            assertEquals(409, gwangju.postJson(doc + v + "/ballots", "{\"choice\":\"yes\"}").statusCode(),
                    "no ballot before the chair opens the vote");
            for (HttpTestClient delegate : List.of(graz, gwangju, uclg)) {
                ok(delegate.postJson(doc + v + "/presence", "{}"));
            }
            ok(chair.postJson(doc + v + "/open", "{}"));
            ok(graz.postJson(doc + v + "/ballots", "{\"choice\":\"yes\"}"));
            ok(gwangju.postJson(doc + v + "/ballots", "{\"choice\":\"yes\"}"));
            JsonNode open = json(ok(uclg.postJson(doc + v + "/ballots", "{\"choice\":\"no\"}")));
            assertEquals(3, open.get("ballotsCast").asInt());
            assertTrue(open.get("result").isNull(), "no result while the vote is open");
            assertEquals(409, graz.postJson(doc + v + "/ballots", "{\"choice\":\"no\"}").statusCode(),
                    "one ballot per delegation");
            JsonNode closed = json(ok(chair.postJson(doc + v + "/close", "{}")));
            JsonNode result = closed.get("result");
            assertTrue(result.get("quorumMet").asBoolean());
            assertTrue(result.get("carried").asBoolean(), "exactly two thirds carries: " + result);
            assertEquals(2, result.get("tally").get("yes").asInt());
            assertEquals(1, result.get("tally").get("no").asInt());
            assertEquals("UCLG", closed.get("rollCall").get(2).get("delegation").asText());
            assertEquals("no", closed.get("rollCall").get(2).get("choice").asText());
            assertEquals(409, chair.postJson(doc + v + "/close", "{}").statusCode(), "a result is never redone");
            ok(rapporteur.postJson(doc + "/amendments/" + a5 + "/accept", "{}"));
            JsonNode afterInsert = json(chair.get(doc));
            assertEquals("*Requests* the secretariat to publish a yearly digest;",
                    afterInsert.get("clauses").get(4).get("text").asText(), "the new clause follows OP3");
            assertEquals("4", afterInsert.get("clauses").get(4).get("number").asText());
            assertEquals("5", afterInsert.get("clauses").get(5).get("number").asText(), "OP4 is renumbered 5");

            // Silence procedure: UCLG breaks silence on the venue; the rest is agreed at the deadline.
            Instant deadline = CLOCK.instant().plus(Duration.ofHours(1));
            created(chair.postJson(doc + "/silence", "{\"deadline\":\"" + deadline + "\"}"));
            ok(uclg.postJson(doc + "/silence/breaks", "{\"clauseId\":\"" + op4
                    + "\",\"reason\":\"The venue needs consultation with our members.\"}"));
            assertFalse(json(ok(chair.get(doc + "/negotiation"))).get("silences").get(0).get("concluded").asBoolean(),
                    "an hour before its deadline");
            CLOCK.advance(Duration.ofHours(1).plusSeconds(1));
            JsonNode silence = chair.await(doc + "/negotiation", n -> n.get("silences").get(0).get("concluded").asBoolean(),
                    "the silence concluded");
            chair.awaitAudit(doc, "silence-concluded");
            assertEquals(List.of(op4), strings(silence.get("silences").get(0).get("broken")));
            JsonNode agreedDoc = json(chair.get(doc));
            for (JsonNode clause : agreedDoc.get("clauses")) {
                String expected = clause.get("id").asText().equals(op4) ? "bracketed" : "agreed";
                assertEquals(expected, clause.get("status").asText(), clause.toString());
            }
            assertTrue(CLOCK.instant().isAfter(deadline), "silence cannot conclude before its deadline");
            int statusMark = editor.mark();
            editor.send("{\"type\":\"submit\",\"seq\":2,\"change\":{\"type\":\"set-status\",\"clauseId\":\"" + op4
                    + "\",\"status\":\"agreed\"}}");
            assertEquals("forbidden", editor.await(statusMark, m -> SocketProbe.type(m, "error")).get("code").asText(),
                    "a status is a decision, not something typed over the socket");
            int statusesMark = editor.mark();
            editor.send("{\"type\":\"submit\",\"seq\":3,\"change\":{\"type\":\"set-statuses\",\"clauseIds\":[\"" + op4
                    + "\"],\"status\":\"agreed\"}}");
            assertEquals("forbidden", editor.await(statusesMark, m -> SocketProbe.type(m, "error")
                    && m.path("seq").asLong() == 3).get("code").asText(), "nor are several at once");
            ok(chair.putJson(doc + "/clauses/" + op4 + "/status", "{\"status\":\"agreed-ad-ref\"}"));

            // Adoption freezes the text; its hash is the SHA-256 of the exported Markdown.
            JsonNode adopted = json(ok(chair.postJson(doc + "/adopt", "{}"))).get("adoption");
            HttpResponse<String> export = ok(graz.get(doc + "/export?format=md"));
            assertEquals(sha256(export.body()), adopted.get("sha256").asText());
            assertEquals("adopted", json(chair.get(doc)).get("status").asText());
            assertEquals(json(chair.get(doc)).get("revision").asLong(), adopted.get("revision").asLong());

            // Every later change is refused, and changes nothing; no window shows open any more.
            JsonNode frozen = json(ok(chair.get(doc + "/negotiation")));
            frozen.get("phases").forEach(phase -> assertFalse(phase.get("open").asBoolean(), frozen.toString()));
            long seqBefore = frozen.get("seq").asLong();
            long revisionBefore = json(chair.get(doc)).get("revision").asLong();
            List<HttpResponse<String>> refused = List.of(
                    table(graz, doc, op1, "*Calls upon* everyone;"),
                    graz.postJson(doc + "/comments", "{\"targetId\":\"" + op1 + "\",\"body\":\"Late.\"}"),
                    chair.putJson(doc + "/phases/tabling", "{\"open\":true}"),
                    chair.postJson(doc + "/votes", "{\"subject\":\"document\",\"question\":\"Again?\"}"),
                    rapporteur.putJson(doc + "/clauses/" + op1 + "/status", "{\"status\":\"bracketed\"}"),
                    rapporteur.postJson(doc + "/compromises", "{\"clauseId\":\"" + op1 + "\",\"text\":\"x\",\"supersedes\":[\""
                            + a1 + "\"]}"),
                    chair.postJson(doc + "/silence", "{\"deadline\":\"" + CLOCK.instant().plusSeconds(60) + "\"}"),
                    chair.postJson(doc + "/adopt", "{}"));
            for (HttpResponse<String> response : refused) {
                assertEquals(409, response.statusCode(), response.body());
                assertEquals("/problems/document-adopted", json(response).get("type").asText());
            }
            int frozenMark = editor.mark();
            editor.send("{\"type\":\"submit\",\"seq\":4,\"change\":{\"type\":\"text\",\"clauseId\":\"" + op1
                    + "\",\"version\":" + version(json(chair.get(doc)), op1) + ",\"op\":[\"Late: \"]}}");
            assertEquals("document-frozen", editor.await(frozenMark, m -> SocketProbe.type(m, "error"))
                    .get("code").asText());
            assertEquals(seqBefore, json(ok(chair.get(doc + "/negotiation"))).get("seq").asLong());
            assertEquals(revisionBefore, json(chair.get(doc)).get("revision").asLong());

            // The audit log tells the story in order; it is for the chair, not for delegates.
            assertEquals(403, graz.get(doc + "/audit").statusCode());
            JsonNode entries = json(ok(chair.get(doc + "/audit"))).get("entries");
            List<String> actions = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                assertEquals(i + 1, entries.get(i).get("seq").asLong(), "appended in order, no gaps");
                actions.add(entries.get(i).get("action").asText());
            }
            assertInOrder(actions, List.of("phase-set", "amendment-drafted", "amendment-tabled", "cosponsor-joined",
                    "comment-posted", "indicative-cast", "amendment-accepted", "compromise-merged",
                    "amendment-superseded", "amendment-superseded", "amendment-accepted", "phase-set", "phase-set",
                    "vote-called", "presence-registered", "vote-opened", "ballot-cast", "vote-closed",
                    "amendment-accepted", "silence-started", "silence-broken", "silence-concluded",
                    "clause-status-set", "document-adopted"));
            JsonNode mergeA1 = find(entries, e -> e.get("action").asText().equals("amendment-accepted")
                    && e.get("subject").asText().equals("amendment A1 (" + a1 + ")"));
            assertEquals("Rapporteur Ben", mergeA1.get("actor").get("name").asText());
            assertEquals("tabled", mergeA1.get("before").asText());
            assertEquals("accepted", mergeA1.get("after").asText());
            JsonNode concluded = find(entries, e -> e.get("action").asText().equals("silence-concluded"));
            assertTrue(concluded.get("actor").get("id").isNull(), "the deadline, not a person, concludes silence");
            JsonNode adoption = entries.get(entries.size() - 1);
            assertEquals("document-adopted", adoption.get("action").asText());
            assertEquals("Chair Ana", adoption.get("actor").get("name").asText());
            assertTrue(adoption.get("after").asText().contains(adopted.get("sha256").asText()));

            // The follower saw the milestones live, and never a ballot's choice before the result.
            List<JsonNode> frames = follower.received();
            for (String milestone : List.of("compromise-merged", "vote-closed", "silence-broken", "silence-concluded",
                    "document-adopted")) {
                assertTrue(frames.stream().anyMatch(f -> SocketProbe.type(f, "negotiation")
                        && f.toString().contains("\"action\":\"" + milestone + "\"")), milestone);
            }
            // A ballot's entry never carries its choice; the vote in a frame shows choices only once
            // it is closed (a roll call's, by name), never in a frame before its vote-closed entry.
            boolean resultOut = false;
            for (JsonNode f : frames) {
                if (!SocketProbe.type(f, "negotiation")) {
                    continue;
                }
                for (JsonNode e : f.get("events")) {
                    assertFalse(e.path("detail").has("choice"), "a ballot's choice stays off the room's socket: " + e);
                    resultOut |= "vote-closed".equals(e.path("action").asText());
                }
                if (!resultOut) {
                    assertFalse(f.path("changes").toString().contains("\"choice\""), "no choice before the result: " + f);
                }
            }
            assertTrue(resultOut);
            assertEquals("agreed", json(chair.get(doc)).get("clauses").get(0).get("status").asText(),
                    "the preambular paragraph " + pp1 + " was agreed by silence too");
        }
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static HttpResponse<String> table(HttpTestClient delegate, String doc, String clause, String text) {
        return delegate.postJson(doc + "/amendments", "{\"clauseId\":\"" + clause + "\",\"text\":\"" + text
                + "\",\"rationale\":\"Scenario.\",\"table\":true}");
    }

    private static String clauseText(String doc, String clauseId) {
        for (JsonNode clause : json(chair.get(doc)).get("clauses")) {
            if (clause.get("id").asText().equals(clauseId)) {
                return clause.get("text").asText();
            }
        }
        throw new AssertionError("no clause " + clauseId);
    }

    private static long version(JsonNode joinedOrDocument, String clauseId) {
        JsonNode doc = joinedOrDocument.has("document") ? joinedOrDocument.get("document") : joinedOrDocument;
        for (JsonNode clause : doc.get("clauses")) {
            if (clause.get("id").asText().equals(clauseId)) {
                return clause.get("version").asLong();
            }
        }
        throw new AssertionError("no clause " + clauseId);
    }

    private static void assertInOrder(List<String> actual, List<String> expected) {
        int at = 0;
        for (String action : actual) {
            if (at < expected.size() && action.equals(expected.get(at))) {
                at++;
            }
        }
        assertEquals(expected.size(), at, "the audit log lacks, in order, " + expected.subList(at, expected.size())
                + "; it holds " + actual);
    }

    private static JsonNode find(JsonNode entries, Predicate<JsonNode> match) {
        for (JsonNode entry : entries) {
            if (match.test(entry)) {
                return entry;
            }
        }
        throw new AssertionError("no matching audit entry in " + entries);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static String id(HttpResponse<String> response) {
        return json(ok(response)).get("id").asText();
    }

    private static String id(JsonNode node) {
        return node.get("id").asText();
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
