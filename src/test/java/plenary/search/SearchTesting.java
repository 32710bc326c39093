package plenary.search;

import com.fasterxml.jackson.databind.JsonNode;
import plenary.http.HttpTestClient;
import plenary.http.RunningServer;
import plenary.http.TestPeople;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** People, documents and searches over the public API, shared by the search tests. */
final class SearchTesting {
    static final String SAMPLE_MEETING = "Human Rights Go Local 2022 (sample)";
    /** Indexing is asynchronous: generous, since only a failure waits this long. */
    private static final long PATIENCE_MILLIS = 10_000;

    private SearchTesting() {
    }

    static String adminToken(RunningServer server) {
        return TestPeople.signIn(server.http(), "admin", TestPeople.ADMIN_PASSWORD);
    }

    static String meeting(HttpTestClient admin, String adminToken, String name) {
        return TestPeople.withToken(admin, adminToken, () -> {
            HttpResponse<String> created = admin.postJson("/api/meetings", "{\"name\":\"" + name + "\"}");
            assertEquals(201, created.statusCode(), created.body());
            return HttpTestClient.json(created).get("id").asText();
        });
    }

    static String sampleMeeting(HttpTestClient admin, String adminToken) {
        return TestPeople.withToken(admin, adminToken, () -> {
            for (JsonNode m : HttpTestClient.json(admin.get("/api/meetings")).get("meetings")) {
                if (m.get("name").asText().equals(SAMPLE_MEETING)) {
                    return m.get("id").asText();
                }
            }
            throw new AssertionError("no sample meeting");
        });
    }

    /** A new member of {@code meeting}, signed in on a client of their own. */
    static HttpTestClient person(RunningServer server, String adminToken, String meeting, String role,
                                 String delegation, String username) {
        String password = "password-of-" + username;
        TestPeople.invite(server.http(), adminToken, meeting, role, delegation, username, password, username);
        return signedIn(server, username, password);
    }

    static HttpTestClient signedIn(RunningServer server, String username, String password) {
        HttpTestClient client = new HttpTestClient(URI.create("http://127.0.0.1:" + server.port() + "/"));
        return client.bearer(TestPeople.signIn(client, username, password));
    }

    /** The id of the readable document whose title starts with {@code title}. */
    static String documentId(HttpTestClient client, String title) {
        for (JsonNode d : HttpTestClient.json(client.get("/api/documents")).get("documents")) {
            if (d.get("title").asText().startsWith(title)) {
                return d.get("id").asText();
            }
        }
        throw new AssertionError("no document titled " + title);
    }

    /** Clause ids by number ("PP1", "3"), of the numbered clauses. */
    static Map<String, String> clausesByNumber(HttpTestClient client, String documentId) {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode c : ok(client.get("/api/documents/" + documentId)).get("clauses")) {
            if (!c.get("number").isNull()) {
                out.put(c.get("number").asText(), c.get("id").asText());
            }
        }
        return out;
    }

    static JsonNode created(HttpResponse<String> response) {
        assertEquals(201, response.statusCode(), response.body());
        return HttpTestClient.json(response);
    }

    static JsonNode ok(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return HttpTestClient.json(response);
    }

    /** {@code GET /api/search?q=…} plus extra parameters ("kind=adopted"), expecting 200. */
    static JsonNode search(HttpTestClient client, String q, String... params) {
        return ok(client.get(searchPath(q, params)));
    }

    static String searchPath(String q, String... params) {
        StringBuilder path = new StringBuilder("/api/search?q=").append(URLEncoder.encode(q, StandardCharsets.UTF_8));
        for (String p : params) {
            path.append('&').append(p);
        }
        return path.toString();
    }

    /** Searches until the answer satisfies {@code until}; fails after a generous wait. */
    static JsonNode awaitSearch(HttpTestClient client, Predicate<JsonNode> until, String q, String... params)
            throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE_MILLIS * 1_000_000;
        JsonNode page;
        do {
            page = search(client, q, params);
            if (until.test(page)) {
                return page;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("search for " + q + " never got there; last answer " + page);
    }

    static JsonNode awaitFound(HttpTestClient client, String q, String... params) throws InterruptedException {
        return awaitSearch(client, p -> p.get("total").asLong() > 0, q, params);
    }

    static long total(HttpTestClient client, String q, String... params) {
        JsonNode page = search(client, q, params);
        assertEquals(page.get("total").asLong() == 0, page.get("results").isEmpty(), page.toString());
        return page.get("total").asLong();
    }

    /** The snippet's marked runs, in order. */
    static List<String> marked(JsonNode hit) {
        List<String> out = new ArrayList<>();
        hit.get("snippet").forEach(p -> {
            if (p.get("match").asBoolean()) {
                out.add(p.get("text").asText());
            }
        });
        return out;
    }

    /** What a hit is, independent of its score: kind, document, clause and target. */
    static String key(JsonNode hit) {
        return hit.get("kind").asText() + "|" + hit.get("documentId").asText() + "|" + hit.path("clauseId").asText()
                + "|" + hit.path("targetId").asText();
    }

    static List<String> keys(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.get("results").forEach(h -> out.add(key(h)));
        return out;
    }

    static void problem(HttpResponse<String> response, int status, String detail) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                () -> "not problem JSON: " + response.headers().map());
        JsonNode body = HttpTestClient.json(response);
        assertEquals(status, body.path("status").asInt(), response.body());
        assertTrue(body.path("detail").asText().contains(detail), () -> "expected '" + detail + "' in " + response.body());
    }
}
