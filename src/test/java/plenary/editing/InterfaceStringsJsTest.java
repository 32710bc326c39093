package plenary.editing;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
        Path node = NodeJs.find("to check the interface strings (" + TEST + ")");
        assertTrue(Files.isRegularFile(TEST), "missing " + TEST.toAbsolutePath());
        Process p = new ProcessBuilder(List.of(node.toString(), "--test", TEST.toString()))
                .redirectErrorStream(true).start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail("node --test " + TEST + " did not finish within 2 minutes:\n" + output);
        }
        if (p.exitValue() != 0) {
            fail("node --test " + TEST + " exited with " + p.exitValue() + ":\n" + output);
        }
    }
}
