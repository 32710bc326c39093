package plenary.document;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The meeting a document belongs to, as written in its front matter. The well-known keys have
 * accessors; any other key is kept as written, so an import never drops what a person wrote.
 */
public record DocumentMeta(Map<String, String> fields) {
    public static final String CONFERENCE = "conference";
    public static final String PLACE = "place";
    public static final String DATE = "date";
    public static final String SYMBOL = "symbol";
    public static final String LANGUAGE = "language";

    public static final DocumentMeta EMPTY = new DocumentMeta(Map.of());

    public DocumentMeta {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(fields.get(key));
    }

    public Optional<String> conference() {
        return get(CONFERENCE);
    }

    public Optional<String> place() {
        return get(PLACE);
    }

    public Optional<String> date() {
        return get(DATE);
    }

    public Optional<String> symbol() {
        return get(SYMBOL);
    }

    public Optional<String> language() {
        return get(LANGUAGE);
    }
}
