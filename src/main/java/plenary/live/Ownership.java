package plenary.live;

import plenary.store.DocumentLeases;

import java.time.Duration;

/**
 * How the sequencers of a cluster node own their documents: by a lease in the shared database,
 * one node per document ({@link DocumentLeases}). A server alone has none.
 *
 * @param node  this node's name in the lease rows
 * @param lease how long a lease runs without being renewed; it is renewed every third of it
 */
public record Ownership(String node, DocumentLeases leases, Duration lease) {
}
