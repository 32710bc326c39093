package plenary.bench;

import plenary.http.TestPeople;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Plenary as a child JVM for the benchmarks: on 127.0.0.1, a free port, a data dir under
 * {@code workDir}, no samples, its heap bounded, the admin's password that {@link TestPeople} knows,
 * with native memory tracking so the benchmarks can read its memory by category.
 */
final class BenchServer {
    private static final Pattern LISTENING = Pattern.compile("Plenary listening on http://localhost:(\\d+)/");

    private final Process process;
    private final Path log;
    private final int port;

    private BenchServer(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts the server and waits (at most 60 s) until it listens.
     *
     * @param jvmOptions extra options of the server's JVM
     * @param args       extra arguments of {@code plenary.Main}, after the fixed ones
     */
    static BenchServer start(JvmTools jvm, Path workDir, String heap, List<String> jvmOptions, List<String> args)
            throws IOException, InterruptedException {
        Path log = workDir.resolve("server.log");
        String classpath = System.getProperty("bench.classpath", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(jvm.java().toString(), "-Xmx" + heap,
                "-XX:NativeMemoryTracking=summary"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classpath, "plenary.Main", "--port", "0", "--host", "127.0.0.1", "--data-dir",
                workDir.resolve("data").toString(), "--no-samples"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().keySet().removeIf(name -> name.startsWith("PLENARY_"));
        builder.environment().put("PLENARY_ADMIN_PASSWORD", TestPeople.ADMIN_PASSWORD);
        Process process = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            Matcher m = LISTENING.matcher(Files.readString(log));
            if (m.find()) {
                return new BenchServer(process, log, Integer.parseInt(m.group(1)));
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("the server did not start; its output:\n" + Files.readString(log));
            }
            Thread.sleep(20);
        }
    }

    long pid() {
        return process.pid();
    }

    int port() {
        return port;
    }

    /** Stops it (SIGTERM, then SIGKILL after 15 s); safe to call more than once and from any thread. */
    synchronized void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(15, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** One line: how long the log is, how many warnings and errors, and the first three. */
    void printLog() throws IOException {
        List<String> lines = Files.readAllLines(log);
        List<String> bad = lines.stream().filter(l -> l.contains("WARN") || l.contains("ERROR")
                || l.contains("Exception")).toList();
        System.out.printf(Locale.ROOT, "server log: %d lines, %d warnings/errors%s%n", lines.size(), bad.size(),
                bad.isEmpty() ? "" : "; first: " + bad.subList(0, Math.min(3, bad.size())));
    }

    /** Deletes a benchmark's work dir (the server's data and log). */
    static void deleteWorkDir(Path workDir) {
        if (workDir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(workDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.out.println("could not delete " + workDir + ": " + e);
        }
    }
}
