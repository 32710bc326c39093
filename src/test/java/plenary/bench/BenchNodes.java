package plenary.bench;

import plenary.http.TestPeople;
import plenary.store.TestPostgres;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plenary nodes for a benchmark, modelled on the tests' {@code ClusterNodes}: {@code count} child JVMs
 * ({@code plenary.Main}) on 127.0.0.1, sharing one fresh database of the tests' PostgreSQL
 * ({@link TestPostgres}), either as a cluster ({@code --cluster}, each on its own cluster port, naming
 * the others as members) or, for one node, as a server alone on PostgreSQL (no cluster manager).
 *
 * <p>Unlike {@code ChildServer} it starts the JVMs with their default JIT and collector (the tests'
 * children run C1 only with the serial collector, to start fast) and leaves {@code target/child-jvm}
 * (the jar and AOT cache the tests' children share) alone, so it can run beside a test run of the
 * same tree. Each node gets the bench's usual arguments: no samples, the admin password
 * {@link TestPeople} knows, and the per-address socket and connection caps off (every client comes
 * from 127.0.0.1).
 */
final class BenchNodes implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("Plenary listening on http:\\\\?/\\\\?/localhost:(\\d+)");
    private static final Pattern MEMBERS = Pattern.compile("Members \\{size:(\\d+)");

    /** One node: its process, log, HTTP port and (in a cluster) cluster port, whose host:port names it in leases. */
    record Node(int index, Process process, Path log, int port, int clusterPort) {
        long pid() {
            return process.pid();
        }

        String name() {
            return "127.0.0.1:" + clusterPort;
        }
    }

    private final boolean cluster;
    private final int count;
    private final TestPostgres.Db db;
    private final List<Node> nodes = new ArrayList<>();
    /** Every process launched, listening or not, for {@link #close}. */
    private final List<Process> launched = new ArrayList<>();
    private long postmasterPid = -1;

    /** A fresh database for {@code count} nodes, none started yet: {@link #start} them. */
    BenchNodes(boolean cluster, int count) {
        if (!cluster && count != 1) {
            throw new IllegalArgumentException("only one server can run alone");
        }
        this.cluster = cluster;
        this.count = count;
        this.db = TestPostgres.get().createDatabase();
    }

    /**
     * Starts the nodes side by side on a fresh database and waits (at most 180 s) until each listens
     * and, in a cluster, until every node's Hazelcast sees all {@code count} members.
     *
     * @param jvmOptions options of every node's JVM, after {@code -Xmx}
     * @param args       more arguments of every node's {@code plenary.Main}
     */
    BenchNodes start(Path dir, int leaseSeconds, String heap, List<String> jvmOptions, List<String> args)
            throws IOException, InterruptedException {
                List<Integer> clusterPorts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            clusterPorts.add(cluster ? freePort() : 0);
        }
        String java = new JvmTools().java().toString();
        String classpath = System.getProperty("bench.classpath", System.getProperty("java.class.path"));
        List<Process> processes = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                Path data = dir.resolve("node" + i);
                Files.createDirectories(data);
                Path log = dir.resolve("node" + i + ".log");
                List<String> command = new ArrayList<>(List.of(java, "-Xmx" + heap));
                command.addAll(jvmOptions);
                command.addAll(List.of("-cp", classpath, "plenary.Main", "--port", "0", "--host", "127.0.0.1",
                        "--data-dir", data.toString(), "--no-samples", "--db-url", db.url(), "--db-user",
                        db.user(), "--ws-rate", "1000", "--ws-burst", "1000", "--max-sockets-per-address",
                        "0", "--max-connections-per-address", "0"));
                if (cluster) {
                    List<String> members = new ArrayList<>();
                    for (int j = 0; j < count; j++) {
                        if (j != i) {
                            members.add("127.0.0.1:" + clusterPorts.get(j));
                        }
                    }
                    command.addAll(List.of("--cluster", "--cluster-host", "127.0.0.1", "--cluster-port",
                            Integer.toString(clusterPorts.get(i)), "--lease-seconds", Integer.toString(leaseSeconds)));
                    if (!members.isEmpty()) {
                        command.addAll(List.of("--cluster-members", String.join(",", members)));
                    }
                }
                command.addAll(args);
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
                builder.environment().keySet().removeIf(name -> name.startsWith("PLENARY_"));
                builder.environment().put("PLENARY_ADMIN_PASSWORD", TestPeople.ADMIN_PASSWORD);
                Process process;
                synchronized (this) {
                    process = builder.start();
                    launched.add(process);
                }
                processes.add(process);
                logs.add(log);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            for (int i = 0; i < count; i++) {
                int port = awaitMatch(processes.get(i), logs.get(i), LISTENING, -1, deadline);
                nodes.add(new Node(i, processes.get(i), logs.get(i), port, clusterPorts.get(i)));
            }
            if (cluster) {
                long formed = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                for (int i = 0; i < count; i++) {
                    awaitMatch(processes.get(i), logs.get(i), MEMBERS, count, formed);
                }
            }
            return this;
        } catch (IOException | InterruptedException | RuntimeException e) {
            processes.forEach(Process::destroyForcibly);
            throw e;
        }
    }

    /**
     * Polls a log until {@code pattern}'s last match (group 1) is {@code want}, or any match when
     * {@code want} is -1; returns group 1. Fails with the log when the process exits or time runs out.
     */
    private static int awaitMatch(Process process, Path log, Pattern pattern, int want, long deadline)
            throws IOException, InterruptedException {
        while (true) {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            Matcher m = pattern.matcher(text);
            int last = -1;
            while (m.find()) {
                last = Integer.parseInt(m.group(1));
                if (want < 0) {
                    return last;
                }
            }
            if (want >= 0 && last == want) {
                return last;
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("node " + log.getFileName() + (process.isAlive() ? " did not log "
                        + pattern + (want < 0 ? "" : " " + want) + " in time" : " exited with " + process.exitValue())
                        + "; its output:\n" + text);
            }
            Thread.sleep(50);
        }
    }

    boolean cluster() {
        return cluster;
    }

    int size() {
        return nodes.size();
    }

    Node node(int i) {
        return nodes.get(i);
    }

    List<Node> nodes() {
        return nodes;
    }

    TestPostgres.Db db() {
        return db;
    }

    /** The node whose lease the document is under (by its {@code owner_node}), or -1 for none (a server alone). */
    int writer(String documentId) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), null);
             PreparedStatement q = c.prepareStatement("SELECT owner_node FROM documents WHERE id = ?")) {
            q.setString(1, documentId);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? indexOf(rs.getString(1)) : -1;
            }
        }
    }

    /** {@code SELECT owner_node, count(*) FROM documents GROUP BY owner_node}, with each node's index. */
    Map<String, Integer> writerSpread() throws SQLException {
        Map<String, Integer> spread = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), null);
             PreparedStatement q = c.prepareStatement(
                     "SELECT owner_node, count(*) FROM documents GROUP BY owner_node ORDER BY owner_node")) {
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    String owner = rs.getString(1);
                    int i = indexOf(owner);
                    spread.put(owner == null ? "(none)" : i >= 0 ? "node " + i + " (" + owner + ")" : owner,
                            rs.getInt(2));
                }
            }
        }
        return spread;
    }

    private int indexOf(String owner) {
        if (owner == null) {
            return -1;
        }
        for (Node n : nodes) {
            if (n.name().equals(owner)) {
                return n.index();
            }
        }
        return -1;
    }

    // ---- PostgreSQL's CPU --------------------------------------------------------------------------

    /**
     * CPU ticks of the tests' PostgreSQL so far: its postmaster, the children alive now (backends,
     * WAL writer, checkpointer…) and the children it has reaped (cutime, cstime). -1 when not found.
     * The server is shared by every database on it, so it also counts whatever else uses it.
     */
    long postgresTicks() {
        if (postmasterPid < 0) {
            postmasterPid = findPostmaster(TestPostgres.get().port());
            if (postmasterPid < 0) {
                return -1;
            }
        }
        long[] own = stat(postmasterPid);
        if (own == null) {
            return -1;
        }
        long ticks = own[0] + own[1] + own[2] + own[3];
        for (ProcessHandle child : ProcessHandle.of(postmasterPid).map(p -> p.children().toList()).orElse(List.of())) {
            long[] c = stat(child.pid());
            if (c != null) {
                ticks += c[0] + c[1];
            }
        }
        return ticks;
    }

    private static long findPostmaster(int port) {
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path proc : procs) {
                byte[] raw;
                try {
                    raw = Files.readAllBytes(proc.resolve("cmdline"));
                } catch (IOException e) {
                    continue;
                }
                List<String> argv = List.of(new String(raw, StandardCharsets.UTF_8).split("\u0000"));
                if (argv.isEmpty() || !argv.getFirst().endsWith("postgres")) {
                    continue;
                }
                String joined = String.join(" ", argv);
                if (joined.contains("-p " + port + " ") || joined.endsWith("-p " + port)) {
                    return Long.parseLong(proc.getFileName().toString());
                }
            }
        } catch (IOException e) {
            // no /proc
        }
        return -1;
    }

    /** utime, stime, cutime, cstime of a process, in clock ticks; null when it is gone. */
    private static long[] stat(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[]{Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]),
                    Long.parseLong(f[14])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    // ---- the logs and stopping -----------------------------------------------------------------------

    /** Per node, one line: how long its log is, its warnings and errors, and the first three. */
    void printLogs() {
        for (Node n : nodes) {
            try {
                List<String> lines = Files.readAllLines(n.log());
                List<String> bad = lines.stream().filter(l -> l.contains(" WARN ") || l.contains(" ERROR ")
                        || l.contains("Exception")).toList();
                System.out.printf(Locale.ROOT, "  node %d log: %d lines, %d warnings/errors%s%n", n.index(),
                        lines.size(), bad.size(), bad.isEmpty() ? "" : "; first: "
                                + bad.subList(0, Math.min(3, bad.size())));
            } catch (IOException e) {
                System.out.println("  node " + n.index() + " log unreadable: " + e);
            }
        }
    }

    /** SIGTERM to every node at once, then waits for each (30 s, then SIGKILL); safe to call again. */
    @Override
    public synchronized void close() {
        for (Process p : launched) {
            p.destroy();
        }
        for (Process p : launched) {
            try {
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    p.waitFor(15, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
