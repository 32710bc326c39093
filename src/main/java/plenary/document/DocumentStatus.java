package plenary.document;

import java.util.Arrays;
import java.util.Optional;

/** The life of an outcome document. It only moves forward: adoption freezes the text for good. */
public enum DocumentStatus {
    DRAFTING("drafting"),
    NEGOTIATING("negotiating"),
    ADOPTED("adopted");

    private final String wireName;

    DocumentStatus(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public boolean canMoveTo(DocumentStatus next) {
        return next.ordinal() == ordinal() + 1;
    }

    public static Optional<DocumentStatus> fromWireName(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst();
    }
}
