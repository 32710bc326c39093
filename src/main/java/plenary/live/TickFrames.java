package plenary.live;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

/**
 * What one tick tells the room of the negotiation: the new log entries and the entities that changed
 * (amendments whose standing moved among them), whole and in the shape of {@code GET …/negotiation}, so a client
 * replaces its copies by id instead of reloading the state. The entities come once for the room
 * (what every reader may see) and once more for each delegation whose own business (its drafts,
 * their threads) changed, for that delegation's delegates only: one projection per visibility
 * class, never one per socket.
 *
 * @param events    the entries, redacted for the room
 * @param room      the changed entities the room may see
 * @param own       delegation → the changed entities only its delegates may see
 */
record TickFrames(ArrayNode events, ObjectNode room, Map<String, ObjectNode> own) {

    /**
     * Nothing the room would learn: no frame is sent. The room's changes always say the document's
     * status; anything beside it is news.
     */
    boolean quiet() {
        return events.isEmpty() && own.isEmpty()
                && room.size() == (room.has("documentStatus") ? 1 : 0);
    }
}
