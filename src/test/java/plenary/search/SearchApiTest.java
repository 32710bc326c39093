package plenary.search;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import plenary.editing.TextOp;
import plenary.http.HttpTestClient;
import plenary.http.RunningServer;
import plenary.live.LiveTestClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static plenary.search.SearchTesting.awaitFound;
import static plenary.search.SearchTesting.created;
import static plenary.search.SearchTesting.documentId;
import static plenary.search.SearchTesting.keys;
import static plenary.search.SearchTesting.marked;
import static plenary.search.SearchTesting.ok;
import static plenary.search.SearchTesting.person;
import static plenary.search.SearchTesting.problem;
import static plenary.search.SearchTesting.search;
import static plenary.search.SearchTesting.searchPath;
import static plenary.search.SearchTesting.total;

/**
 * {@code GET /api/search} on a real server with the samples loaded: every script of the
 * multilingual sample, the filters and pages, edits found without a restart, and what a person
 * must never find: another meeting's texts, another delegation's drafts.
 */
@Tag("integration")
class SearchApiTest {
    @TempDir
    static Path dir;

    private static RunningServer server;
    private static HttpTestClient chair;
    private static HttpTestClient graz;
    private static HttpTestClient gwangju;
    private static HttpTestClient outsider;
    private static HttpTestClient admin;
    private static String sampleMeeting;
    private static String otherMeeting;
    private static String multilingual;
    private static String adopted2021;
    private static String otherDoc;

    @BeforeAll
    static void setUp() throws Exception {
        server = RunningServer.start(dir);
        String adminToken = SearchTesting.adminToken(server);
        admin = new HttpTestClient(URI.create("http://127.0.0.1:" + server.port() + "/")).bearer(adminToken);
        sampleMeeting = SearchTesting.sampleMeeting(server.http(), adminToken);
        otherMeeting = SearchTesting.meeting(server.http(), adminToken, "Another conference");
        chair = person(server, adminToken, sampleMeeting, "chair", null, "chair-a");
        graz = person(server, adminToken, sampleMeeting, "delegate", "City of Graz", "graz");
        gwangju = person(server, adminToken, sampleMeeting, "delegate", "Gwangju Metropolitan City", "gwangju");
        HttpTestClient otherChair = person(server, adminToken, otherMeeting, "chair", null, "chair-b");
        outsider = person(server, adminToken, otherMeeting, "delegate", "Elsewhere", "outsider");
        multilingual = documentId(graz, "Déclaration de Graz");
        adopted2021 = documentId(graz, "Building Bridges");

        // Meeting B: a text, a tabled amendment, a draft and comments, all with words found nowhere else.
        JsonNode doc = created(otherChair.post("/api/documents?meeting=" + otherMeeting, HttpTestClient.MARKDOWN,
                "# Elsewhere\n\n1. *Calls upon* zorbluxian municipalities to act;\n".getBytes(StandardCharsets.UTF_8)));
        otherDoc = doc.get("id").asText();
        String op1 = doc.get("clauses").get(0).get("id").asText();
        String d = "/api/documents/" + otherDoc;
        ok(otherChair.putJson(d + "/phases/tabling", "{\"open\":true}"));
        created(outsider.postJson(d + "/amendments", "{\"clauseId\":\"" + op1
                + "\",\"text\":\"*Calls upon* quagmirical municipalities to act;\",\"table\":true}"));
        created(outsider.postJson(d + "/amendments", "{\"clauseId\":\"" + op1
                + "\",\"text\":\"*Calls upon* gobbledygook municipalities to act;\"}"));
        created(outsider.postJson(d + "/comments", "{\"targetId\":\"" + op1 + "\",\"body\":\"Flibbertigibbet!\"}"));
    }

    @AfterAll
    static void tearDown() throws Exception {
        server.close();
    }

