package plenary.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import plenary.http.HttpTestClient;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * REST steps as the demo accounts of a --demo server, each signed in once for a bearer token: the
 * preconditions a browser test is not about (opening tabling, amendments tabled by others, an
 * invitation) and reading back what the page did. Every answer must be 2xx.
 */
final class DemoRest implements AutoCloseable {
    static final String PASSWORD = "plenary-demo-2026";
    static final String SAMPLE = "HRGL/2022/OD/1";

    private final URI base;
    private final Map<String, HttpTestClient> accounts;
    /** The class's own copy of the sample on a shared server, or null: the one the server seeded. */
    private final String sampleCopy;

    DemoRest(String base) {
        this(URI.create(base), new HashMap<>(), null);
    }

    private DemoRest(URI base, Map<String, HttpTestClient> accounts, String sampleCopy) {
        this.base = base;
        this.accounts = accounts;
        this.sampleCopy = sampleCopy;
    }

    /** The same accounts, with documentId as "the sample document". */
    DemoRest withSample(String documentId) {
        return new DemoRest(base, accounts, documentId);
    }

    /** Imports the sample draft anew into the account's meeting, as the server seeds it; returns the new document's id. */
    String importSample(String user) {
        try (var in = DemoRest.class.getClassLoader().getResourceAsStream("samples/hrgl-2022-outcome-draft.md")) {
            if (in == null) {
                throw new IllegalStateException("the sample draft is missing from the build");
            }
            return ok(as(user).postMarkdown(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)))
                    .get("id").asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Imports a Markdown draft into the account's meeting; returns the new document's id. */
    String importMarkdown(String user, String markdown) {
        return ok(as(user).postMarkdown(markdown)).get("id").asText();
    }

    JsonNode get(String user, String path) {
        return ok(as(user).get(path));
    }

    /** The id of the sample outcome document. */
    String sampleDocument(String user) {
        if (sampleCopy != null) {
            return get(user, "/api/documents/" + sampleCopy).get("id").asText(); // readable by this account too
        }
        return StreamSupport.stream(get(user, "/api/documents").get("documents").spliterator(), false)
                .filter(d -> SAMPLE.equals(d.path("meta").path("symbol").asText()))
                .findFirst().orElseThrow().get("id").asText();
    }

    /** Operative paragraph {@code number} of the document, as JSON {id, text, …}. */
    JsonNode operative(String user, String documentId, String number) {
        return StreamSupport.stream(get(user, "/api/documents/" + documentId).get("clauses").spliterator(), false)
                .filter(c -> "operative".equals(c.path("kind").asText()) && number.equals(c.path("number").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no operative paragraph " + number));
    }

    /** The chair sets a paragraph's status (bracketed, agreed-ad-ref or agreed). */
    void setClauseStatus(String documentId, String clauseId, String status) {
        ok(as("chair").putJson("/api/documents/" + documentId + "/clauses/" + clauseId + "/status",
                object().put("status", status).toString()));
    }

    void openTabling(String documentId) {
        ok(as("chair").putJson("/api/documents/" + documentId + "/phases/tabling", "{\"open\":true}"));
    }

    /** Drafts and tables a modification of clauseId to text in one request; returns the amendment. */
    JsonNode table(String user, String documentId, String clauseId, String text, String rationale) {
        return post(user, "/api/documents/" + documentId + "/amendments", object().put("clauseId", clauseId)
                .put("text", text).put("rationale", rationale).put("table", true));
    }

    /** Drafts and tables a new operative paragraph after afterClauseId; returns the amendment. */
    JsonNode tableInsertion(String user, String documentId, String afterClauseId, String text) {
        return post(user, "/api/documents/" + documentId + "/amendments", object().put("kind", "insert")
                .put("clauseId", afterClauseId).put("text", text).put("clauseKind", "operative").put("table", true));
    }

    /** The rapporteur accepts the amendment as it stands. */
    JsonNode accept(String documentId, String amendmentId) {
        HttpTestClient http = as("rapporteur");
        return ok(http.send(http.request("/api/documents/" + documentId + "/amendments/" + amendmentId + "/accept")
                .POST(HttpRequest.BodyPublishers.noBody())));
    }

    /** The amendment as this account sees it in GET /negotiation. */
    JsonNode amendment(String user, String documentId, String amendmentId) {
        return StreamSupport.stream(get(user, "/api/documents/" + documentId + "/negotiation").get("amendments").spliterator(), false)
                .filter(a -> a.get("id").asText().equals(amendmentId)).findFirst().orElseThrow();
    }

    /** Invites someone to the first meeting of this account; returns the invitation's absolute address. */
    String invitationUrl(String user, String role, String delegation) {
        String meetingId = get(user, "/api/meetings").get("meetings").get(0).get("id").asText();
        JsonNode invitation = post(user, "/api/meetings/" + meetingId + "/invitations",
                object().put("role", role).put("delegation", delegation));
        return base.resolve(invitation.get("url").asText()).toString();
    }

    private JsonNode post(String user, String path, ObjectNode body) {
        return ok(as(user).postJson(path, body.toString()));
    }

    private static ObjectNode object() {
        return HttpTestClient.JSON.createObjectNode();
    }

    private HttpTestClient as(String user) {
        return accounts.computeIfAbsent(user, u -> {
            HttpTestClient http = new HttpTestClient(base);
            JsonNode session = ok(http.postJson("/api/session", object().put("username", u).put("password", PASSWORD).toString()));
            return http.bearer(session.get("token").asText());
        });
    }

    private static JsonNode ok(HttpResponse<String> response) {
        assertTrue(response.statusCode() / 100 == 2, () -> response.request().method() + " " + response.uri() + ": "
                + response.statusCode() + " " + response.body());
        return response.body().isEmpty() ? null : HttpTestClient.json(response);
    }

    @Override
    public void close() {
        accounts.values().forEach(HttpTestClient::close);
    }

    // ---- added for KeyboardProcedureBrowserTest: votes and silence as REST steps

    /** The id of the vote in register or open stage, as this account sees it. */
    String currentVoteId(String user, String documentId) {
        return StreamSupport.stream(get(user, "/api/documents/" + documentId + "/negotiation").get("votes").spliterator(), false)
                .filter(v -> !"closed".equals(v.path("stage").asText())).findFirst().orElseThrow().get("id").asText();
    }

    void registerPresence(String user, String documentId, String voteId) {
        HttpTestClient http = as(user);
        ok(http.send(http.request("/api/documents/" + documentId + "/votes/" + voteId + "/presence")
                .POST(HttpRequest.BodyPublishers.noBody())));
    }

    void castBallot(String user, String documentId, String voteId, String choice) {
        post(user, "/api/documents/" + documentId + "/votes/" + voteId + "/ballots", object().put("choice", choice));
    }

    /** The chair puts the paragraphs under silence until the deadline (any instant, to the millisecond). */
    JsonNode startSilence(String documentId, java.time.Instant deadline, java.util.List<String> clauseIds) {
        ObjectNode body = object().put("deadline", deadline.toString());
        clauseIds.forEach(body.putArray("clauseIds")::add);
        return post("chair", "/api/documents/" + documentId + "/silence", body);
    }
}
