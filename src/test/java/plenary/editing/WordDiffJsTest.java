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
 * Runs the history view's word diff tests ({@code src/test/js/history/word-diff.test.mjs}: fixed
 * cases and a seeded random property: equal+insert parts rebuild the new text, equal+delete the
 * old one) with {@code node --test}. It lives beside {@link LiveClientJsTest} for {@link NodeJs}.
 * {@code -Dplenary.seed=N} sets the seed.
 */
class WordDiffJsTest {

    private static final Path TEST = Path.of("src/test/js/history/word-diff.test.mjs");

    @Test
    void wordDiffPassesItsNodeTests() throws Exception {
        Path node = NodeJs.find("to run the word diff's tests (" + TEST + ")");
        assertTrue(Files.isRegularFile(TEST), "missing " + TEST.toAbsolutePath());
        ProcessBuilder builder = new ProcessBuilder(List.of(node.toString(), "--test", TEST.toString()))
                .redirectErrorStream(true);
        String seed = System.getProperty("plenary.seed");
        if (seed != null && !seed.isBlank()) {
            builder.environment().put("LIVE_SEED", seed.trim());
        }
        Process p = builder.start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail("node --test did not finish within 2 minutes:\n" + output);
        }
        if (p.exitValue() != 0) {
            fail("node --test " + TEST + " exited with " + p.exitValue() + ":\n" + output);
        }
        output.lines().filter(line -> line.startsWith("ok ")).forEach(System.out::println);
    }
}
