package plenary.store;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A throwaway PostgreSQL cluster for the tests of one JVM: {@code initdb} into a temporary
 * directory, {@code pg_ctl start} on a free port of 127.0.0.1 with its unix socket in that
 * directory, trust authentication, fsync left on. It starts on first use, and every test asks for
 * a fresh database of its own ({@link #createDatabase}). A shutdown hook stops the cluster and
 * deletes the directory; a cluster left behind by a JVM that was killed is stopped and deleted by
 * the next run.
 *
 * <p>It needs PostgreSQL's server binaries ({@code initdb}, {@code pg_ctl}, {@code postgres}):
 * Debian's {@code postgresql} package puts them in {@code /usr/lib/postgresql/N/bin}, and
 * {@code .ci/run} installs it when they are missing. PostgreSQL refuses to run as root: as root,
 * every server command runs as the {@code postgres} user (the package creates it) through
 * {@code runuser}, and the directory is handed to that user. When it cannot start, the tests that
 * need it fail, with the reason: nothing is skipped.
 */
public final class TestPostgres {
    private static final String PREFIX = "plenary-pg-";
    private static final String OWNER_FILE = "owner.pid";
    private static final String USER = "postgres";
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private static TestPostgres running;
    private static String startFailure;

    private final Path bin;
    private final Path dir;
    private final boolean asPostgresUser;
    private final int port;

    /** A database of the cluster, and how to reach it over JDBC (trust authentication: no password). */
    public record Db(String name, String url, String user) {
    }

    private TestPostgres(Path bin, Path dir, boolean asPostgresUser, int port) {
        this.bin = bin;
        this.dir = dir;
        this.asPostgresUser = asPostgresUser;
        this.port = port;
    }

    /** The cluster of this JVM, started on first use; fails the calling test when it cannot start. */
    public static synchronized TestPostgres get() {
        if (running != null) {
            return running;
        }
        if (startFailure != null) {
            fail(startFailure);
        }
        try {
            running = start();
            return running;
        } catch (Exception | AssertionError e) {
            startFailure = "PostgreSQL could not be started for the tests that need it: " + e.getMessage();
            fail(startFailure, e);
            throw new AssertionError(e); // not reached
        }
    }

    /** A new, empty database on the cluster, for one test. */
    public Db createDatabase() {
        String name = "plenary_test_" + DATABASES.incrementAndGet();
        try (Connection c = DriverManager.getConnection(url("postgres"), USER, "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            fail("could not create database " + name + " on the test PostgreSQL (port " + port + "): " + e, e);
        }
        return new Db(name, url(name), USER);
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public int port() {
        return port;
    }

    // ---- starting and stopping ----------------------------------------------------------------------

    private static TestPostgres start() throws IOException, InterruptedException {
        Path bin = binaries().orElseThrow(() -> new IllegalStateException("its server binaries (initdb, pg_ctl, "
                + "postgres) are not installed: looked in /usr/lib/postgresql/*/bin and on the PATH. Install "
                + "PostgreSQL's server (Debian: apt-get install postgresql; .ci/run does this when they are missing)"));
        boolean root = isRoot();
        if (root && run(List.of("id", "-u", USER), null, 10).exit() != 0) {
            throw new IllegalStateException("the tests run as root, which PostgreSQL refuses, and there is no '"
                    + USER + "' user to run it as (Debian's postgresql package creates it)");
        }
        sweepAbandonedClusters(bin, root);
        Path dir = Files.createTempDirectory(PREFIX);
        Files.writeString(dir.resolve(OWNER_FILE), Long.toString(ProcessHandle.current().pid()));
        if (root) {
            handToPostgres(dir);
        }
        TestPostgres cluster = null;
        try {
            Path data = dir.resolve("data");
            Result initdb = runAs(root, List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER,
                    "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"), dir.resolve("initdb.log"), 120);
            if (initdb.exit() != 0) {
                throw new IllegalStateException("initdb exited with " + initdb.exit() + ":\n" + initdb.output());
            }
            Files.writeString(data.resolve("postgresql.conf"), """

                    # plenary tests: TCP on 127.0.0.1 only, the unix socket beside the data, not in /var/run
                    listen_addresses = '127.0.0.1'
                    unix_socket_directories = '%s'
                    max_connections = 300
                    """.formatted(dir), StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
            String lastFailure = null;
            for (int attempt = 0; attempt < 5 && cluster == null; attempt++) {
                int port = freePort();
                Result started = runAs(root, List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
                        dir.resolve("postgres.log").toString(), "-o", "-p " + port, "-w", "-t", "60", "start"),
                        dir.resolve("pg_ctl.log"), 90);
                if (started.exit() == 0) {
                    cluster = new TestPostgres(bin, dir, root, port);
                } else {
                    // Most likely the port was taken between choosing and binding it: try another.
                    lastFailure = "pg_ctl start exited with " + started.exit() + ":\n" + started.output()
                            + "\nserver log:\n" + read(dir.resolve("postgres.log"));
                }
            }
            if (cluster == null) {
                throw new IllegalStateException(lastFailure);
            }
            TestPostgres started = cluster;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stopAndDelete, "stop test PostgreSQL"));
            try (Connection c = DriverManager.getConnection(started.url("postgres"), USER, "")) {
                if (!c.isValid(10)) {
                    throw new IllegalStateException("the cluster started but does not answer on port " + started.port);
                }
            } catch (SQLException e) {
                throw new IllegalStateException("the cluster started but refuses connections on port "
                        + started.port + ": " + e, e);
            }
            return started;
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (cluster == null) {
                deleteTree(dir);
            }
            throw e;
        }
    }

    private void stopAndDelete() {
        stop(bin, dir, asPostgresUser, "fast");
        deleteTree(dir);
    }

    private static void stop(Path bin, Path dir, boolean root, String mode) {
        Path data = dir.resolve("data");
        if (!Files.exists(data.resolve("postmaster.pid"))) {
            return;
        }
        try {
            runAs(root, List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", mode, "-w", "-t", "30",
                    "stop"), dir.resolve("pg_ctl-stop.log"), 60);
        } catch (IOException | InterruptedException | RuntimeException e) {
            System.err.println("could not stop the test PostgreSQL in " + dir + ": " + e);
        }
    }

    /** Clusters whose JVM died without its shutdown hook (kill -9): stop them and delete their files. */
    private static void sweepAbandonedClusters(Path bin, boolean root) {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tmp, PREFIX + "*")) {
            for (Path dir : dirs) {
                Optional<Long> owner = ownerPid(dir);
                if (owner.isPresent() && ProcessHandle.of(owner.get()).map(ProcessHandle::isAlive).orElse(false)) {
                    continue; // another test run, still going
                }
                if (owner.isPresent()) {
                    stop(bin, dir, root, "immediate");
                    deleteTree(dir);
                }
            }
        } catch (IOException e) {
            // a best effort: at worst an old directory stays behind
        }
    }

    private static Optional<Long> ownerPid(Path dir) {
        try {
            return Optional.of(Long.parseLong(Files.readString(dir.resolve(OWNER_FILE)).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** initdb and the server must own their directory; the temporary directory is root's until then. */
    private static void handToPostgres(Path dir) throws IOException {
        UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
        PosixFileAttributeView view = Files.getFileAttributeView(dir, PosixFileAttributeView.class);
        view.setOwner(users.lookupPrincipalByName(USER));
        GroupPrincipal group = users.lookupPrincipalByGroupName(USER);
        view.setGroup(group);
    }

    private static Optional<Path> binaries() {
        List<Path> candidates = new ArrayList<>();
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                versions.map(v -> v.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("initdb")))
                        .sorted(Comparator.comparing(TestPostgres::majorVersion).reversed())
                        .forEach(candidates::add);
            } catch (IOException e) {
                // fall through to the PATH
            }
        }
        for (String entry : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!entry.isEmpty() && Files.isExecutable(Path.of(entry, "initdb"))
                    && Files.isExecutable(Path.of(entry, "pg_ctl"))) {
                candidates.add(Path.of(entry));
            }
        }
        return candidates.stream().filter(b -> Files.isExecutable(b.resolve("pg_ctl"))).findFirst();
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean isRoot() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private record Result(int exit, String output) {
    }

    private static Result runAs(boolean root, List<String> command, Path log, long timeoutSeconds)
            throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (root) {
            full.addAll(List.of("runuser", "-u", USER, "--"));
        }
        full.addAll(command);
        return run(full, log, timeoutSeconds);
    }

    /** Runs a command with its output in a file (never a pipe: pg_ctl leaves a server behind that inherits it). */
    private static Result run(List<String> command, Path log, long timeoutSeconds)
            throws IOException, InterruptedException {
        Path output = log != null ? log : Files.createTempFile("plenary-pg-cmd", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within "
                        + timeoutSeconds + " s:\n" + read(output));
            }
            return new Result(process.exitValue(), read(output));
        } finally {
            if (log == null) {
                Files.deleteIfExists(output);
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "(no " + file + ")";
        } catch (IOException e) {
            return "(unreadable " + file + ": " + e + ")";
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // already gone, or half gone: nothing more to do
        }
    }
}