    @Test
    void everyScriptOfTheMultilingualSampleIsFoundAndMarked() {
        record Case(String query, Set<String> numbers, String marks, String... filters) {
        }
        List<Case> cases = List.of(
                new Case("interdépendants", Set.of("PP1"), "interdépendants"),
                new Case("interdependants", Set.of("PP1"), "interdépendants"),
                new Case("INTERDÉPENDANTS", Set.of("PP1"), "interdépendants"),
                new Case("oeuvre", Set.of("PP2"), "œuvre"),
                new Case("societe civile", Set.of("1"), "société"),
                new Case("niñas", Set.of("PP4", "2"), "niñas"),
                new Case("ninas", Set.of("PP4", "2"), "niñas"),
                new Case("Υπενθυμίζοντας", Set.of("PP5"), "Υπενθυμίζοντας"),
                new Case("υπενθυμίζοντας", Set.of("PP5"), "Υπενθυμίζοντας"),
                new Case("υπενθυμιζοντας", Set.of("PP5"), "Υπενθυμίζοντας"),
                new Case("Призывает", Set.of("3"), "Призывает"),
                new Case("призывает", Set.of("3"), "Призывает"),
                new Case("партнёрами", Set.of("3"), "партнёрами"),
                new Case("الحكومات", Set.of("4"), "الحكومات"),
                new Case("地方政府", Set.of("5"), "地方政府"),
                // The 2022 draft names UN-Habitat and OHCHR too: within the multilingual text, the Arabic paragraph.
                new Case("UN-Habitat", Set.of("6"), "UN-Habitat", "document=" + multilingual),
                new Case("OHCHR", Set.of("6"), "OHCHR", "document=" + multilingual));
        for (Case c : cases) {
            List<String> params = new ArrayList<>(List.of(c.filters()));
            params.add("size=50");
            JsonNode page = search(graz, c.query(), params.toArray(String[]::new));
            Set<String> numbers = new HashSet<>();
            for (JsonNode hit : page.get("results")) {
                assertEquals(multilingual, hit.get("documentId").asText(), c.query() + ": " + hit);
                assertEquals("clause", hit.get("kind").asText());
                assertEquals("Déclaration de Graz sur les droits humains au niveau local", hit.get("documentTitle").asText());
                assertEquals(sampleMeeting, hit.get("meetingId").asText());
                numbers.add(hit.get("number").asText());
                // A Chinese word may come marked in its dictionary pieces (地方, 政府).
                assertTrue(String.join("", marked(hit)).contains(c.marks()), () -> c.query() + " marked " + marked(hit));
            }
            assertEquals(c.numbers(), numbers, c.query() + ": " + page);
            assertEquals(c.numbers().size(), page.get("total").asInt(), c.query());
        }
    }

    @Test
    void theQuerySyntaxWorksInEveryScript() {
        Map<String, Set<String>> expected = Map.of(
                "Призыва*", Set.of("3"),
                "\"niñas, niños y personas\"", Set.of("PP4"),
                "niñas -jóvenes", Set.of("PP4"),
                "Призывает OR الحكومات", Set.of("3", "4"),
                "interdépendant~", Set.of("PP1"));
        for (Map.Entry<String, Set<String>> e : expected.entrySet()) {
            JsonNode page = search(graz, e.getKey(), "document=" + multilingual);
            Set<String> numbers = new HashSet<>();
            page.get("results").forEach(h -> numbers.add(h.get("number").asText()));
            assertEquals(e.getValue(), numbers, e.getKey() + ": " + page);
            page.get("results").forEach(h -> assertFalse(marked(h).isEmpty(), e.getKey() + " marks nothing: " + h));
        }
    }

    @Test
    void kindAdoptedFindsOnlyTheAdoptedSamplesParagraphs() {
        JsonNode adopted = search(graz, "human rights", "kind=adopted", "size=50");
        Set<String> numbers = new HashSet<>();
        for (JsonNode hit : adopted.get("results")) {
            assertEquals("adopted", hit.get("kind").asText());
            assertEquals(adopted2021, hit.get("documentId").asText());
            assertTrue(hit.get("documentTitle").asText().startsWith("Building Bridges"));
            numbers.add(hit.get("number").asText());
        }
        assertEquals(Set.of("PP1", "PP4", "1", "2", "3", "4", "6", "7", "10"), numbers);
        assertEquals(9, adopted.get("total").asInt());
        JsonNode all = search(graz, "human rights", "size=50");
        assertTrue(all.get("total").asInt() > 9, "the drafts say human rights too");
        Set<String> kinds = new HashSet<>();
        all.get("results").forEach(h -> kinds.add(h.get("kind").asText()));
        assertEquals(Set.of("clause", "adopted"), kinds);
        assertEquals(0, total(graz, "human rights", "kind=comment"));
    }

    @Test
    void documentAndMeetingFiltersRestrict() {
        JsonNode all = search(graz, "2030", "size=50");
        List<String> inMultilingual = new ArrayList<>();
        all.get("results").forEach(h -> {
            if (h.get("documentId").asText().equals(multilingual)) {
                inMultilingual.add(SearchTesting.key(h));
            }
        });
        assertTrue(inMultilingual.size() >= 2 && inMultilingual.size() < all.get("total").asInt(), all.toString());
        JsonNode one = search(graz, "2030", "size=50", "document=" + multilingual);
        assertEquals(new HashSet<>(inMultilingual), new HashSet<>(keys(one)));
        assertEquals(inMultilingual.size(), one.get("total").asInt());
        assertEquals(all.get("total"), search(graz, "2030", "size=50", "meeting=" + sampleMeeting).get("total"));
        assertEquals(0, total(graz, "2030", "document=no-such-document"));
    }

