package plenary.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import plenary.negotiation.Wire;

import java.util.ArrayList;
import java.util.List;

/** Typed fields of a JSON request body; a missing required field or a wrong type is a 400 that names it. */
final class RequestFields {
    private RequestFields() {
    }

    static String required(JsonObject body, String field) {
        String value = JsonBody.string(body, field);
        if (value == null) {
            throw bad("field '" + field + "' is required");
        }
        return value;
    }

    static String optional(JsonObject body, String field) {
        return JsonBody.string(body, field);
    }

    static <E extends Enum<E>> E choice(JsonObject body, String field, Class<E> type, E fallback) {
        String value = JsonBody.string(body, field);
        if (value == null) {
            if (fallback == null) {
                throw bad("field '" + field + "' is required; one of " + names(type));
            }
            return fallback;
        }
        return Wire.parse(type, value).orElseThrow(() -> bad("field '" + field + "' must be one of " + names(type)));
    }

    static boolean flag(JsonObject body, String field, boolean fallback) {
        Object value = body.getValue(field);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        throw bad("field '" + field + "' must be true or false");
    }

    static Long whole(JsonObject body, String field) {
        Object value = body.getValue(field);
        if (value == null) {
            return null;
        }
        if (value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        throw bad("field '" + field + "' must be a whole number");
    }

    static List<String> strings(JsonObject body, String field) {
        Object value = body.getValue(field);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof JsonArray array) || array.size() > 1_000) {
            throw bad("field '" + field + "' must be an array of at most 1000 strings");
        }
        List<String> out = new ArrayList<>();
        for (Object item : array) {
            if (!(item instanceof String text)) {
                throw bad("field '" + field + "' must hold strings only");
            }
            out.add(text);
        }
        return out;
    }

    private static <E extends Enum<E>> String names(Class<E> type) {
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            names.add(Wire.name(e));
        }
        return String.join(", ", names);
    }

    private static ProblemException bad(String detail) {
        return new ProblemException(Problem.badRequest(detail));
    }
}
