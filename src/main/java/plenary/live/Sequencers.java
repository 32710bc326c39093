package plenary.live;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import plenary.metrics.Meters;
import plenary.store.DocumentLeases;
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
 *
 * <p>On a node of a cluster ({@link Ownership}) it starts a document's sequencer only under the
 * document's lease, so there is at most one in the whole cluster; while another node holds the
 * lease, requests go to that node's sequencer over the clustered event bus.
 */
public final class Sequencers {
    private static final Logger LOG = LoggerFactory.getLogger(Sequencers.class);
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
    /** In a cluster: how documents are owned; null for a server alone. */
    private final Ownership ownership;
    /** Requests sent to another node fail after this long rather than the event bus's 30 s. */
    private final DeliveryOptions delivery;

    public Sequencers(Vertx vertx, OperationLog log, SequencerSettings settings, Supplier<String> ids, Clock clock) {
        this(vertx, log, settings, ids, clock, null);
    }

    /**
     * @param ownership in a cluster, how this node takes documents (one owner per document in the
     *                  whole cluster, found over the event bus); null for a server alone
     */
    public Sequencers(Vertx vertx, OperationLog log, SequencerSettings settings, Supplier<String> ids, Clock clock,
                      Ownership ownership) {
        this.ownership = ownership;
        this.delivery = ownership == null ? new DeliveryOptions()
                : new DeliveryOptions().setSendTimeout(Math.max(5_000, ownership.lease().toMillis()));
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
        if (ownership != null) {
            adoptOrphans();
        }
    }

    /**
     * In a cluster, every half lease: takes over documents whose writer's lease ended without being
     * let go (its node died), so that what a writer does unasked goes on (a silence procedure's
     * deadline) and clients that reconnect find the document loaded. Nodes that look at once race
     * for each document's row; one takes it and the others find it held.
     */
    private void adoptOrphans() {
        vertx.setPeriodic(Math.max(250, ownership.lease().toMillis() / 2), t ->
                ownership.work().executeBlocking(() -> ownership.leases().orphans(100), false)
                        .onSuccess(orphans -> orphans.forEach(id -> ensure(id).onFailure(e ->
                                LOG.warn("document {}: could not take it over: {}", id, e.toString()))))
                        .onFailure(e -> LOG.warn("looking for documents without a writer failed: {}", e.toString())));
    }

    /** How to send a request to a sequencer directly (a live socket does): in a cluster, with the timeout above. */
    public DeliveryOptions delivery() {
        return new DeliveryOptions(delivery);
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
        Future<String> deployment = deployments.computeIfAbsent(documentId, id -> ownership == null
                ? vertx.deployVerticle(new DocumentSequencer(id, log, settings, ids, clock, this, null),
                new DeploymentOptions())
                : claimThenDeploy(id));
        return deployment.transform(done -> {
            if (done.failed() || ELSEWHERE.equals(done.result())) {
                // Not running here: the next request looks again (the other owner may be gone by then).
                deployments.remove(documentId, deployment);
            }
            return done.failed() ? Future.<Void>failedFuture(done.cause()) : Future.<Void>succeededFuture();
        });
    }

    /** The deployment's place in {@link #deployments} while another node owns the document. */
    private static final String ELSEWHERE = "";

    /**
     * In a cluster: takes the document's lease and starts its sequencer here, unless another node
     * holds a lease on it that has not ended: then requests reach that node's sequencer over the
     * event bus, and this one starts none.
     */
    private Future<String> claimThenDeploy(String documentId) {
        long claimed = System.nanoTime();
        return ownership.work().executeBlocking(() -> ownership.leases().claim(documentId, ownership.node(),
                        ownership.lease()),
                false).compose(claim -> switch (claim) {
                    case DocumentLeases.Taken taken -> vertx.deployVerticle(new DocumentSequencer(documentId, log,
                            settings, ids, clock, this, new DocumentSequencer.Claimed(ownership, taken.token(),
                            taken.takeover(), claimed)), new DeploymentOptions());
                    case DocumentLeases.HeldBy held -> Future.succeededFuture(ELSEWHERE);
                    case DocumentLeases.Missing missing -> Future.failedFuture(
                            new IllegalStateException("no document " + documentId));
                });
    }

    /**
     * Asks the document's sequencer, starting it if need be; asked again once if it retired as the
     * request reached it (or had just stopped listening).
     */
    public <T> Future<Message<T>> request(String documentId, SequencerRequest body) {
        return request(documentId, body, true);
    }

    private <T> Future<Message<T>> request(String documentId, SequencerRequest body, boolean again) {
        if (ownership != null) {
            return requestInCluster(documentId, body, System.nanoTime() + 2 * ownership.lease().toNanos());
        }
        return ensure(documentId)
                .compose(v -> vertx.eventBus().<T>request(LiveAddresses.requests(documentId), body))
                .recover(e -> again && wentAway(e) ? request(documentId, body, false) : Future.failedFuture(e));
    }

    /**
     * In a cluster the owner may be starting on another node (its address not yet known here), or
     * gone (its lease not yet ended): asks again every quarter second until {@code until}, when
     * the lease of a dead owner has surely ended and another node has taken the document.
     */
    private <T> Future<Message<T>> requestInCluster(String documentId, SequencerRequest body, long until) {
        return ensure(documentId)
                .compose(v -> vertx.eventBus().<T>request(LiveAddresses.requests(documentId), body, delivery))
                .recover(e -> {
                    if (!wentAway(e) || System.nanoTime() - until > 0) {
                        return Future.failedFuture(e);
                    }
                    Promise<Void> later = Promise.promise();
                    vertx.setTimer(250, t -> later.complete());
                    return later.future().compose(v -> requestInCluster(documentId, body, until));
                });
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
        return deployment.compose(v -> ELSEWHERE.equals(v) ? Future.<Message<T>>failedFuture(new NotRunning(documentId))
                        : vertx.eventBus().<T>request(LiveAddresses.requests(documentId), body))
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
