package plenary.negotiation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import plenary.http.AdjustableClock;
import plenary.http.HttpTestClient;
import plenary.http.RunningServer;
import plenary.http.TestPeople;
import plenary.people.SocketProbe;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Negotiation frames carry the entities that changed, for each reader as it may see them (issue
 * 17): a seeded random walk through the negotiation API (drafts, tabling, withdrawals, co-sponsors,
 * straw polls, decisions, compromises, comments and their threads, statuses, votes, a silence
 * procedure, phases, adoption), and for a delegate of each of two delegations, an observer and the
 * chair, the state built from the first {@code GET …/negotiation} and the frames alone must equal
 * that reader's {@code GET} at the end, entity by entity. Frames are numbered without a gap, and a
 * delegation's own supplement never reaches another delegation's socket.
 */
@Tag("integration")
class NegotiationFramesTest {
    private static final String DRAFT = """
            # Outcome

            *Recalling* the New Urban Agenda,

            1. *Calls upon* local governments to publish budgets;

            2. *Encourages* cities to report on housing;

            3. *Invites* regions to share data on transport;
            """;
    private static final List<String> READERS = List.of("graz", "uclg", "observer", "chair");

    @TempDir
    Path dir;

    @Test
    void framesBuildEachReadersState() throws Exception {
        long seed = Long.getLong("plenary.seed", System.nanoTime());
        try {
            walk(seed);
        } catch (Throwable e) {
            throw new AssertionError("failed with -Dplenary.seed=" + seed + ": " + e.getMessage(), e);
        }
    }

