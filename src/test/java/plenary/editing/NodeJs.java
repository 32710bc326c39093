package plenary.editing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Finds the {@code node} executable for the tests that run the browser modules, and runs their
 * {@code node --test} files. Node is required: a missing node fails those tests rather than
 * skipping them, because a silently skipped check is how the JavaScript side would drift away from
 * the Java side unnoticed.
 */
final class NodeJs {
    private NodeJs() {
    }

    /** The node executable on PATH; fails the test, saying what it was needed for, if there is none. */
    static Path find(String neededFor) {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, "node");
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        fail("node (Node.js 20 or later) is required on PATH " + neededFor
                + "; install it (e.g. apt-get install nodejs). PATH=" + path);
        throw new IllegalStateException("unreachable");
    }

    /**
     * Runs {@code node --test} on the files, failing the test unless node exits 0 within the time;
     * returns node's output. {@code -Dplenary.seed=N} is passed on as the seed of the seeded tests
     * ({@code LIVE_SEED}).
     */
    static String test(List<Path> files, Duration within, String neededFor) throws IOException, InterruptedException {
        Path node = find(neededFor);
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                fail("missing " + file.toAbsolutePath());
            }
        }
        // The files are named, not a folder: newer Node versions read --test arguments as globs.
        List<String> command = new ArrayList<>(List.of(node.toString(), "--test"));
        files.forEach(file -> command.add(file.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        String seed = System.getProperty("plenary.seed");
        if (seed != null && !seed.isBlank()) {
            builder.environment().put("LIVE_SEED", seed.trim());
        }
        Process p = builder.start();
        p.getOutputStream().close();
        // Read on this thread: node's output can exceed the pipe buffer.
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(within.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("node --test did not finish within " + within + ":\n" + output);
        }
        if (p.exitValue() != 0) {
            fail("node --test " + files + " exited with " + p.exitValue() + ":\n" + output);
        }
        return output;
    }
}
