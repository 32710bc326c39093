package plenary.editing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the {@code node} executable for the tests that run the browser modules. Node is
 * required: a missing node fails those tests rather than skipping them, because a silently
 * skipped check is how the JavaScript side would drift away from the Java side unnoticed.
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
}
