package plenary.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import plenary.document.Clause;
import plenary.document.ClauseKind;
import plenary.document.ClauseStatus;
import plenary.document.Document;
import plenary.document.DocumentMeta;
import plenary.document.DocumentStatus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stored JSON form of a whole document, also its form between the nodes of a cluster. It is not
 * the API's view.
 */
public final class SnapshotCodec {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SnapshotCodec() {
    }

    public static String encode(Document document) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", document.id());
        root.put("title", document.title());
        root.set("meta", metaNode(document.meta()));
        root.put("status", document.status().wireName());
        root.put("revision", document.revision());
        ArrayNode clauses = root.putArray("clauses");
        for (Clause clause : document.clauses()) {
            clauses.addObject()
                    .put("id", clause.id())
                    .put("kind", clause.kind().wireName())
                    .put("text", clause.text())
                    .put("version", clause.version())
                    .put("status", clause.status().wireName());
        }
        return root.toString();
    }

    public static Document decode(String json) {
        try {
            JsonNode root = JSON.readTree(json);
            List<Clause> clauses = new ArrayList<>();
            for (JsonNode c : root.get("clauses")) {
                clauses.add(new Clause(c.get("id").asText(),
                        ClauseKind.fromWireName(c.get("kind").asText()).orElseThrow(),
                        c.get("text").asText(),
                        c.get("version").asLong(),
                        ClauseStatus.fromWireName(c.get("status").asText()).orElseThrow()));
            }
            return new Document(root.get("id").asText(), root.get("title").asText(), decodeMeta(root.get("meta")),
                    DocumentStatus.fromWireName(root.get("status").asText()).orElseThrow(),
                    root.get("revision").asLong(), clauses);
        } catch (JsonProcessingException e) {
            throw new StoreException("stored snapshot is not valid JSON", e);
        }
    }

    static String encodeMeta(DocumentMeta meta) {
        return metaNode(meta).toString();
    }

    static DocumentMeta decodeMeta(String json) {
        try {
            return decodeMeta(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            throw new StoreException("stored metadata is not valid JSON", e);
        }
    }

    private static ObjectNode metaNode(DocumentMeta meta) {
        ObjectNode node = JSON.createObjectNode();
        meta.fields().forEach(node::put);
        return node;
    }

    private static DocumentMeta decodeMeta(JsonNode node) {
        Map<String, String> fields = new LinkedHashMap<>();
        node.properties().forEach(e -> fields.put(e.getKey(), e.getValue().asText()));
        return new DocumentMeta(fields);
    }
}
