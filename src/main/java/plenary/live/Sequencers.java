package plenary.live;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import plenary.metrics.Meters;
import plenary.store.OperationLog;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Starts each document's sequencer on first use and keeps at most one per document in this
 * process. A sequencer idle for {@link SequencerSettings#idleTimeout()} retires: it leaves this
 * registry first, so the next request starts a fresh one, which waits until the old one has
 * stopped listening (two listening on one address would share its requests).
 */
public final class Sequencers {
    /** The failure code of a request that reached a sequencer as it retired: ask again. */
    static final int RETIRED = 410;

    private final Vertx vertx;
    private final OperationLog log;
    private final SequencerSettings settings;
    private final Supplier<String> ids;
    private final Clock clock;
    private final Map<String, Future<String>> deployments = new ConcurrentHashMap<>();
    /** Sequencers that retired and have not yet stopped listening, by document. */
    private final Map<String, Future<Void>> retiring = new ConcurrentHashMap<>();
    private final Counter retired;

    public Sequencers(Vertx vertx, OperationLog log, SequencerSettings settings, Supplier<String> ids, Clock clock) {
        this.vertx = vertx;
        this.log = log;
        this.settings = settings;
        this.ids = ids;
        this.clock = clock;
        var registry = Meters.of(vertx).registry();
        Gauge.builder("plenary.sequencers", deployments, Map::size)
                .description("documents with a running sequencer in this process").register(registry);
        retired = Counter.builder("plenary.sequencers.retired")
                .description("sequencers stopped after being idle, to be loaded again on demand").register(registry);
        SequencerRequest.registerCodecs(vertx);
    }

    /** Completes once the document's sequencer is listening; fails if the document does not exist. */
    public Future<Void> ensure(String documentId) {
        Future<Void> stopping = retiring.get(documentId);
        if (stopping != null) {
            // Back on the caller's context before deploying: the old sequencer's undeployment
            // completes on its own context, and a verticle deployed from there would be a child of
            // a deployment that is gone ("Could not be added as child of parent deployment", a 500
            // once in CI when a request met a retirement).
            Context caller = vertx.getOrCreateContext();
            Promise<Void> ensured = Promise.promise();
            stopping.onComplete(stopped -> caller.runOnContext(v -> ensure(documentId).onComplete(ensured)));
            return ensured.future();
        }
        Future<String> deployment = deployments.computeIfAbsent(documentId, id -> vertx.deployVerticle(
                new DocumentSequencer(id, log, settings, ids, clock, this), new DeploymentOptions()));
        return deployment.recover(failure -> {
            deployments.remove(documentId, deployment);
            return Future.failedFuture(failure);
        }).mapEmpty();
    }

    /**
     * Asks the document's sequencer, starting it if need be; asked again once if it retired as the
     * request reached it (or had just stopped listening).
     */
    public <T> Future<Message<T>> request(String documentId, SequencerRequest body) {
        return request(documentId, body, true);
    }

    private <T> Future<Message<T>> request(String documentId, SequencerRequest body, boolean again) {
        return ensure(documentId)
                .compose(v -> vertx.eventBus().<T>request(LiveAddresses.requests(documentId), body))
                .recover(e -> again && wentAway(e) ? request(documentId, body, false) : Future.failedFuture(e));
    }

    /**
     * Asks the document's sequencer only if one is running, never starting one: fails with
     * {@link NotRunning} when there is none, or it is retiring, or it retired as the request reached
     * it. For readers that can do without it (the search feed reads the store instead), so that they
     * do not bring back a sequencer that retired because nobody needed it.
     */
    public <T> Future<Message<T>> requestIfRunning(String documentId, SequencerRequest body) {
        Future<String> deployment = deployments.get(documentId);
        if (deployment == null || retiring.containsKey(documentId)) {
            return Future.failedFuture(new NotRunning(documentId));
        }
        return deployment.compose(v -> vertx.eventBus().<T>request(LiveAddresses.requests(documentId), body))
                .recover(e -> Future.failedFuture(wentAway(e) ? new NotRunning(documentId) : e));
    }

    /** No sequencer runs for the document (see {@link #requestIfRunning}). */
    public static final class NotRunning extends RuntimeException {
        NotRunning(String documentId) {
            super("no sequencer runs for document " + documentId, null, false, false);
        }
    }

    /** Whether a request failed because the sequencer retired, not because of what it asked. */
    static boolean wentAway(Throwable e) {
        return e instanceof ReplyException reply && (reply.failureType() == ReplyFailure.NO_HANDLERS
                || reply.failureType() == ReplyFailure.RECIPIENT_FAILURE && reply.failureCode() == RETIRED);
    }

    /**
     * Called on the sequencer's context once it has decided to retire: from here on, requests start
     * a new one once the old one's undeployment has completed. A caller that got the old one from
     * {@link #ensure} just before sees its request refused ({@link #wentAway}): {@link #request}
     * asks again; a live socket's join is refused and the client reconnects, as after any resync.
     */
    void retire(String documentId, String deploymentId) {
        Promise<Void> gone = Promise.promise();
        retiring.put(documentId, gone.future());
        deployments.computeIfPresent(documentId, (id, d) -> deploymentId.equals(d.result()) ? null : d);
        retired.increment();
        vertx.undeploy(deploymentId).onComplete(done -> {
            retiring.remove(documentId, gone.future());
            gone.complete();
        });
    }
}
