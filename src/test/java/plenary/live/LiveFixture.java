package plenary.live;

import com.fasterxml.jackson.databind.JsonNode;
import plenary.http.HttpTestClient;
import plenary.http.RunningServer;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A running server with one fresh document, and live clients on it. */
final class LiveFixture implements AutoCloseable {
    static final String DRAFT = """
            # Live draft

            *Recalling* the first paragraph,

            1. *Calls upon* cities to act;
            2. *Encourages* regions to report;
            3. *Invites* networks to share;
            """;

    final RunningServer server;
    final String documentId;
    final List<String> clauseIds = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<LiveTestClient> clients = new ArrayList<>();

    LiveFixture(RunningServer server) {
        this.server = server;
        JsonNode created = HttpTestClient.json(server.postMarkdown(DRAFT));
        this.documentId = created.get("id").asText();
        created.get("clauses").forEach(c -> clauseIds.add(c.get("id").asText()));
    }

    URI liveUri() {
        return URI.create("ws://127.0.0.1:" + server.port() + "/api/documents/" + documentId + "/live");
    }

    LiveTestClient client(String clientId) throws Exception {
        LiveTestClient client = new LiveTestClient(http, liveUri(), clientId).withToken(server.token()).connect();
        clients.add(client);
        return client;
    }

    /** The clause texts as the REST API reads them from the store. */
    Map<String, String> storedTexts() {
        Map<String, String> texts = new LinkedHashMap<>();
        server.getJson("/api/documents/" + documentId).get("clauses")
                .forEach(c -> texts.put(c.get("id").asText(), c.get("text").asText()));
        return texts;
    }

    long storedRevision() {
        return server.getJson("/api/documents/" + documentId).get("revision").asLong();
    }

    void assertConverged(List<LiveTestClient> all) throws Exception {
        long revision = storedRevision();
        for (LiveTestClient c : all) {
            c.await(() -> c.idle() && c.revision() >= revision, 30_000, "catching up to revision " + revision);
        }
        Map<String, String> stored = storedTexts();
        for (LiveTestClient c : all) {
            assertEquals(stored, c.texts(), c.clientId() + " diverged from the server; errors " + c.errors());
        }
    }

    @Override
    public void close() {
        clients.forEach(LiveTestClient::close);
    }
}
