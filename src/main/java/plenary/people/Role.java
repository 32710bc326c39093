package plenary.people;

import java.util.Arrays;
import java.util.Optional;

/** A member's role in one meeting. One role per person per meeting. */
public enum Role {
    CHAIR("chair"),
    RAPPORTEUR("rapporteur"),
    DELEGATE("delegate"),
    OBSERVER("observer");

    private final String wireName;

    Role(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Role> fromWireName(String name) {
        return Arrays.stream(values()).filter(r -> r.wireName.equals(name)).findFirst();
    }
}
