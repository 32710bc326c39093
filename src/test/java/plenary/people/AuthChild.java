package plenary.people;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Plenary in a child JVM ({@code plenary.Main} on this test run's classpath) whose whole output,
 * stdout and stderr merged, goes to a log file: what the server would print to an operator's
 * console or journal. (After {@code plenary.server.ChildServer}, which is package-private.)
 */
final class AuthChild implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("Plenary listening on http://localhost:(\\d+)/");

    private final Process process;
    private final Path log;
    private final int port;

    private AuthChild(Process process, Path log) throws InterruptedException {
        this.process = process;
        this.log = log;
        this.port = awaitPort();
    }

    /**
     * Starts {@code plenary.Main --port 0 --host 127.0.0.1 --data-dir DIR extraArgs...}. Every
     * {@code PLENARY_*} variable of this environment is removed; {@code adminPassword}, when not null,
     * is given as {@code PLENARY_ADMIN_PASSWORD}.
     */
    static AuthChild start(Path dataDir, Path log, String adminPassword, String... extraArgs)
            throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElseThrow(
                () -> new IllegalStateException("cannot tell which java binary runs the tests"));
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "plenary.Main", "--port", "0", "--host", "127.0.0.1", "--data-dir", dataDir.toString()));
        command.addAll(List.of(extraArgs));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().keySet().removeIf(name -> name.startsWith("PLENARY_"));
        if (adminPassword != null) {
            builder.environment().put("PLENARY_ADMIN_PASSWORD", adminPassword);
        }
        return new AuthChild(builder.start(), log);
    }

    private int awaitPort() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            Matcher m = LISTENING.matcher(output());
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            if (!process.isAlive()) {
                fail("the child server exited with " + process.exitValue() + " before listening; its output:\n"
                        + output());
            }
            if (System.nanoTime() > deadline) {
                close();
                fail("the child server did not report its port within 60 s; its output:\n" + output());
            }
            Thread.sleep(20);
        }
    }

    int port() {
        return port;
    }

    /** Everything the child has printed so far. */
    String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the child as an operator would (SIGTERM: it closes its store) and waits for it to exit. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
            fail("the child server did not stop within 60 s of SIGTERM; its output:\n" + output());
        }
        // Every shutdown message is written before exit; 143 is the exit of a JVM ended by SIGTERM.
        assertEquals(true, process.exitValue() == 0 || process.exitValue() == 143,
                () -> "exit value " + process.exitValue() + "; output:\n" + output());
    }

    /** Never leaves a child behind. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
