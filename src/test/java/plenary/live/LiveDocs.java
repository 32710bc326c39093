package plenary.live;

import com.fasterxml.jackson.databind.JsonNode;
import plenary.http.HttpTestClient;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Small helpers shared by the live tests that need more than {@link LiveFixture}'s draft. */
final class LiveDocs {
    /**
     * PP1, PP2, operative 1 (with an emoji, a surrogate pair in UTF-16), operative 2 with
     * sub-paragraphs (a) and (b), operative 3.
     */
    static final String STRUCTURED = """
            # Structured draft

            *Recalling* the first paragraph,

            *Noting* the second paragraph,

            1. *Calls upon* cities to act \uD83C\uDF0D now;
            2. *Encourages* regions to report:
               1. on progress;
               2. on obstacles;
            3. *Invites* networks to share;
            """;

    private LiveDocs() {
    }

    /** POSTs a draft and returns the created document (201 required). */
    static JsonNode create(HttpTestClient http, String markdown) {
        HttpResponse<String> response = http.postMarkdown(markdown);
        assertEquals(201, response.statusCode(), response::body);
        return HttpTestClient.json(response);
    }

    static URI liveUri(int port, String documentId) {
        return URI.create("ws://127.0.0.1:" + port + "/api/documents/" + documentId + "/live");
    }

    static List<String> ids(JsonNode document) {
        List<String> ids = new ArrayList<>();
        document.get("clauses").forEach(c -> ids.add(c.get("id").asText()));
        return ids;
    }

    static Map<String, String> texts(JsonNode document) {
        Map<String, String> texts = new LinkedHashMap<>();
        document.get("clauses").forEach(c -> texts.put(c.get("id").asText(), c.get("text").asText()));
        return texts;
    }

    static JsonNode clause(JsonNode document, String clauseId) {
        for (JsonNode c : document.get("clauses")) {
            if (c.get("id").asText().equals(clauseId)) {
                return c;
            }
        }
        throw new AssertionError("no clause " + clauseId + " in " + document);
    }

    /** A GET that must answer 200 with JSON. */
    static JsonNode getJson(HttpTestClient http, String path) {
        HttpResponse<String> response = http.get(path);
        assertEquals(200, response.statusCode(), () -> "GET " + path + ": " + response.body());
        return HttpTestClient.json(response);
    }

    /** Waits until every client is idle and has caught up with the stored revision, then compares texts. */
    static void assertConverged(HttpTestClient http, String documentId, List<LiveTestClient> clients)
            throws TimeoutException {
        JsonNode stored = getJson(http, "/api/documents/" + documentId);
        long revision = stored.get("revision").asLong();
        for (LiveTestClient c : clients) {
            c.await(() -> c.idle() && c.revision() >= revision, 30_000, "catching up to revision " + revision);
        }
        stored = getJson(http, "/api/documents/" + documentId);
        for (LiveTestClient c : clients) {
            assertEquals(texts(stored), c.texts(), c.clientId() + " diverged from the server; errors " + c.errors());
        }
    }

    /** An RFC 9457 problem answer with this status and type. */
    static JsonNode assertProblem(HttpResponse<String> response, int status, String type) {
        assertEquals(status, response.statusCode(), response::body);
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""),
                response::body);
        JsonNode problem = HttpTestClient.json(response);
        assertEquals(status, problem.path("status").asInt(), response::body);
        assertEquals(type, problem.path("type").asText(), response::body);
        return problem;
    }

    /** A string of JSON: quoted and escaped. */
    static String q(String s) {
        return RawLiveSocket.JSON.getNodeFactory().textNode(s).toString();
    }
}
