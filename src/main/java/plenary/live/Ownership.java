package plenary.live;

import io.vertx.core.WorkerExecutor;
import plenary.store.DocumentLeases;

import java.time.Duration;

/**
 * How the sequencers of a cluster node own their documents: by a lease in the shared database,
 * one node per document ({@link DocumentLeases}). A server alone has none.
 *
 * @param node  this node's name in the lease rows
 * @param lease how long a lease runs without being renewed; it is renewed every third of it
 * @param work  the threads that take, renew and let go of leases, and look for orphans, and do
 *              nothing else: on Vert.x's shared pool they waited behind the cluster manager's own
 *              blocking calls while a node was paused, and a beside-a-busy-machine run saw no node
 *              take the paused node's document for two minutes
 */
public record Ownership(String node, DocumentLeases leases, Duration lease, WorkerExecutor work) {
    /** The name of the lease threads' pool. */
    public static final String WORKERS = "plenary-leases";
}
