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
 *              nothing else. On Vert.x's shared pool they can wait behind the cluster manager's own
 *              blocking calls while a node is paused; that is the likely reason (not proven) why one
 *              run beside a busy machine saw no node take a paused node's document for two minutes
 */
public record Ownership(String node, DocumentLeases leases, Duration lease, WorkerExecutor work) {
    /** The name of the lease threads' pool. */
    public static final String WORKERS = "plenary-leases";
}
