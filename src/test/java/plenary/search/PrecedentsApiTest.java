package plenary.search;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import plenary.http.HttpTestClient;
import plenary.http.RunningServer;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static plenary.search.SearchTesting.awaitFound;
import static plenary.search.SearchTesting.clausesByNumber;
import static plenary.search.SearchTesting.created;
import static plenary.search.SearchTesting.documentId;
import static plenary.search.SearchTesting.marked;
import static plenary.search.SearchTesting.ok;
import static plenary.search.SearchTesting.problem;

/**
 * Agreed language: the adopted paragraphs closest to a clause, on a real server with the samples
 * and the demo accounts.
 */
@Tag("integration")
class PrecedentsApiTest {
    private static final String DEMO_PASSWORD = "plenary-demo-2026";
    /** Operative paragraph 1 of the adopted 2021 sample, word for word. */
    private static final String OP1_2021 = "*Encourages* local governments to cooperate with universities, national"
            + " statistical offices and national human rights institutions in order to collect reliable, disaggregated"
            + " and comparable human rights data at the local level;";

    @TempDir
    static Path dir;

    private static RunningServer server;
    private static HttpTestClient chair;
    private static HttpTestClient graz;
    private static HttpTestClient outsider;
    private static String draft2022;
    private static String adopted2021;
    private static Map<String, String> clauses2022;
    private static Map<String, String> clauses2021;

    @BeforeAll
    static void setUp() throws Exception {
        server = RunningServer.start(dir, "--demo");
        chair = SearchTesting.signedIn(server, "chair", DEMO_PASSWORD);
        graz = SearchTesting.signedIn(server, "graz", DEMO_PASSWORD);
        String admin = SearchTesting.adminToken(server);
        String other = SearchTesting.meeting(server.http(), admin, "Another conference");
        HttpTestClient otherChair = SearchTesting.person(server, admin, other, "chair", null, "chair-b");
        outsider = SearchTesting.person(server, admin, other, "delegate", "Elsewhere", "outsider");
        draft2022 = documentId(graz, "From Intentions to Commitments");
        adopted2021 = documentId(graz, "Building Bridges");
        clauses2022 = clausesByNumber(graz, draft2022);
        clauses2021 = clausesByNumber(graz, adopted2021);
        // The same words in a draft of this meeting and in another meeting: neither is agreed language here.
        String copy = importDraft(chair, null, "# Copy in a draft\n\n1. " + OP1_2021 + "\n");
        String copyElsewhere = importDraft(otherChair, other, "# Copy elsewhere\n\n1. " + OP1_2021 + "\n");
        awaitFound(graz, "disaggregated", "document=" + copy);
        awaitFound(outsider, "disaggregated", "document=" + copyElsewhere);
    }

    @AfterAll
    static void tearDown() throws Exception {
        server.close();
    }

    @Test
    void lastYearsParagraphOnDataIsAPrecedentOfThisYearsParagraph11() {
        JsonNode answer = precedents(graz, draft2022, clauses2022.get("11"), "");
        assertEquals(clauses2022.get("11"), answer.get("clauseId").asText());
        JsonNode precedents = answer.get("precedents");
        assertTrue(precedents.size() >= 1 && precedents.size() <= 5, "five at most by default: " + answer);
        JsonNode op1 = null;
        for (JsonNode p : precedents) {
            assertEquals("adopted", p.get("kind").asText(), p.toString());
            assertEquals(adopted2021, p.get("documentId").asText(), "only the adopted sample is agreed language");
            if ("1".equals(p.get("number").asText())) {
                op1 = p;
            }
        }
        assertTrue(op1 != null, "2021 OP1 is among " + precedents);
        assertEquals(precedents.get(0), op1, "and it is the closest");
        assertEquals(clauses2021.get("1"), op1.get("clauseId").asText());
        assertTrue(op1.get("documentTitle").asText().startsWith("Building Bridges between Local Governments"));
        List<String> shared = marked(op1).stream().map(String::toLowerCase).toList();
        for (String word : List.of("disaggregated", "statistical", "offices", "universities")) {
            assertTrue(shared.contains(word), "the snippet marks " + word + ": " + shared);
        }
    }

    @Test
    void neverTheClausesOwnDocument() {
        JsonNode precedents = precedents(graz, adopted2021, clauses2021.get("1"), "?limit=10").get("precedents");
        assertEquals(0, precedents.size(), "the only adopted text is the clause's own: " + precedents);
    }

    @Test
    void limitBoundsTheList() {
        assertEquals(1, precedents(graz, draft2022, clauses2022.get("11"), "?limit=1").get("precedents").size());
        JsonNode ten = precedents(graz, draft2022, clauses2022.get("11"), "?limit=10").get("precedents");
        assertTrue(ten.size() > 5 && ten.size() <= 10, ten.toString());
    }

    @Test
    void aParaphraseFindsTheParagraphItParaphrases() throws Exception {
        String id = importDraft(chair, null, "# Paraphrase\n\n1. *Urges* universities to give students traineeships"
                + " and joint research projects in cooperation with local governments;\n");
        String clause = clausesByNumber(chair, id).get("1");
        JsonNode first = precedents(chair, id, clause, "").get("precedents").get(0);
        assertEquals(adopted2021, first.get("documentId").asText());
        assertEquals("7", first.get("number").asText(), first.toString());
        assertEquals(clauses2021.get("7"), first.get("clauseId").asText());
    }

    @Test
    void otherMeetingsNeitherAskNorAnswer() {
        problem(outsider.get(path(draft2022, clauses2022.get("11"), "")), 404, "");
        String copy = documentId(outsider, "Copy elsewhere");
        JsonNode none = precedents(outsider, copy, clausesByNumber(outsider, copy).get("1"), "?limit=10");
        assertEquals(0, none.get("precedents").size(), "another meeting's adopted text is not theirs: " + none);
    }

    @Test
    void badRequestsAreRefused() {
        String op11 = clauses2022.get("11");
        problem(graz.get(path(draft2022, "no-such-clause", "")), 404, "no clause no-such-clause");
        problem(graz.get(path("nosuchdoc", op11, "")), 404, "");
        // A clause id of another document is not a clause of this one.
        problem(graz.get(path(draft2022, clauses2021.get("1"), "")), 404, "no clause");
        problem(graz.get(path(draft2022, op11, "?limit=0")), 400, "limit must be");
        problem(graz.get(path(draft2022, op11, "?limit=-3")), 400, "limit must be");
        problem(graz.get(path(draft2022, op11, "?limit=11")), 400, "limit must be");
        problem(graz.get(path(draft2022, op11, "?limit=ten")), 400, "limit must be a whole number");
        try (HttpTestClient anonymous = new HttpTestClient(URI.create("http://127.0.0.1:" + server.port() + "/"))) {
            problem(anonymous.get(path(draft2022, op11, "")), 401, "");
        }
        assertNotEquals(0, precedents(graz, draft2022, op11, "").get("precedents").size(), "still answering");
    }

    private static JsonNode precedents(HttpTestClient client, String documentId, String clauseId, String query) {
        return ok(client.get(path(documentId, clauseId, query)));
    }

    private static String path(String documentId, String clauseId, String query) {
        return "/api/documents/" + documentId + "/clauses/" + clauseId + "/precedents" + query;
    }

    private static String importDraft(HttpTestClient client, String meeting, String markdown) {
        return created(client.post("/api/documents" + (meeting == null ? "" : "?meeting=" + meeting),
                HttpTestClient.MARKDOWN, markdown.getBytes(StandardCharsets.UTF_8))).get("id").asText();
    }
}
