package plenary.people;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The 30,000 passwords most often found in breaches (the list bundled in
 * {@code src/main/resources/passwords}, with its source and licence). Read once, on first use.
 */
final class CommonPasswords {
    private static final String RESOURCE = "/passwords/common-passwords.txt";

    private CommonPasswords() {
    }

    /** Whether the text, ignoring case, is on the list. */
    static boolean contains(String text) {
        return Holder.LIST.contains(text.toLowerCase(Locale.ROOT));
    }

    private static final class Holder {
        static final Set<String> LIST = read();

        private static Set<String> read() {
            try (InputStream in = CommonPasswords.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is missing from the classpath");
                }
                Set<String> list = new HashSet<>(40_000);
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (!line.isBlank()) {
                        list.add(line.strip().toLowerCase(Locale.ROOT));
                    }
                }
                return Set.copyOf(list);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + RESOURCE, e);
            }
        }
    }
}
