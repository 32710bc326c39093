package plenary.document;

import java.util.Arrays;
import java.util.Optional;

/** What role a paragraph plays in an outcome document; decides its numbering and its Markdown form. */
public enum ClauseKind {
    HEADING("heading"),
    PREAMBULAR("preambular"),
    OPERATIVE("operative"),
    SUB_PARAGRAPH("sub-paragraph"),
    FREE_TEXT("free-text"),
    FOOTNOTE("footnote");

    private final String wireName;

    ClauseKind(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in JSON and in the database. */
    public String wireName() {
        return wireName;
    }

    public static Optional<ClauseKind> fromWireName(String name) {
        return Arrays.stream(values()).filter(k -> k.wireName.equals(name)).findFirst();
    }
}
