package plenary.editing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs the history view's word diff tests ({@code src/test/js/history/word-diff.test.mjs}: fixed
 * cases and a seeded random property: equal+insert parts rebuild the new text, equal+delete the
 * old one) with {@code node --test}. {@code -Dplenary.seed=N} sets the seed.
 */
class WordDiffJsTest {

    private static final Path TEST = Path.of("src/test/js/history/word-diff.test.mjs");

    @Test
    void wordDiffPassesItsNodeTests() throws Exception {
        String output = NodeJs.test(List.of(TEST), Duration.ofMinutes(2), "to run the word diff's tests (" + TEST + ")");
        output.lines().filter(line -> line.startsWith("ok ")).forEach(System.out::println);
    }
}
