package plenary.render;

import java.util.Arrays;
import java.util.Optional;

/** Which text an export shows: the text as it stands, or the compilation with every pending amendment. */
public enum Variant {
    CLEAN("clean"),
    COMPILATION("compilation");

    private final String wireName;

    Variant(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Variant> fromWireName(String name) {
        return Arrays.stream(values()).filter(v -> v.wireName.equals(name)).findFirst();
    }
}
