package plenary.live;

import java.io.File;
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
 * Plenary in a child JVM ({@code plenary.Main} on this test run's classpath) so a test can kill it
 * with SIGKILL. Like {@code plenary.server.ChildServer} (package-private there), but it can be
 * restarted on the port it had, so live clients holding the old URI can reconnect. Output goes to
 * a log file, which keeps every line the child wrote before it died.
 */
final class LiveChildServer implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("Plenary listening on http://localhost:(\\d+)/");
    private static final long START_TIMEOUT_MILLIS = 60_000;

    private final Process process;
    private final Path log;
    private final int port;

    private LiveChildServer(Process process, Path log) throws InterruptedException {
        this.process = process;
        this.log = log;
        this.port = awaitPort();
    }

    /** Starts {@code plenary.Main --port PORT --host 127.0.0.1 --data-dir DIR extraArgs...}; port 0 for any. */
    static LiveChildServer start(Path dataDir, Path log, int port, String... extraArgs)
            throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElseThrow(
                () -> new IllegalStateException("cannot tell which java binary runs the tests"));
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "plenary.Main", "--port", Integer.toString(port), "--host", "127.0.0.1",
                "--data-dir", dataDir.toString()));
        command.addAll(List.of(extraArgs));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().keySet().removeIf(name -> name.startsWith("PLENARY_"));
        builder.environment().put("PLENARY_ADMIN_PASSWORD", plenary.http.TestPeople.ADMIN_PASSWORD);
        return new LiveChildServer(builder.start(), log);
    }

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

    int port() {
        return port;
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    Process process() {
        return process;
    }

    String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL, and wait for the process to be gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            fail("the child did not die within 30 s of SIGKILL");
        }
    }

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
