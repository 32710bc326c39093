package plenary.live;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import plenary.store.OperationLog;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Starts each document's sequencer on first use and keeps exactly one per document in this
 * process. Callers then talk to it by address only, so a clustered deployment can place it on
 * another node without changing them.
 */
public final class Sequencers {
    private final Vertx vertx;
    private final OperationLog log;
    private final SequencerSettings settings;
    private final Supplier<String> ids;
    private final Clock clock;
    private final Map<String, Future<String>> deployments = new ConcurrentHashMap<>();

    public Sequencers(Vertx vertx, OperationLog log, SequencerSettings settings, Supplier<String> ids, Clock clock) {
        this.vertx = vertx;
        this.log = log;
        this.settings = settings;
        this.ids = ids;
        this.clock = clock;
    }

    /** Completes once the document's sequencer is listening; fails if the document does not exist. */
    public Future<Void> ensure(String documentId) {
        Future<String> deployment = deployments.computeIfAbsent(documentId, id -> vertx.deployVerticle(
                new DocumentSequencer(id, log, settings, ids, clock), new DeploymentOptions()));
        return deployment.recover(failure -> {
            deployments.remove(documentId, deployment);
            return Future.failedFuture(failure);
        }).mapEmpty();
    }
}
