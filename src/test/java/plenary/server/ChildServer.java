package plenary.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
    /** The line a started server logs, as text or as JSON (whose encoder writes "/" as "\\/"). */
    private static final Pattern LISTENING = Pattern.compile("Plenary listening on http:\\\\?/\\\\?/localhost:(\\d+)");
    private static final long START_TIMEOUT_MILLIS = 120_000;
    /** Every child serves {@code /metrics} to this bearer token ({@link #metrics()}). */
    private static final String METRICS_TOKEN = "child-metrics-token";

    private final Process process;
    private final Path log;
    private final long launchedNanos;
    private int port = -1;

    private ChildServer(Process process, Path log, long launchedNanos) {
        this.process = process;
        this.log = log;
        this.launchedNanos = launchedNanos;
    }

    /**
     * Launches {@code plenary.Main --port 0 …} and returns at once, before it listens: for killing
     * a child while it starts. {@link #awaitListening} then waits for its port.
     */
    public static ChildServer launch(Path dataDir, Path log, String... extraArgs) throws IOException {
        return launch(dataDir, log, List.of(), extraArgs);
    }

    /** The same with options for the child's JVM, such as {@code -Dname=value}. */
    public static ChildServer launch(Path dataDir, Path log, List<String> jvmOptions, String... extraArgs)
            throws IOException {
        return launch(dataDir, log, 0, plenary.http.TestPeople.ADMIN_PASSWORD, jvmOptions, extraArgs);
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
        ChildServer child = launch(dataDir, log, port, adminPassword, List.of(), extraArgs);
        child.port = child.awaitPort(child.launchedNanos + TimeUnit.MILLISECONDS.toNanos(2 * START_TIMEOUT_MILLIS));
        return child;
    }

    private static ChildServer launch(Path dataDir, Path log, int port, String adminPassword, List<String> jvmOptions,
                                      String... extraArgs) throws IOException {
        List<String> command = new ArrayList<>(ChildJvm.plenaryMain(jvmOptions));
        command.addAll(List.of("--port", Integer.toString(port), "--host", "127.0.0.1", "--data-dir",
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
        builder.environment().put("PLENARY_METRICS_TOKEN", METRICS_TOKEN);
        long launched = System.nanoTime();
        return new ChildServer(builder.start(), log, launched);
    }

    /**
     * Waits until a launched child listens (true), or until {@link System#nanoTime()} passes
     * {@code until} first (false: still starting); fails if it exits, or is not listening 120 s
     * after its launch.
     */
    public boolean awaitListening(long until) throws InterruptedException {
        if (port < 0) {
            port = awaitPort(until);
        }
        return port >= 0;
    }

    /** Polls the log for the port the child listens on; -1 once {@code until} has passed. */
    private int awaitPort(long until) throws InterruptedException {
        long limit = launchedNanos + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MILLIS);
        while (true) {
            Matcher m = LISTENING.matcher(output());
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            if (!process.isAlive()) {
                fail("the child server exited with " + process.exitValue() + " before listening; its output:\n"
                        + output());
            }
            long now = System.nanoTime();
            if (now - limit > 0) {
                close();
                fail("the child server did not report its port within 120 s; its output:\n" + output());
            }
            if (now - until > 0) {
                return -1;
            }
            Thread.sleep(20);
        }
    }

    public int port() {
        if (port < 0) {
            throw new IllegalStateException("the child is not listening yet: awaitListening first");
        }
        return port;
    }

    /** {@link System#nanoTime()} when the process was launched: its uptime is measured from here. */
    public long launchedNanos() {
        return launchedNanos;
    }

    /** What {@code /metrics} shows now (Prometheus's text format). */
    public String metrics() {
        HttpRequest request = HttpRequest.newBuilder(baseUri().resolve("/metrics"))
                .header("Authorization", "Bearer " + METRICS_TOKEN).build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("/metrics answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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
