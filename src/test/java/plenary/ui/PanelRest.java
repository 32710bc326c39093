package plenary.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import plenary.http.HttpTestClient;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * REST set-up and checks for the clause panel's browser tests, signed in as one demo account with a
 * bearer token: the preconditions a test is not about (opening tabling, amendments tabled by others)
 * and reading back what the page did.
 */
final class PanelRest implements AutoCloseable {
    static final String PASSWORD = "plenary-demo-2026";
    static final String SAMPLE = "HRGL/2022/OD/1";

    private final HttpTestClient http;

    PanelRest(int port, String username) {
        http = new HttpTestClient(URI.create("http://127.0.0.1:" + port + "/"));
        ObjectNode body = HttpTestClient.JSON.createObjectNode().put("username", username).put("password", PASSWORD);
        JsonNode session = ok(http.postJson("/api/session", body.toString()));
        http.bearer(session.get("token").asText());
    }

    /** The id of the sample outcome document. */
    String sampleDocument() {
        JsonNode documents = ok(http.get("/api/documents")).get("documents");
        return StreamSupport.stream(documents.spliterator(), false)
                .filter(d -> SAMPLE.equals(d.path("meta").path("symbol").asText()))
                .findFirst().orElseThrow().get("id").asText();
    }

    /** The clause of the document that is operative paragraph {@code number}. */
    JsonNode operative(String documentId, String number) {
        JsonNode clauses = ok(http.get("/api/documents/" + documentId)).get("clauses");
        return StreamSupport.stream(clauses.spliterator(), false)
                .filter(c -> "operative".equals(c.path("kind").asText()) && number.equals(c.path("number").asText()))
                .findFirst().orElseThrow();
    }

    void openTabling(String documentId) {
        ok(http.putJson("/api/documents/" + documentId + "/phases/tabling", "{\"open\":true}"));
    }

    /** Drafts and tables a modification of clauseId to text; returns the amendment. */
    JsonNode table(String documentId, String clauseId, String text, String rationale) {
        ObjectNode body = HttpTestClient.JSON.createObjectNode().put("clauseId", clauseId).put("text", text)
                .put("rationale", rationale).put("table", true);
        return ok(http.postJson("/api/documents/" + documentId + "/amendments", body.toString()));
    }

    /** Every amendment this account may see, as in GET /negotiation. */
    JsonNode amendments(String documentId) {
        return ok(http.get("/api/documents/" + documentId + "/negotiation")).get("amendments");
    }

    private static JsonNode ok(HttpResponse<String> response) {
        assertTrue(response.statusCode() / 100 == 2, () -> response.uri() + ": " + response.statusCode() + " " + response.body());
        return HttpTestClient.json(response);
    }

    @Override
    public void close() {
        http.close();
    }
}
