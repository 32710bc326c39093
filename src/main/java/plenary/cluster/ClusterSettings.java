package plenary.cluster;

import java.time.Duration;
import java.util.List;

/**
 * How this server takes part in a cluster, if it does.
 *
 * @param enabled a node of a cluster; otherwise a server alone, with no cluster manager started
 * @param host    the address the other nodes reach this one at
 * @param port    the cluster manager's port on it
 * @param members other nodes' {@code host:port} to join
 * @param lease   how long a node writes a document without renewing its lease
 */
public record ClusterSettings(boolean enabled, String host, int port, List<String> members, Duration lease) {
    public static final ClusterSettings ALONE = new ClusterSettings(false, "127.0.0.1", 5701, List.of(),
            Duration.ofSeconds(10));

    /** This node's name in the lease rows: where it is reached, which a restarted node takes again. */
    public String node() {
        return host + ":" + port;
    }
}
