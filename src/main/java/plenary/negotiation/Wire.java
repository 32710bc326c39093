package plenary.negotiation;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The JSON spelling of the negotiation's enums: lower case with hyphens ({@code TWO_THIRDS} → {@code two-thirds}). */
public final class Wire {
    private Wire() {
    }

    public static String name(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static <E extends Enum<E>> Optional<E> parse(Class<E> type, String text) {
        return Arrays.stream(type.getEnumConstants()).filter(e -> name(e).equals(text)).findFirst();
    }
}
