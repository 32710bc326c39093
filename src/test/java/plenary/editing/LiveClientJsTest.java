package plenary.editing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs the browser live client's tests ({@code src/test/js/live/*.test.mjs}: a fake server
 * following the live protocol, seeded random concurrent edits, disconnects and reconnects, and
 * deterministic protocol cases) with {@code node --test}, and fails unless node exits 0.
 * {@code -Dplenary.seed=N} is passed on as the tests' base seed ({@code LIVE_SEED}).
 */
class LiveClientJsTest {

    private static final Path TESTS = Path.of("src/test/js/live");
    private static final Path MODULE = Path.of("web/js/live/live-client.js");

    @Test
    void liveClientPassesItsNodeTests() throws Exception {
        assertTrue(Files.isDirectory(TESTS), "missing " + TESTS.toAbsolutePath());
        assertTrue(Files.isRegularFile(MODULE), "missing " + MODULE.toAbsolutePath());
        List<Path> files;
        try (Stream<Path> listing = Files.list(TESTS)) {
            files = listing.filter(file -> file.toString().endsWith(".test.mjs")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no *.test.mjs in " + TESTS.toAbsolutePath());
        String output = NodeJs.test(files, Duration.ofMinutes(5), "to run the live client's tests (src/test/js/live/*.test.mjs)");
        output.lines()
                .filter(line -> line.startsWith("ok ") || line.startsWith("# ") && !line.startsWith("# Subtest"))
                .forEach(System.out::println);
    }
}
