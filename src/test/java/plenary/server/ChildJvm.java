package plenary.server;

import plenary.http.HttpTestClient;
import plenary.http.TestPeople;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The command that starts {@code plenary.Main} in a child JVM, for every test that starts one.
 *
 * <p>The suite starts some 50 children, each spending most of its 4 CPU-seconds loading and linking
 * the same 9,000 classes. The first child of a run therefore trains a JDK AOT cache (JEP 514, JDK 25)
 * and every later one starts from it: 3.3 instead of 4.9 CPU-seconds and 2.5 instead of 4 s to
 * listen, measured on a shaded jar (2026-12-07). An AOT class path takes jars only, so the build's
 * classes are jarred once per run; the test classes, which no child needs, are left out. Where the
 * JDK is older than 25, or training fails, children start as before, without a cache.
 */
public final class ChildJvm {
    private static final Pattern LISTENING = Pattern.compile("Plenary listening on http:\\\\?/\\\\?/localhost:(\\d+)");
    /** C1 only and the serial collector: a child starts on about 60% of the CPU, and tests start dozens. */
    private static final List<String> LEAN = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private static Prepared prepared;

    private ChildJvm() {
    }

    /** {@code java}, its options, {@code jvmOptions}, the run's class path and {@code plenary.Main}. */
    public static synchronized List<String> plenaryMain(List<String> jvmOptions) {
        if (prepared == null) {
            prepared = prepare();
        }
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(LEAN);
        if (prepared.cache() != null) {
            command.add("-XX:AOTCache=" + prepared.cache());
        }
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", prepared.classPath(), "plenary.Main"));
        return command;
    }

    /** The same on a class path of the caller's (a test of how Plenary starts from one): no cache. */
    public static List<String> plenaryMain(List<String> jvmOptions, String classPath) {
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(LEAN);
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath, "plenary.Main"));
        return command;
    }

    /** The java binary that runs the tests. */
    public static String java() {
        return ProcessHandle.current().info().command().orElseThrow(
                () -> new IllegalStateException("cannot tell which java binary runs the tests"));
    }

    private record Prepared(String classPath, Path cache) {
    }

    private static Prepared prepare() {
        Path classes = buildClasses().toAbsolutePath();
        Path dir = classes.getParent().resolve("child-jvm");
        try {
            Files.createDirectories(dir);
            Path jar = jarOf(classes, dir.resolve("plenary-classes.jar"));
            List<String> entries = new ArrayList<>(List.of(jar.toString()));
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                if (entry.endsWith(".jar")) {
                    entries.add(entry);
                }
            }
            String classPath = String.join(File.pathSeparator, entries);
            // For starting a child by hand as the tests do.
            Files.writeString(dir.resolve("classpath.txt"), classPath);
            return new Prepared(classPath, Runtime.version().feature() >= 25 ? train(dir, classPath) : null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs one child with {@code -XX:AOTCacheOutput} until it listens and has answered a sign-in, then
     * stops it with SIGTERM, on which the JVM writes the cache. Null, said on stderr, if that fails.
     */
    private static Path train(Path dir, String classPath) throws IOException {
        Path cache = dir.resolve("plenary.aot");
        Files.deleteIfExists(cache);
        Path data = Files.createTempDirectory("plenary-aot-training");
        Path log = dir.resolve("training.log");
        List<String> command = new ArrayList<>(List.of(java(), "-XX:AOTCacheOutput=" + cache));
        command.addAll(LEAN);
        command.addAll(List.of("-cp", classPath, "plenary.Main", "--port", "0", "--host", "127.0.0.1",
                "--data-dir", data.resolve("data").toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().keySet().removeIf(name -> name.startsWith("PLENARY_"));
        builder.environment().put("PLENARY_ADMIN_PASSWORD", TestPeople.ADMIN_PASSWORD);
        Process process = builder.start();
        try {
            int port = awaitPort(process, log);
            if (port > 0) {
                try (HttpTestClient http = new HttpTestClient(java.net.URI.create("http://127.0.0.1:" + port + "/"))) {
                    TestPeople.signIn(http, "admin", TestPeople.ADMIN_PASSWORD);
                    http.get("/api/documents");
                }
            }
            process.destroy();
            if (!process.waitFor(180, TimeUnit.SECONDS) || !Files.isRegularFile(cache)) {
                System.err.println("ChildJvm: no AOT cache, children start without one; see " + log);
                return null;
            }
            return cache;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (RuntimeException | AssertionError e) {
            System.err.println("ChildJvm: AOT training failed (" + e + "), children start without a cache; see " + log);
            return null;
        } finally {
            process.destroyForcibly();
            deleteTree(data);
        }
    }

    private static int awaitPort(Process process, Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && process.isAlive()) {
            Matcher m = LISTENING.matcher(Files.readString(log, StandardCharsets.UTF_8));
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            Thread.sleep(20);
        }
        return -1;
    }

    /** The build's classes directory on this run's class path (with web/, as in the jar). */
    public static Path buildClasses() {
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (Files.isRegularFile(path.resolve("plenary/Main.class")) && Files.isDirectory(path.resolve("web"))) {
                return path;
            }
        }
        throw new AssertionError("no classes directory with plenary/Main.class and web/ on the class path");
    }

    /** {@code classes} as a jar, stored rather than deflated: it is read once and written every run. */
    public static Path jarOf(Path classes, Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
             Stream<Path> paths = Files.walk(classes)) {
            out.setLevel(0);
            for (Path path : (Iterable<Path>) paths.sorted()::iterator) {
                String name = classes.relativize(path).toString().replace(File.separatorChar, '/');
                if (name.isEmpty()) {
                    continue;
                }
                boolean directory = Files.isDirectory(path);
                out.putNextEntry(new JarEntry(directory ? name + "/" : name));
                if (!directory) {
                    Files.copy(path, out);
                }
                out.closeEntry();
            }
        }
        return jar;
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("ChildJvm: could not delete " + root + ": " + e);
        }
    }
}
