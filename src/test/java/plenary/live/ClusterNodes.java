package plenary.live;

import plenary.server.ChildServer;
import plenary.store.TestPostgres;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A Plenary cluster for a test: node processes on this machine ({@link ChildServer}, each with
 * {@code --cluster} on its own cluster port and data directory), joined over TCP, sharing one fresh
 * database of the tests' PostgreSQL. Node {@code i} is started with the cluster ports of the nodes
 * before it as members.
 */
final class ClusterNodes implements AutoCloseable {
    private final Path dir;
    private final TestPostgres.Db db;
    private final int leaseSeconds;
    private final List<Integer> clusterPorts = new ArrayList<>();
    private final List<ChildServer> nodes = new ArrayList<>();

    /** Whether the nodes load the sample documents into the empty database (they race to: one does). */
    private final boolean samples;

    ClusterNodes(Path dir, int count, int leaseSeconds) throws IOException {
        this(dir, count, leaseSeconds, false);
    }

    ClusterNodes(Path dir, int count, int leaseSeconds, boolean samples) throws IOException {
        this.dir = dir;
        this.db = TestPostgres.get().createDatabase();
        this.leaseSeconds = leaseSeconds;
        this.samples = samples;
        for (int i = 0; i < count; i++) {
            clusterPorts.add(freePort());
            nodes.add(null);
        }
    }

    /** Starts every node, side by side, and waits until each listens. */
    ClusterNodes startAll() throws Exception {
        for (int i = 0; i < nodes.size(); i++) {
            nodes.set(i, launch(i));
        }
        for (ChildServer node : nodes) {
            node.awaitListening(node.launchedNanos() + TimeUnit.MINUTES.toNanos(2));
        }
        return this;
    }

    /** Starts node {@code i} again (after a kill), on the same cluster port, and waits until it listens. */
    ChildServer restart(int i) throws Exception {
        ChildServer node = launch(i);
        nodes.set(i, node);
        node.awaitListening(node.launchedNanos() + TimeUnit.MINUTES.toNanos(2));
        return node;
    }

    private ChildServer launch(int i) throws IOException {
        Path data = dir.resolve("node" + i);
        Files.createDirectories(data);
        List<String> members = new ArrayList<>();
        for (int j = 0; j < clusterPorts.size(); j++) {
            if (j != i) {
                members.add("127.0.0.1:" + clusterPorts.get(j));
            }
        }
        List<String> args = new ArrayList<>(List.of("--db-url", db.url(), "--db-user", db.user(), "--cluster",
                "--cluster-host", "127.0.0.1", "--cluster-port", Integer.toString(clusterPorts.get(i)),
                "--cluster-members", String.join(",", members), "--lease-seconds", Integer.toString(leaseSeconds)));
        if (!samples) {
            args.add("--no-samples");
        }
        return ChildServer.launch(data, dir.resolve("node" + i + "-" + System.nanoTime() + ".log"), List.of(),
                args.toArray(String[]::new));
    }

    ChildServer node(int i) {
        return nodes.get(i);
    }

    int size() {
        return nodes.size();
    }

    /** Which node's lease the document is under, by the lease row ({@code host:port}): its index. */
    int owner(String documentId) throws SQLException {
        String node = lease(documentId).node();
        for (int i = 0; i < clusterPorts.size(); i++) {
            if (("127.0.0.1:" + clusterPorts.get(i)).equals(node)) {
                return i;
            }
        }
        return -1;
    }

    /** The document's lease row: its holder (null when released) and its fencing token. */
    record Lease(String node, long token) {
    }

    Lease lease(String documentId) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), null);
             PreparedStatement q = c.prepareStatement("SELECT owner_node, owner_token FROM documents WHERE id = ?")) {
            q.setString(1, documentId);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    fail("no document " + documentId);
                }
                return new Lease(rs.getString(1), rs.getLong(2));
            }
        }
    }

    /** A count read from the shared database: {@code SELECT COUNT(*) FROM ...} with one parameter or none. */
    long count(String fromWhere, String... parameters) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), null);
             PreparedStatement q = c.prepareStatement("SELECT COUNT(*) FROM " + fromWhere)) {
            for (int p = 0; p < parameters.length; p++) {
                q.setString(p + 1, parameters[p]);
            }
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** How many events of this type the document's negotiation log holds. */
    int events(String documentId, String type) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), null);
             PreparedStatement q = c.prepareStatement(
                     "SELECT COUNT(*) FROM negotiation_events WHERE document_id = ? AND event_type = ?")) {
            q.setString(1, documentId);
            q.setString(2, type);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Pauses (SIGSTOP) or resumes (SIGCONT) node {@code i}. */
    void signal(int i, String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(nodes.get(i).process().pid()))
                .inheritIO().start();
        assertEquals(0, kill.waitFor(), "kill -" + signal);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        for (ChildServer node : nodes) {
            if (node != null) {
                try {
                    signalQuietly(node);
                    node.close();
                } catch (Exception ignored) {
                    // already gone
                }
            }
        }
    }

    /** A node left paused by a failed test would never die of SIGTERM. */
    private static void signalQuietly(ChildServer node) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-CONT", Long.toString(node.process().pid())).start().waitFor();
    }
}
