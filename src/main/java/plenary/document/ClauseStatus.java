package plenary.document;

import java.util.Arrays;
import java.util.Optional;

/** Where a paragraph stands in the negotiation. New text starts bracketed: nothing is agreed until it is. */
public enum ClauseStatus {
    BRACKETED("bracketed"),
    AGREED_AD_REF("agreed-ad-ref"),
    AGREED("agreed");

    private final String wireName;

    ClauseStatus(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<ClauseStatus> fromWireName(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst();
    }
}
