package plenary.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.json.JsonObject;

import java.util.List;

/** A document's search entries in transit from its sequencer to the indexer, as JSON like every event-bus message. */
public final class SearchEntriesJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SearchEntriesJson() {
    }

    public static JsonObject write(long revision, long seq, List<Entry> entries) {
        try {
            return new JsonObject().put("revision", revision).put("seq", seq)
                    .put("entries", JSON.writeValueAsString(entries));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("search entries could not be written", e);
        }
    }

    static SearchIndex.Marker marker(JsonObject message) {
        return new SearchIndex.Marker(message.getLong("revision"), message.getLong("seq"));
    }

    static List<Entry> entries(JsonObject message) {
        try {
            return JSON.readValue(message.getString("entries"), new TypeReference<List<Entry>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("search entries could not be read", e);
        }
    }
}
