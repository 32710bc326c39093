package plenary.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Map;

/**
 * Finds text a live message may not carry: U+0000, which PostgreSQL's text and jsonb refuse (H2
 * takes it), and a surrogate without its pair, which a JSON escape can make but no UTF-8 can
 * store. Either would pass the socket's checks and fail only at the store, which answers
 * {@code not-saved} and reloads the document for everyone; so they are refused before the sequencer.
 */
final class LiveMessageText {
    private LiveMessageText() {
    }

    /** A description of the first bad character in any key or string of the message, or null when there is none. */
    static String problem(JsonObject message) {
        return inValue(message.getMap());
    }

    private static String inValue(Object value) {
        if (value instanceof String text) {
            return inText(text);
        }
        if (value instanceof JsonObject object) {
            return inValue(object.getMap());
        }
        if (value instanceof JsonArray array) {
            return inValue(array.getList());
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String found = inValue(entry.getKey());
                if (found == null) {
                    found = inValue(entry.getValue());
                }
                if (found != null) {
                    return found;
                }
            }
        }
        if (value instanceof List<?> list) {
            for (Object item : list) {
                String found = inValue(item);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static String inText(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return "U+0000 (NUL)";
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return String.format("an unpaired surrogate U+%04X", (int) c);
            }
        }
        return null;
    }
}