    private void walk(long seed) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        AdjustableClock clock = new AdjustableClock();
        try (RunningServer server = RunningServer.startWith(dir.resolve("data"), Map.of(), clock, "--no-samples")) {
            HttpTestClient admin = server.http();
            String adminToken = TestPeople.signIn(admin, "admin", TestPeople.ADMIN_PASSWORD);
            String meeting = TestPeople.withToken(admin, adminToken, () -> HttpTestClient.json(
                    admin.postJson("/api/meetings", "{\"name\":\"Frames\"}")).get("id").asText());
            TestPeople.invite(admin, adminToken, meeting, "chair", null, "chair", "password-of-chair", "Chair");
            TestPeople.invite(admin, adminToken, meeting, "rapporteur", null, "rapporteur", "password-of-rapporteur", "Rapporteur");
            TestPeople.invite(admin, adminToken, meeting, "delegate", "City of Graz", "graz", "password-of-graz", "Graz");
            TestPeople.invite(admin, adminToken, meeting, "delegate", "UCLG", "uclg", "password-of-uclg", "UCLG");
            TestPeople.invite(admin, adminToken, meeting, "observer", null, "observer", "password-of-observer", "Observer");
            Map<String, HttpTestClient> people = new LinkedHashMap<>();
            for (String name : List.of("chair", "rapporteur", "graz", "uclg", "observer")) {
                people.put(name, client(server, name));
            }
            JsonNode created = HttpTestClient.json(people.get("chair").post("/api/documents", HttpTestClient.MARKDOWN,
                    DRAFT.getBytes(StandardCharsets.UTF_8)));
            String doc = "/api/documents/" + created.get("id").asText();
            URI live = URI.create("ws://127.0.0.1:" + server.port() + doc + "/live");

            Map<String, SocketProbe> sockets = new LinkedHashMap<>();
            Map<String, ObjectNode> states = new LinkedHashMap<>();
            try {
                for (String reader : READERS) {
                    SocketProbe socket = (SocketProbe) SocketProbe.open(HttpClient.newHttpClient(), live,
                            people.get(reader).bearer());
                    sockets.put(reader, socket);
                    socket.send("{\"type\":\"join\",\"clientId\":\"frames-" + reader + "\",\"since\":-1}");
                    socket.await(0, m -> SocketProbe.type(m, "joined"));
                    states.put(reader, (ObjectNode) HttpTestClient.json(people.get(reader).get(doc + "/negotiation")));
                }
                Walker walker = new Walker(random, people, doc, clock);
                people.get("chair").putJson(doc + "/phases/tabling", "{\"open\":true}");
                people.get("chair").putJson(doc + "/phases/voting", "{\"open\":true}");
                Map<String, Integer> folded = new LinkedHashMap<>();
                READERS.forEach(r -> folded.put(r, 0));
                int applied = 0;
                for (int checkpoint = 0; checkpoint < 12; checkpoint++) {
                    for (int step = 0; step < 12; step++) {
                        walker.step();
                    }
                    if (checkpoint == 11) {
                        walker.adoptAtTheEnd();
                    }
                    applied += converged(people, doc, sockets, states, folded);
                }
                assertTrue(applied > 4 * 20, "only " + applied + " frames applied");
                Map<String, Integer> actions = new TreeMap<>();
                HttpTestClient.json(people.get("chair").get(doc + "/audit")).get("entries")
                        .forEach(e -> actions.merge(e.path("action").asText("hidden"), 1, Integer::sum));
                System.out.println("WALK " + actions);
                // A delegation's supplements went to its own delegates only.
                assertTrue(own(sockets.get("graz")) > 0 && own(sockets.get("uclg")) > 0, "both delegations drafted");
                assertEquals(0, own(sockets.get("observer")) + own(sockets.get("chair")));
            } finally {
                sockets.values().forEach(SocketProbe::close);
            }
        }
    }

    /**
     * Once every socket has every entry so far, each reader's state built from the frames must be
     * its GET: an entity left out of a frame shows here, before a later frame could mend it.
     */
    private static int converged(Map<String, HttpTestClient> people, String doc, Map<String, SocketProbe> sockets,
                                 Map<String, ObjectNode> states, Map<String, Integer> folded) throws Exception {
        long lastSeq = HttpTestClient.json(people.get("chair").get(doc + "/negotiation")).get("seq").asLong();
        for (String reader : READERS) {
            SocketProbe socket = sockets.get(reader);
            // Every entry reaches every socket (hidden or not); a presence frame asked for after it
            // comes after any supplement of the same tick.
            socket.await(0, m -> SocketProbe.type(m, "negotiation") && hasEntry(m, lastSeq));
            int mark = socket.mark();
            long flag = ++flags;
            socket.send("{\"type\":\"presence\",\"clauseId\":null,\"caret\":" + flag + "}");
            socket.await(mark, m -> SocketProbe.type(m, "presence") && m.toString().contains("\"caret\":" + flag));
        }
        int applied = 0;
        for (String reader : READERS) {
            JsonNode truth = HttpTestClient.json(people.get(reader).get(doc + "/negotiation"));
            ObjectNode built = states.get(reader);
            List<JsonNode> received = sockets.get(reader).received();
            for (int i = folded.get(reader); i < received.size(); i++) {
                if (SocketProbe.type(received.get(i), "negotiation")) {
                    applied += fold(built, received.get(i), reader) ? 1 : 0;
                }
            }
            folded.put(reader, received.size());
            assertEquals(truth.get("frame").asLong(), built.get("frame").asLong(), reader + ": the last frame");
            assertSame(reader, "amendments", truth, completed(built, people.get(reader).get(doc)));
            assertSame(reader, "comments", truth, built);
            assertSame(reader, "votes", truth, built);
            assertSame(reader, "silences", truth, built);
            assertSame(reader, "conflictGroups", truth, built);
            for (String field : List.of("phases", "adoption", "documentStatus")) {
                assertEquals(truth.get(field), built.get(field), reader + ": " + field);
            }
            assertEquals(truth.get("seq").asLong(), built.get("seq").asLong(), reader + ": seq");
        }
        return applied;
    }

    private static long flags;

    /** Applies a frame to a reader's state by the protocol's rules; false when it was old news. */
    private static boolean fold(ObjectNode state, JsonNode frame, String reader) {
        long at = state.get("frame").asLong();
        long number = frame.get("frame").asLong();
        boolean own = frame.path("own").asBoolean();
        long expected = own ? at : at + 1;
        if (number < expected) {
            return false;
        }
        assertEquals(expected, number, reader + ": frames follow each other (" + frame + ")");
        state.put("frame", number);
        JsonNode changes = frame.get("changes");
        changes.path("amendments").forEach(a -> assertFalse(a.has("diff"), () -> "a frame's amendment has no diff: " + a));
        frame.get("events").forEach(e -> assertFalse(e.path("detail").has("amendment"),
                () -> "an entry names its amendment, which is in changes, without repeating it: " + e));
        for (String list : List.of("amendments", "comments", "votes", "silences")) {
            if (changes.has(list)) {
                ArrayNode into = (ArrayNode) state.get(list);
                for (JsonNode item : changes.get(list)) {
                    // A vote's electorate and presence list come only when they changed: the rest is kept.
                    replaceOrAdd(into, item, list.equals("votes"));
                }
            }
        }
        if (changes.has("conflictGroups")) {
            List<String> clauses = new ArrayList<>();
            changes.get("conflictGroups").get("clauses").forEach(c -> clauses.add(c.asText()));
            ArrayNode groups = (ArrayNode) state.get("conflictGroups");
            for (Iterator<JsonNode> it = groups.elements(); it.hasNext(); ) {
                if (clauses.contains(it.next().get("clauseId").asText())) {
                    it.remove();
                }
            }
            groups.addAll((ArrayNode) changes.get("conflictGroups").get("groups"));
        }
        for (String field : List.of("phases", "adoption", "documentStatus")) {
            if (changes.has(field)) {
                state.set(field, changes.get(field));
            }
        }
        frame.get("events").forEach(e -> state.put("seq", Math.max(state.get("seq").asLong(), e.get("seq").asLong())));
        return true;
    }

    /**
     * The reader's amendments as the protocol says a client completes them: a pending one's
     * {@code baseText} is the clause's text and its {@code proposal} its {@code text} when left out,
     * and its {@code diff} is the word diff of the
     * clause's text as the reader has it (here, the document now) to that proposal.
     */
    private static ObjectNode completed(ObjectNode built, java.net.http.HttpResponse<String> documentAnswer) {
        Map<String, String> texts = new java.util.HashMap<>();
        HttpTestClient.json(documentAnswer).get("clauses").forEach(c -> texts.put(c.get("id").asText(), c.get("text").asText()));
        ObjectNode copy = built.deepCopy();
        for (JsonNode item : copy.get("amendments")) {
            ObjectNode a = (ObjectNode) item;
            String state = a.get("state").asText();
            if (!(state.equals("draft") || state.equals("tabled")) || a.has("diff")) {
                continue;
            }
            if (!a.has("proposal")) {
                a.set("proposal", a.get("text"));
            }
            String current = texts.getOrDefault(a.path("clauseId").asText(), "");
            if (!a.has("baseText")) {
                a.put("baseText", current);
            }
            String text = a.path("text").asText("");
            List<plenary.amendment.Segment> diff = switch (a.get("kind").asText()) {
                case "insert" -> List.of(new plenary.amendment.Segment(plenary.amendment.Segment.Kind.INSERT, text));
                case "delete" -> List.of(new plenary.amendment.Segment(plenary.amendment.Segment.Kind.DELETE, current));
                case "move" -> List.of(new plenary.amendment.Segment(plenary.amendment.Segment.Kind.EQUAL, current));
                default -> a.get("proposal").isNull()
                        ? plenary.amendment.WordDiff.between(a.path("baseText").asText(""), text)
                        : plenary.amendment.WordDiff.between(current, a.get("proposal").asText());
            };
            a.set("diff", plenary.view.NegotiationJson.segments(diff));
        }
        return copy;
    }

    private static void replaceOrAdd(ArrayNode list, JsonNode item, boolean merge) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).get("id").equals(item.get("id"))) {
                if (merge) {
                    ((ObjectNode) list.get(i)).setAll((ObjectNode) item);
                } else {
                    list.set(i, item);
                }
                return;
            }
        }
        list.add(item);
    }

    private static void assertSame(String reader, String list, JsonNode truth, JsonNode built) {
        assertEquals(byId(truth.get(list)), byId(built.get(list)), reader + ": " + list);
    }

    private static Map<String, JsonNode> byId(JsonNode list) {
        Map<String, JsonNode> out = new TreeMap<>();
        list.forEach(item -> out.put(item.get("id").asText(), item));
        return out;
    }

    private static boolean hasEntry(JsonNode frame, long seq) {
        for (JsonNode e : frame.get("events")) {
            if (e.get("seq").asLong() == seq) {
                return true;
            }
        }
        return false;
    }

    private static long own(SocketProbe socket) {
        return socket.received().stream().filter(m -> SocketProbe.type(m, "negotiation") && m.path("own").asBoolean())
                .count();
    }

    private static HttpTestClient client(RunningServer server, String username) {
        HttpTestClient client = new HttpTestClient(URI.create("http://127.0.0.1:" + server.port() + "/"));
        return client.bearer(TestPeople.signIn(client, username, "password-of-" + username));
    }

    /** Random steps through the API as the five people; refusals are part of the walk. */
    private static final class Walker {
        private static final List<String> DELEGATES = List.of("graz", "uclg");
        private final SplittableRandom random;
        private final Map<String, HttpTestClient> people;
        private final String doc;
        private final AdjustableClock clock;
        private final List<String> amendments = new ArrayList<>();
        /** Comment id → its author's name. */
        private final Map<String, String> comments = new LinkedHashMap<>();
        private String vote;
        private int words;

        Walker(SplittableRandom random, Map<String, HttpTestClient> people, String doc, AdjustableClock clock) {
            this.random = random;
            this.people = people;
            this.doc = doc;
            this.clock = clock;
        }

        void step() {
            switch (random.nextInt(18)) {
                case 0 -> phase();
                case 1, 2, 3 -> draft();
                case 16, 17 -> voteStep();
                case 4 -> onAmendment(delegate(), "table", "{}");
                case 5 -> onAmendment(delegate(), random.nextInt(4) == 0 ? "withdraw" : "cosponsors", "{}");
                case 6 -> onAmendment(delegate(), "indicative", "{\"position\":\"" + pick(List.of("support", "oppose", "abstain")) + "\"}");
                case 7 -> decide();
                case 8 -> compromise();
                case 9, 10 -> comment();
                case 11 -> commentAction();
                case 12 -> status();
                case 13 -> voteStep();
                case 14 -> silence();
                default -> concludeSilence();
            }
        }

        void adoptAtTheEnd() {
            if (vote != null) {
                people.get("chair").postJson(doc + "/votes/" + vote + "/open", "{}");
                people.get("chair").postJson(doc + "/votes/" + vote + "/close", "{}");
            }
            clock.advance(Duration.ofHours(2)); // past any silence deadline
            people.get("chair").postJson(doc + "/adopt", "{}");
        }

        private void phase() {
            String phase = pick(List.of("tabling", "tabling", "comments", "voting"));
            people.get("chair").putJson(doc + "/phases/" + phase, "{\"open\":" + (random.nextInt(4) != 0) + "}");
        }

        private void draft() {
            List<JsonNode> clauses = clauses();
            JsonNode clause = clauses.get(random.nextInt(clauses.size()));
            String kind = pick(List.of("modify", "modify", "modify", "insert", "delete"));
            String text = clause.get("text").asText() + " and word" + (++words);
            String body = "{\"kind\":\"" + kind + "\",\"clauseId\":\"" + clause.get("id").asText() + "\""
                    + (kind.equals("delete") ? "" : ",\"text\":" + quote(kind.equals("insert") ? "*Decides* to meet again " + words + ";" : text))
                    + ",\"table\":" + random.nextBoolean() + "}";
            HttpResponse<String> answer = people.get(delegate()).postJson(doc + "/amendments", body);
            if (answer.statusCode() == 201) {
                amendments.add(HttpTestClient.json(answer).get("id").asText());
            }
        }

        /** Accepts or rejects an amendment, most often a tabled one (any other is refused). */
        private void decide() {
            List<String> tabled = new ArrayList<>();
            HttpTestClient.json(people.get("rapporteur").get(doc + "/negotiation")).get("amendments").forEach(a -> {
                if (a.get("state").asText().equals("tabled")) {
                    tabled.add(a.get("id").asText());
                }
            });
            List<String> from = tabled.isEmpty() || random.nextInt(4) == 0 ? amendments : tabled;
            if (!from.isEmpty()) {
                people.get(random.nextBoolean() ? "rapporteur" : "chair").postJson(doc + "/amendments/" + pick(from) + "/"
                        + (random.nextInt(3) == 0 ? "reject" : "accept"), "{\"reason\":\"Out of scope\"}");
            }
        }

        private void compromise() {
            List<JsonNode> clauses = clauses();
            JsonNode clause = clauses.get(random.nextInt(clauses.size()));
            JsonNode state = HttpTestClient.json(people.get("rapporteur").get(doc + "/negotiation"));
            List<String> tabled = new ArrayList<>();
            state.get("amendments").forEach(a -> {
                if (a.get("state").asText().equals("tabled") && a.get("clauseId").equals(clause.get("id"))
                        && !a.get("kind").asText().equals("insert")) {
                    tabled.add("\"" + a.get("id").asText() + "\"");
                }
            });
            people.get("rapporteur").postJson(doc + "/compromises", "{\"clauseId\":\"" + clause.get("id").asText()
                    + "\",\"text\":" + quote(clause.get("text").asText() + " as agreed " + (++words))
                    + ",\"supersedes\":" + tabled + "}");
        }

        private void comment() {
            String author = pick(List.of("graz", "uclg", "rapporteur", "chair"));
            String body;
            if (!comments.isEmpty() && random.nextInt(3) == 0) {
                body = "{\"parentId\":\"" + pick(new ArrayList<>(comments.keySet())) + "\",\"body\":\"A reply\"}";
            } else if (!amendments.isEmpty() && random.nextBoolean()) {
                body = "{\"target\":\"amendment\",\"targetId\":\"" + pick(amendments) + "\",\"stance\":\"support\",\"body\":\"On this one\"}";
            } else {
                List<JsonNode> clauses = clauses();
                body = "{\"target\":\"clause\",\"targetId\":\"" + clauses.get(random.nextInt(clauses.size())).get("id").asText()
                        + "\",\"body\":\"On the paragraph\"}";
            }
            HttpResponse<String> answer = people.get(author).postJson(doc + "/comments", body);
            if (answer.statusCode() == 201) {
                comments.put(HttpTestClient.json(answer).get("id").asText(), author);
            }
        }

        private void commentAction() {
            if (comments.isEmpty()) {
                return;
            }
            String id = pick(new ArrayList<>(comments.keySet()));
            String author = comments.get(id);
            switch (random.nextInt(3)) {
                case 0 -> people.get(author).send(people.get(author).request(doc + "/comments/" + id)
                        .header("Content-Type", "application/json")
                        .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"body\":\"Edited " + (++words) + "\"}")));
                case 1 -> people.get(random.nextBoolean() ? author : "chair").delete(doc + "/comments/" + id);
                default -> people.get(random.nextBoolean() ? author : "rapporteur").postJson(doc + "/comments/" + id + "/resolve", "{}");
            }
        }

        private void status() {
            List<JsonNode> clauses = clauses();
            people.get("rapporteur").putJson(doc + "/clauses/" + clauses.get(random.nextInt(clauses.size())).get("id").asText()
                    + "/status", "{\"status\":\"" + pick(List.of("bracketed", "agreed-ad-ref", "agreed")) + "\"}");
        }

        private void voteStep() {
            HttpTestClient chair = people.get("chair");
            if (vote == null) {
                HttpResponse<String> called = chair.postJson(doc + "/votes", "{\"subject\":\"document\",\"question\":\"Adopt?\",\"ballot\":\""
                        + pick(List.of("open", "roll-call")) + "\"}");
                if (called.statusCode() == 201) {
                    vote = HttpTestClient.json(called).get("id").asText();
                }
                return;
            }
            // Mostly the vote's next step: registers, opening, ballots, closing.
            switch (random.nextInt(6)) {
                case 0, 1 -> people.get(delegate()).postJson(doc + "/votes/" + vote + "/presence", "{}");
                case 2 -> chair.postJson(doc + "/votes/" + vote + "/open", "{}");
                case 3, 4 -> people.get(delegate()).postJson(doc + "/votes/" + vote + "/ballots",
                        "{\"choice\":\"" + pick(List.of("yes", "no", "abstain")) + "\"}");
                default -> {
                    if (chair.postJson(doc + "/votes/" + vote + "/close", "{}").statusCode() == 200) {
                        vote = null;
                    }
                }
            }
        }

        private void silence() {
            if (random.nextBoolean()) {
                String deadline = clock.instant().plus(Duration.ofMinutes(30)).toString();
                people.get("chair").postJson(doc + "/silence", "{\"deadline\":\"" + deadline + "\"}");
            } else {
                List<JsonNode> clauses = clauses();
                people.get(delegate()).postJson(doc + "/silence/breaks", "{\"clauseId\":\""
                        + clauses.get(random.nextInt(clauses.size())).get("id").asText() + "\",\"reason\":\"Not yet\"}");
            }
        }

        /** The server concludes a silence procedure at its deadline, by itself. */
        private void concludeSilence() {
            JsonNode state = HttpTestClient.json(people.get("chair").get(doc + "/negotiation"));
            for (JsonNode s : state.get("silences")) {
                if (!s.get("concluded").asBoolean()) {
                    clock.advance(Duration.ofMinutes(31));
                    try {
                        people.get("chair").await(doc + "/negotiation", n -> {
                            for (JsonNode x : n.get("silences")) {
                                if (x.get("id").equals(s.get("id")) && x.get("concluded").asBoolean()) {
                                    return true;
                                }
                            }
                            return false;
                        }, "the silence procedure concluded");
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                }
            }
        }

        private List<JsonNode> clauses() {
            JsonNode document = HttpTestClient.json(people.get("chair").get(doc));
            List<JsonNode> out = new ArrayList<>();
            document.get("clauses").forEach(c -> {
                if (!c.get("kind").asText().equals("heading")) {
                    out.add(c);
                }
            });
            assertFalse(out.isEmpty(), "the document keeps paragraphs");
            return out;
        }

        private void onAmendment(String who, String action, String body) {
            if (!amendments.isEmpty()) {
                people.get(who).postJson(doc + "/amendments/" + pick(amendments) + "/" + action, body);
            }
        }

        private String delegate() {
            return pick(DELEGATES);
        }

        private <T> T pick(List<T> from) {
            return from.get(random.nextInt(from.size()));
        }

        private static String quote(String text) {
            return JsonNodeFactory.instance.textNode(text).toString();
        }
    }
}
