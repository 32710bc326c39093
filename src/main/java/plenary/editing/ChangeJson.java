package plenary.editing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import plenary.document.ClauseKind;
import plenary.document.ClauseStatus;
import plenary.document.DocumentStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON form of changes and commits, shared by the WebSocket protocol and the operation log so
 * that what a client receives is exactly what was logged.
 */
public final class ChangeJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ChangeJson() {
    }

    public static ObjectNode encode(Change change) {
        ObjectNode node = NODES.objectNode();
        switch (change) {
            case Change.TextEdit edit -> node.put("type", "text").put("clauseId", edit.clauseId())
                    .put("version", edit.baseVersion()).set("op", TextOpJson.toJson(edit.op()));
            case Change.InsertClause insert -> node.put("type", "insert").put("clauseId", insert.clauseId())
                    .put("after", insert.afterId()).put("kind", insert.kind().wireName()).put("text", insert.text());
            case Change.DeleteClause delete -> node.put("type", "delete").put("clauseId", delete.clauseId());
            case Change.MoveClause move -> node.put("type", "move").put("clauseId", move.clauseId())
                    .put("after", move.afterId());
            case Change.SetKind setKind -> node.put("type", "set-kind").put("clauseId", setKind.clauseId())
                    .put("kind", setKind.kind().wireName());
            case Change.SetClauseStatus status -> node.put("type", "set-status").put("clauseId", status.clauseId())
                    .put("status", status.status().wireName());
            case Change.SetClauseStatuses statuses -> {
                node.put("type", "set-statuses");
                statuses.clauseIds().forEach(node.putArray("clauseIds")::add);
                node.put("status", statuses.status().wireName());
            }
            case Change.SetDocumentStatus status -> node.put("type", "set-document-status")
                    .put("status", status.status().wireName());
        }
        return node;
    }

    /**
     * Reads a change from a client or from the log.
     *
     * @throws InvalidOperationException naming the field that is missing or wrong
     */
    public static Change decode(JsonNode node) {
        String type = text(node, "type", true);
        return switch (type) {
            case "text" -> new Change.TextEdit(text(node, "clauseId", true), number(node, "version"),
                    TextOpJson.fromJson(required(node, "op")));
            case "insert" -> new Change.InsertClause(text(node, "clauseId", false), text(node, "after", false),
                    kind(node), node.hasNonNull("text") ? text(node, "text", true) : "");
            case "delete" -> new Change.DeleteClause(text(node, "clauseId", true));
            case "move" -> new Change.MoveClause(text(node, "clauseId", true), text(node, "after", false));
            case "set-kind" -> new Change.SetKind(text(node, "clauseId", true), kind(node));
            case "set-status" -> new Change.SetClauseStatus(text(node, "clauseId", true),
                    ClauseStatus.fromWireName(text(node, "status", true)).orElseThrow(
                            () -> new InvalidOperationException("unknown clause status")));
            case "set-statuses" -> new Change.SetClauseStatuses(clauseIds(node),
                    ClauseStatus.fromWireName(text(node, "status", true)).orElseThrow(
                            () -> new InvalidOperationException("unknown clause status")));
            case "set-document-status" -> new Change.SetDocumentStatus(
                    DocumentStatus.fromWireName(text(node, "status", true)).orElseThrow(
                            () -> new InvalidOperationException("unknown document status")));
            default -> throw new InvalidOperationException("unknown change type '" + type + "'");
        };
    }

    /**
     * For a {@code text} change as a client sent it: the code units its op keeps and deletes,
     * counting a trailing keep that the canonical form drops; -1 for other changes or an op that is
     * not an array (decoding reports that).
     */
    public static long declaredSpan(JsonNode change) {
        JsonNode op = change == null ? null : change.get("op");
        if (!"text".equals(change == null ? null : change.path("type").asText(null)) || op == null || !op.isArray()) {
            return -1;
        }
        long span = 0;
        for (JsonNode component : op) {
            if (component.isIntegralNumber() && component.canConvertToLong()) {
                long v = component.longValue();
                long size = v == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(v);
                span = span > Long.MAX_VALUE - size ? Long.MAX_VALUE : span + size; // saturates: out of range anyway
            }
        }
        return span;
    }

    public static ObjectNode encode(Commit commit) {
        ObjectNode node = NODES.objectNode();
        node.put("revision", commit.revision());
        node.put("clientId", commit.clientId());
        node.put("seq", commit.seq());
        node.put("author", commit.author());
        node.put("at", commit.at().toString());
        node.set("change", encode(commit.change()));
        node.put("hash", commit.hash());
        return node;
    }

    public static Commit decodeCommit(JsonNode node) {
        return new Commit(number(node, "revision"), decode(required(node, "change")),
                text(node, "clientId", false), node.path("seq").asLong(), text(node, "author", false),
                text(node, "authorId", false), Instant.parse(text(node, "at", true)), text(node, "hash", false));
    }

    private static ClauseKind kind(JsonNode node) {
        String name = text(node, "kind", true);
        return ClauseKind.fromWireName(name)
                .orElseThrow(() -> new InvalidOperationException("unknown clause kind '" + name + "'"));
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new InvalidOperationException("missing field '" + field + "'");
        }
        return value;
    }

    private static String text(JsonNode node, String field, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new InvalidOperationException("missing field '" + field + "'");
            }
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidOperationException("field '" + field + "' must be a string");
        }
        return value.asText();
    }

    private static List<String> clauseIds(JsonNode node) {
        JsonNode value = required(node, "clauseIds");
        if (!value.isArray() || value.isEmpty()) {
            throw new InvalidOperationException("field 'clauseIds' must be a non-empty array of clause ids");
        }
        List<String> ids = new ArrayList<>(value.size());
        for (JsonNode id : value) {
            if (!id.isTextual()) {
                throw new InvalidOperationException("field 'clauseIds' must hold strings");
            }
            ids.add(id.asText());
        }
        return ids;
    }

    private static long number(JsonNode node, String field) {
        JsonNode value = required(node, field);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new InvalidOperationException("field '" + field + "' must be an integer");
        }
        return value.asLong();
    }
}
