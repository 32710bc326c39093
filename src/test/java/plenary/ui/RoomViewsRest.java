package plenary.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

/**
 * REST set-up for the room views' browser tests: preconditions that are not the point of a test
 * (opening tabling, tabling and accepting amendments, reading the document back), as demo accounts
 * signed in with bearer tokens.
 */
final class RoomViewsRest {
    static final String PASSWORD = "plenary-demo-2026";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final Map<String, String> tokens = new HashMap<>();

    RoomViewsRest(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** Sends a request as a demo user; fails unless the answer is 2xx. Returns the JSON (or null). */
    JsonNode call(String user, String method, String path, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .header("Authorization", "Bearer " + token(user))
                    .header("Accept", "application/json");
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new AssertionError(method + " " + path + " as " + user + ": " + response.statusCode() + " " + response.body());
            }
            return response.body().isEmpty() ? null : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    JsonNode get(String user, String path) {
        return call(user, "GET", path, null);
    }

    /** The first document (the sample HRGL/2022/OD/1 on a --demo server). */
    String firstDocumentId(String user) {
        return get(user, "/api/documents").get("documents").get(0).get("id").asText();
    }

    /** The clause numbered {@code number} (e.g. "1") of a document, as JSON {id, text, …}. */
    JsonNode clause(String user, String documentId, String number) {
        for (JsonNode c : get(user, "/api/documents/" + documentId).get("clauses")) {
            if (number.equals(c.path("number").asText())) {
                return c;
            }
        }
        throw new AssertionError("no clause numbered " + number);
    }

    void openTabling(String documentId) {
        call("chair", "PUT", "/api/documents/" + documentId + "/phases/tabling", Map.of("open", true));
    }

    /** Drafts and tables a modification of a clause in one request; returns the amendment. */
    JsonNode tableModification(String delegate, String documentId, String clauseId, String text) {
        return call(delegate, "POST", "/api/documents/" + documentId + "/amendments",
                Map.of("clauseId", clauseId, "text", text, "rationale", "For the test.", "table", true));
    }

    JsonNode tableInsertion(String delegate, String documentId, String afterClauseId, String text) {
        return call(delegate, "POST", "/api/documents/" + documentId + "/amendments",
                Map.of("kind", "insert", "clauseId", afterClauseId, "text", text, "clauseKind", "operative", "table", true));
    }

    JsonNode accept(String documentId, String amendmentId) {
        return call("rapporteur", "POST", "/api/documents/" + documentId + "/amendments/" + amendmentId + "/accept", null);
    }

    private String token(String user) {
        return tokens.computeIfAbsent(user, u -> {
            try {
                HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/session"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("username", u, "password", PASSWORD))))
                        .build();
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200 && response.statusCode() != 201) {
                    throw new AssertionError("sign-in of " + u + ": " + response.statusCode() + " " + response.body());
                }
                return JSON.readTree(response.body()).get("token").asText();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }
}
