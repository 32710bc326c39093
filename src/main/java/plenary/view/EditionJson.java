package plenary.view;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import plenary.negotiation.EventJson;
import plenary.render.Edition;

/**
 * An edition in transit from the document's sequencer to the worker that renders it: written as
 * JSON, like every other message on the event bus, so the sequencer may live on another node.
 */
public final class EditionJson {
    private static final ObjectMapper MAPPER = EventJson.mapper();

    private EditionJson() {
    }

    public static String write(Edition edition) {
        try {
            return MAPPER.writeValueAsString(edition);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an edition could not be written", e);
        }
    }

    public static Edition read(String json) {
        try {
            return MAPPER.readValue(json, Edition.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an edition could not be read", e);
        }
    }
}
