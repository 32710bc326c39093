package plenary.editing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
        Path node = NodeJs.find("to run the live client's tests (src/test/js/live/*.test.mjs)");
        assertTrue(Files.isDirectory(TESTS), "missing " + TESTS.toAbsolutePath());
        assertTrue(Files.isRegularFile(MODULE), "missing " + MODULE.toAbsolutePath());
        List<String> files;
        try (Stream<Path> listing = Files.list(TESTS)) {
            files = listing.map(Path::toString).filter(name -> name.endsWith(".test.mjs")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no *.test.mjs in " + TESTS.toAbsolutePath());

        // The files are named, not the folder: newer Node versions read --test arguments as globs.
        List<String> command = new ArrayList<>(List.of(node.toString(), "--test"));
        command.addAll(files);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        String seed = System.getProperty("plenary.seed");
        if (seed != null && !seed.isBlank()) {
            builder.environment().put("LIVE_SEED", seed.trim());
        }
        Process p = builder.start();
        p.getOutputStream().close();
        // Read on this thread: node's output can exceed the pipe buffer.
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail("node --test did not finish within 5 minutes:\n" + output);
        }
        if (p.exitValue() != 0) {
            fail("node --test " + TESTS + "/*.test.mjs exited with " + p.exitValue() + ":\n" + output);
        }
        output.lines()
                .filter(line -> line.startsWith("ok ") || line.startsWith("# ") && !line.startsWith("# Subtest"))
                .forEach(System.out::println);
    }
}
