package plenary.people;

import java.util.Optional;
import java.util.regex.Pattern;

/** Usernames are short, ASCII and case-insensitive, so "Chair" and "chair" are one account. */
public final class Usernames {
    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");

    private Usernames() {
    }

    public static String normalise(String username) {
        return username == null ? null : username.strip().toLowerCase(java.util.Locale.ROOT);
    }

    public static Optional<String> problem(String username) {
        if (username == null || !VALID.matcher(normalise(username)).matches()) {
            return Optional.of("a username is 2 to 64 of a-z, 0-9, '.', '_' or '-', starting with a letter or digit");
        }
        return Optional.empty();
    }
}
