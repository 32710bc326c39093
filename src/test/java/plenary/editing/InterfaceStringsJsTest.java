package plenary.editing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code src/test/js/i18n/strings.test.mjs} with {@code node --test}: every interface string
 * bundle in {@code web/js/strings} has the same keys, placeholders and plural pairs in English,
 * French and Spanish, and no module registers strings inline. Fails unless node exits 0.
 */
class InterfaceStringsJsTest {

    private static final Path TEST = Path.of("src/test/js/i18n/strings.test.mjs");

    @Test
    void everyBundleIsCompleteInEnglishFrenchAndSpanish() throws Exception {
        NodeJs.test(List.of(TEST), Duration.ofMinutes(2), "to check the interface strings (" + TEST + ")");
    }
}
