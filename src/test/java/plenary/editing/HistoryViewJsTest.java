package plenary.editing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the history view's node tests ({@code src/test/js/history/*.test.mjs}: the word diff's fixed
 * cases and seeded property, where equal+insert parts rebuild the new text and equal+delete the old
 * one; the word vectors the server's {@code WordsVectorsTest} reads too; and the words for a
 * revision) with {@code node --test}. {@code -Dplenary.seed=N} sets the seed.
 */
class HistoryViewJsTest {

    private static final Path TESTS = Path.of("src/test/js/history");

    @Test
    void theHistoryViewPassesItsNodeTests() throws Exception {
        List<Path> files;
        try (Stream<Path> listing = Files.list(TESTS)) {
            files = listing.filter(file -> file.toString().endsWith(".test.mjs")).sorted().toList();
        }
        assertTrue(files.contains(TESTS.resolve("word-diff.test.mjs")), "the word diff's tests in " + files);
        String output = NodeJs.test(files, Duration.ofMinutes(2), "to run the history view's tests (" + TESTS + ")");
        output.lines().filter(line -> line.startsWith("ok ")).forEach(System.out::println);
    }
}