    @Test
    void pagesDoNotOverlapAndTheTotalIsStable() {
        JsonNode everything = search(graz, "human rights", "size=50");
        long total = everything.get("total").asLong();
        assertTrue(total > 4);
        JsonNode first = search(graz, "human rights", "size=2", "page=1");
        JsonNode second = search(graz, "human rights", "size=2", "page=2");
        assertEquals(total, first.get("total").asLong());
        assertEquals(total, second.get("total").asLong());
        assertEquals(1, first.get("page").asInt());
        assertEquals(2, second.get("page").asInt());
        assertEquals(2, second.get("size").asInt());
        List<String> both = new ArrayList<>(keys(first));
        both.addAll(keys(second));
        assertEquals(4, new HashSet<>(both).size(), both.toString());
        assertEquals(keys(everything).subList(0, 4), both, "pages follow the order of the whole list");
        JsonNode beyond = search(graz, "human rights", "size=50", "page=2");
        assertEquals(total, beyond.get("total").asLong());
        assertEquals(Math.max(0, total - 50), beyond.get("results").size());
    }

    @Test
    void aNewDocumentAndALiveEditAreFoundWithoutARestart() throws Exception {
        // The drafter of RunningServer is a rapporteur of the sample meeting: they import and type.
        JsonNode doc = created(server.postMarkdown("# Live search\n\n1. *Calls upon* cities to plant quinoaberry gardens;\n"));
        String id = doc.get("id").asText();
        String op1 = doc.get("clauses").get(0).get("id").asText();
        JsonNode found = awaitFound(graz, "quinoaberry").get("results").get(0);
        assertEquals(id, found.get("documentId").asText());
        assertEquals("1", found.get("number").asText());

        URI live = URI.create("ws://127.0.0.1:" + server.port() + "/api/documents/" + id + "/live");
        try (LiveTestClient typist = new LiveTestClient(HttpClient.newHttpClient(), live, "typist")
                .withToken(server.token()).connect()) {
            String text = typist.text(op1);
            int at = text.indexOf("quinoaberry");
            typist.edit(op1, TextOp.builder().retain(at).delete("quinoaberry".length()).insert("marmaladeflux").build());
            JsonNode hit = awaitFound(graz, "marmaladeflux").get("results").get(0);
            assertEquals(op1, hit.get("clauseId").asText());
            assertEquals(List.of("marmaladeflux"), marked(hit));
            assertEquals(0, total(graz, "quinoaberry"), "the old words left the index with the edit");
            assertTrue(typist.errors().isEmpty(), typist.errors().toString());
        }
    }

    @Test
    void tabledAmendmentsAndCommentsAreFoundByKind() throws Exception {
        JsonNode doc = created(server.postMarkdown("# Amended\n\n1. *Calls upon* regions to report;\n"));
        String d = "/api/documents/" + doc.get("id").asText();
        String op1 = doc.get("clauses").get(0).get("id").asText();
        ok(chair.putJson(d + "/phases/tabling", "{\"open\":true}"));
        String amendment = created(graz.postJson(d + "/amendments", "{\"clauseId\":\"" + op1
                + "\",\"text\":\"*Calls upon* regions to report thundersnowly;\",\"rationale\":\"Quickly.\","
                + "\"table\":true}")).get("id").asText();
        String comment = created(gwangju.postJson(d + "/comments", "{\"targetId\":\"" + op1
                + "\",\"body\":\"Brambleweed grows on every report.\"}")).get("id").asText();

        JsonNode a = awaitFound(chair, "thundersnowly", "kind=amendment").get("results").get(0);
        assertEquals("amendment", a.get("kind").asText());
        assertEquals(amendment, a.get("targetId").asText());
        assertEquals(op1, a.get("clauseId").asText());
        assertEquals("1", a.get("number").asText());
        assertEquals("A1", a.get("label").asText(), "the amendment's number from its tabling");
        JsonNode c = awaitFound(graz, "brambleweed", "kind=comment").get("results").get(0);
        assertTrue(c.get("label").isNull(), "comments have no number");
        assertEquals(comment, c.get("targetId").asText());
        assertEquals(List.of("Brambleweed"), marked(c));
        assertEquals(0, total(graz, "thundersnowly", "kind=clause"));
        assertEquals(0, total(graz, "brambleweed", "kind=amendment"));
    }

