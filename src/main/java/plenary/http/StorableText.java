package plenary.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;
import java.util.Optional;

/**
 * Text every store can keep as it was sent. PostgreSQL's {@code text} refuses U+0000 (a 500 from
 * the database, while H2 took it), and a lone UTF-16 surrogate cannot be encoded in UTF-8 at all
 * (the JDBC driver would write '?' in its place): both are refused at the edge, the same on H2 and
 * PostgreSQL, before anything is looked up or stored.
 */
public final class StorableText {
    private StorableText() {
    }

    /** What is wrong with the text, or empty when it can be stored. */
    public static Optional<String> problem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return Optional.of("holds U+0000 (NUL) at character " + (i + 1));
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Optional.of("holds a lone surrogate (U+" + Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT)
                        + ") at character " + (i + 1) + ", which is no character");
            }
        }
        return Optional.empty();
    }

    /** The problem with the first string in a JSON value (keys included), named by its path ("clauses[2].text"). */
    public static Optional<String> problemIn(Object json) {
        return problemIn(json, "");
    }

    private static Optional<String> problemIn(Object value, String path) {
        if (value instanceof String text) {
            return problem(text).map(p -> (path.isEmpty() ? "the value" : "field '" + path + "'") + " " + p);
        }
        if (value instanceof JsonObject object) {
            for (Map.Entry<String, Object> entry : object) {
                String key = entry.getKey();
                String at = path.isEmpty() ? key : path + "." + key;
                Optional<String> inKey = problem(key).map(p -> "a field name " + p);
                if (inKey.isPresent()) {
                    return inKey;
                }
                Optional<String> inValue = problemIn(entry.getValue(), at);
                if (inValue.isPresent()) {
                    return inValue;
                }
            }
        } else if (value instanceof JsonArray array) {
            for (int i = 0; i < array.size(); i++) {
                Optional<String> inItem = problemIn(array.getValue(i), path + "[" + i + "]");
                if (inItem.isPresent()) {
                    return inItem;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * A route handler that refuses a request whose decoded path or query parameters hold such text
     * (ids and search words reach SQL too); JSON bodies are screened by {@link JsonBody}.
     */
    public static void screen(RoutingContext ctx) {
        Optional<String> inPath = problem(decoded(ctx.request().path())).map(p -> "the path " + p);
        Optional<String> found = inPath.or(() -> ctx.queryParams().entries().stream()
                .map(e -> problem(e.getKey()).or(() -> problem(e.getValue())).map(p -> "query parameter '"
                        + (problem(e.getKey()).isPresent() ? "?" : e.getKey()) + "' " + p))
                .flatMap(Optional::stream).findFirst());
        if (found.isPresent()) {
            ctx.fail(new ProblemException(refusal(found.get())));
            return;
        }
        ctx.next();
    }

    private static String decoded(String path) {
        try {
            return java.net.URLDecoder.decode(path, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return path; // a malformed escape is the router's to refuse
        }
    }

    /** The 422 for text that cannot be stored. */
    public static Problem refusal(String detail) {
        return new Problem(422, "invalid-character", "The text holds a character that cannot be stored",
                detail + "; NUL (U+0000) and lone surrogates are refused");
    }
}
