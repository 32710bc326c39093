package plenary.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Plenary in a child JVM ({@code plenary.Main} on this test run's classpath), so a test can kill it
 * for real. Its stdout and stderr go, merged, to a log file: unlike a pipe, a file keeps every line
 * the child wrote before it died, and a child that logs a lot can never block on a full pipe.
 */
public final class ChildServer implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("Plenary listening on http://localhost:(\\d+)/");
    private static final long START_TIMEOUT_MILLIS = 60_000;

    private final Process process;
    private final Path log;
    private final int port;

    private ChildServer(Process process, Path log) throws InterruptedException {
        this.process = process;
        this.log = log;
        this.port = awaitPort();
    }

    /** Starts {@code plenary.Main --port 0 --host 127.0.0.1 --data-dir DIR extraArgs...}, logging to {@code log}. */
    public static ChildServer start(Path dataDir, Path log, String... extraArgs) throws IOException, InterruptedException {
        return start(dataDir, log, 0, extraArgs);
    }

    /** The same on a given port, so a restarted child is found where live clients left it. */
    public static ChildServer start(Path dataDir, Path log, int port, String... extraArgs)
            throws IOException, InterruptedException {
        return start(dataDir, log, port, plenary.http.TestPeople.ADMIN_PASSWORD, extraArgs);
    }

    /** A child whose first admin password is {@code adminPassword}, or generated when it is null. */
    public static ChildServer startWithAdminPassword(Path dataDir, Path log, String adminPassword,
                                                     String... extraArgs) throws IOException, InterruptedException {
        return start(dataDir, log, 0, adminPassword, extraArgs);
    }

    private static ChildServer start(Path dataDir, Path log, int port, String adminPassword, String... extraArgs)
            throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElseThrow(
                () -> new IllegalStateException("cannot tell which java binary runs the tests"));
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "plenary.Main", "--port", Integer.toString(port), "--host", "127.0.0.1", "--data-dir",
                dataDir.toString()));
        command.addAll(List.of(extraArgs));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        // Whatever the developer's shell exports, the child must use the data dir given here.
        builder.environment().keySet().removeIf(name -> name.startsWith("PLENARY_"));
        if (adminPassword != null) {
            builder.environment().put("PLENARY_ADMIN_PASSWORD", adminPassword);
        }
        return new ChildServer(builder.start(), log);
    }

    /** Polls the log until the child says where it listens; fails with the log after 60 s or an early exit. */
    private int awaitPort() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MILLIS);
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

    public int port() {
        return port;
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    public Process process() {
        return process;
    }

    /** Everything the child has printed so far. */
    public String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGTERM, as an operator would stop it, and wait for the graceful shutdown. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
            fail("the child did not stop within 60 s of SIGTERM; its output:\n" + output());
        }
        // 143 is the exit of a JVM ended by SIGTERM; every shutdown message is written before it.
        org.junit.jupiter.api.Assertions.assertTrue(process.exitValue() == 0 || process.exitValue() == 143,
                () -> "exit value " + process.exitValue() + "; output:\n" + output());
    }

    /** SIGKILL, and wait for the process to be gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            fail("the child did not die within 30 s of SIGKILL");
        }
    }

    /** Never leaves a child behind, whatever state the test left it in. */
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