    @Test
    void nothingOfAnotherMeetingIsFound() throws Exception {
        // The words are there, for the members of meeting B: the zeros below mean hidden, not missing.
        for (String word : List.of("zorbluxian", "quagmirical", "flibbertigibbet", "gobbledygook")) {
            awaitFound(outsider, word);
        }
        for (String word : List.of("zorbluxian", "quagmirical", "flibbertigibbet", "gobbledygook")) {
            for (HttpTestClient member : List.of(graz, chair)) {
                assertEquals(0, total(member, word), word);
                assertEquals(0, total(member, word, "meeting=" + otherMeeting), word);
                assertEquals(0, total(member, word, "document=" + otherDoc), word);
                assertEquals(0, total(member, word, "document=" + otherDoc, "meeting=" + otherMeeting), word);
            }
        }
        assertEquals(0, total(outsider, "Призывает"), "and the other way round");
        assertEquals(0, total(outsider, "human rights", "kind=adopted"), "adopted texts belong to their meeting");
    }

    @Test
    void aDraftIsItsDelegationsBusinessUntilTabledAndItsNotesForGood() throws Exception {
        JsonNode doc = created(server.postMarkdown("# Private\n\n1. *Invites* towns to cooperate;\n"));
        String d = "/api/documents/" + doc.get("id").asText();
        String op1 = doc.get("clauses").get(0).get("id").asText();
        String draft = created(gwangju.postJson(d + "/amendments", "{\"clauseId\":\"" + op1
                + "\",\"text\":\"*Invites* snollygoster towns to cooperate;\"}")).get("id").asText();
        created(gwangju.postJson(d + "/comments", "{\"target\":\"amendment\",\"targetId\":\"" + draft
                + "\",\"body\":\"Cattywampus wording, fix before tabling.\"}"));
        awaitFound(gwangju, "snollygoster", "kind=amendment");
        awaitFound(gwangju, "cattywampus", "kind=comment");
        // Not another delegation, not the chair, the rapporteur or the administrator.
        for (HttpTestClient other : List.of(graz, chair, server.http(), admin)) {
            assertEquals(0, total(other, "snollygoster"));
            assertEquals(0, total(other, "cattywampus"));
            assertEquals(0, total(other, "snollygoster OR cattywampus OR towns", "document=" + doc.get("id").asText(),
                    "kind=amendment"));
        }

        ok(chair.putJson(d + "/phases/tabling", "{\"open\":true}"));
        ok(gwangju.postJson(d + "/amendments/" + draft + "/table", "{}"));
        created(graz.postJson(d + "/comments", "{\"target\":\"amendment\",\"targetId\":\"" + draft
                + "\",\"body\":\"Bumfuzzle, say we.\"}"));
        for (HttpTestClient member : List.of(graz, chair, server.http(), admin, gwangju)) {
            assertEquals(draft, awaitFound(member, "snollygoster").get("results").get(0).get("targetId").asText());
            assertEquals(1, awaitFound(member, "bumfuzzle").get("total").asInt(), "a comment on the tabled text");
        }
        // The delegation's note on its draft stays its own once the amendment is tabled.
        assertEquals(1, total(gwangju, "cattywampus"));
        for (HttpTestClient other : List.of(graz, chair, server.http(), admin)) {
            assertEquals(0, total(other, "cattywampus"));
        }
    }

    @Test
    void badQueriesGetProblemJsonAndTheServerCarriesOn() {
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put(searchPath(""), "the query is empty");
        bad.put("/api/search", "the query is empty");
        bad.put("/api/search?size=5", "the query is empty");
        bad.put(searchPath("x".repeat(501)), "501 characters long; at most 500");
        bad.put(searchPath("*"), "no letter or digit");
        bad.put(searchPath("?*"), "no letter or digit");
        bad.put(searchPath("\"unclosed"), "cannot be read");
        bad.put(searchPath("a AND"), "cannot be read");
        bad.put(searchPath("title:x"), "only the text can be searched (not title)");
        bad.put(searchPath("rights", "page=0"), "page must be a whole number from 1 to 200");
        bad.put(searchPath("rights", "page=201"), "page must be a whole number from 1 to 200");
        bad.put(searchPath("rights", "size=51"), "size must be a whole number from 1 to 50");
        bad.put(searchPath("rights", "size=0"), "size must be a whole number from 1 to 50");
        bad.put(searchPath("rights", "size=abc"), "size must be a whole number");
        bad.put(searchPath("rights", "page=9999999999"), "page must be a whole number");
        bad.put(searchPath("rights", "kind=unknown"), "unknown kind 'unknown'");
        for (Map.Entry<String, String> e : bad.entrySet()) {
            problem(graz.get(e.getKey()), 400, e.getValue());
            assertEquals(1, search(graz, "Призывает").get("total").asInt(), "still searching after " + e.getKey());
        }
        try (HttpTestClient anonymous = new HttpTestClient(URI.create("http://127.0.0.1:" + server.port() + "/"))) {
            problem(anonymous.get(searchPath("rights")), 401, "");
            problem(anonymous.get(searchPath("")), 401, "");
        }
    }
}
