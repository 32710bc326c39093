package plenary.http;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The full JSON of every document a server holds at one moment, to prove later requests left them alone. */
final class StoreSnapshot {
    private final RunningServer server;
    private final Map<String, JsonNode> documents = new LinkedHashMap<>();
    private int expectedCount;

    StoreSnapshot(RunningServer server) {
        this.server = server;
        for (JsonNode summary : server.getJson("/api/documents").path("documents")) {
            String id = summary.path("id").asText();
            documents.put(id, server.getJson("/api/documents/" + id));
        }
        expectedCount = documents.size();
    }

    String anyId() {
        return documents.keySet().iterator().next();
    }

    int size() {
        return documents.size();
    }

    /** A request was accepted on purpose: the list may now hold one more document. */
    void accepted() {
        expectedCount++;
    }

    /** The server answers, every snapshotted document is byte-for-byte the same JSON, and none went missing. */
    void assertUnchanged() {
        assertEquals(200, server.get("/health").statusCode(), "the server still answers /health");
        for (Map.Entry<String, JsonNode> entry : documents.entrySet()) {
            assertEquals(entry.getValue(), server.getJson("/api/documents/" + entry.getKey()),
                    "document " + entry.getKey() + " changed");
        }
        JsonNode list = server.getJson("/api/documents").path("documents");
        assertEquals(expectedCount, list.size(), list::toString);
        for (String id : documents.keySet()) {
            boolean listed = false;
            for (JsonNode summary : list) {
                listed |= summary.path("id").asText().equals(id);
            }
            assertTrue(listed, "document " + id + " is still listed");
        }
    }
}
