package plenary.view;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import plenary.document.Clause;
import plenary.document.Document;
import plenary.document.DocumentMeta;
import plenary.store.DocumentSummary;

import java.util.List;

/**
 * The JSON views of documents, shared by the REST API and the live protocol so both show the same
 * shape. Numbers are derived here, at read time, never stored.
 */
public final class DocumentJson {
    private DocumentJson() {
    }

    public static JsonObject document(Document document) {
        JsonArray clauses = new JsonArray();
        List<String> numbers = document.numbers();
        for (int i = 0; i < document.clauses().size(); i++) {
            clauses.add(clause(document.clauses().get(i), numbers.get(i)));
        }
        return new JsonObject()
                .put("id", document.id())
                .put("title", document.title())
                .put("status", document.status().wireName())
                .put("revision", document.revision())
                .put("meta", meta(document.meta()))
                .put("clauses", clauses);
    }

    public static JsonObject clause(Clause clause, String number) {
        return new JsonObject()
                .put("id", clause.id())
                .put("kind", clause.kind().wireName())
                .put("number", number)
                .put("text", clause.text())
                .put("version", clause.version())
                .put("status", clause.status().wireName());
    }

    public static JsonObject summary(DocumentSummary summary) {
        return new JsonObject()
                .put("id", summary.id())
                .put("meetingId", summary.meetingId())
                .put("title", summary.title())
                .put("status", summary.status().wireName())
                .put("revision", summary.revision())
                .put("meta", meta(summary.meta()))
                .put("clauseCount", summary.clauseCount())
                .put("createdAt", summary.createdAt().toString())
                .put("updatedAt", summary.updatedAt().toString());
    }

    private static JsonObject meta(DocumentMeta meta) {
        JsonObject json = new JsonObject();
        meta.fields().forEach(json::put);
        return json;
    }
}
