package plenary.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Shareable;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The meters of one running server, reachable from anything that has its Vert.x instance: the
 * sequencers and the sockets record into them, {@code /metrics} reads them. A Vert.x instance with
 * none installed (a sequencer built alone in a test) records into a registry that keeps nothing.
 */
public final class Meters implements Shareable {
    private static final String KEY = Meters.class.getName();
    /** Buckets for the live latencies: the tick is 20 ms, a loaded room reaches hundreds. */
    private static final Duration[] LIVE_SLOS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofSeconds(5)};

    private final MeterRegistry registry;
    private final Map<String, AtomicInteger> sockets = new ConcurrentHashMap<>();
    private final Timer ack;
    private final Timer broadcast;
    private final Counter framesPublished;
    private final Counter sessionsCached;
    private final Counter sessionsLoaded;

    private Meters(MeterRegistry registry) {
        this.registry = registry;
        this.sessionsCached = sessionLookups(registry, "cache");
        this.sessionsLoaded = sessionLookups(registry, "store");
        this.ack = Timer.builder("plenary.live.ack").description("a submission's arrival at the sequencer to the"
                + " frame that carries its commit, durable, to its author and everyone").serviceLevelObjectives(LIVE_SLOS)
                .register(registry);
        this.broadcast = Timer.builder("plenary.live.broadcast").description("a commit durable to the frame that"
                + " carries it published to the document's sockets").serviceLevelObjectives(LIVE_SLOS).register(registry);
        this.framesPublished = Counter.builder("plenary.live.frames.published").description("frames the documents'"
                + " writers in this process published to their sockets (in a cluster, to every node's)").register(registry);
    }

    /** Makes {@code registry} the meters of {@code vertx}; call once, before anything records. */
    public static Meters install(Vertx vertx, MeterRegistry registry) {
        Meters meters = new Meters(registry);
        vertx.sharedData().<String, Meters>getLocalMap(KEY).put(KEY, meters);
        return meters;
    }

    public static Meters of(Vertx vertx) {
        return vertx.sharedData().<String, Meters>getLocalMap(KEY).computeIfAbsent(KEY,
                k -> new Meters(new CompositeMeterRegistry()));
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** The open, joined sockets of a document: one more, or (negative) fewer. */
    public void socketsChanged(String documentId, int delta) {
        sockets.computeIfAbsent(documentId, id -> {
            AtomicInteger count = new AtomicInteger();
            Gauge.builder("plenary.live.sockets", count, AtomicInteger::get).description("joined live sockets")
                    .tag("document", id).register(registry);
            return count;
        }).addAndGet(delta);
    }

    public Counter opsCommitted(String documentId) {
        return Counter.builder("plenary.ops.committed").description("changes committed to the durable log")
                .tag("document", documentId).register(registry);
    }

    private static Counter sessionLookups(MeterRegistry registry, String source) {
        return Counter.builder("plenary.sessions.lookups")
                .description("a request's session, found in the server's cache or looked up in the store")
                .tag("source", source).register(registry);
    }

    /** A request's session found in the server's cache ({@code cached}) or looked up in the store. */
    public Counter sessionLookup(boolean cached) {
        return cached ? sessionsCached : sessionsLoaded;
    }

    public Timer ack() {
        return ack;
    }

    public Timer broadcast() {
        return broadcast;
    }

    public Counter framesPublished() {
        return framesPublished;
    }
}
