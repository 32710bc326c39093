package plenary.search;

import java.util.Arrays;
import java.util.Optional;

/** What a search result is: a paragraph of a text under negotiation, an amendment, a comment, or a paragraph of an adopted text. */
public enum SearchKind {
    CLAUSE("clause"),
    AMENDMENT("amendment"),
    COMMENT("comment"),
    ADOPTED("adopted");

    private final String wireName;

    SearchKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<SearchKind> fromWireName(String name) {
        return Arrays.stream(values()).filter(k -> k.wireName.equals(name)).findFirst();
    }
}
