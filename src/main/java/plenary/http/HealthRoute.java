package plenary.http;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import plenary.store.DocumentRepository;

import java.util.concurrent.TimeUnit;

/**
 * {@code GET /health}: whether the store answers, within a deadline. A store that is down does not
 * always fail fast: with PostgreSQL stopped, taking a connection from the pool waits out its
 * connection timeout (30 s). So the answer is {@code 503} once the deadline passes, and the probe
 * keeps running on a thread of its own; one probe at a time, which every health request meanwhile
 * shares, so probes never pile up and never wait behind other blocking work.
 */
final class HealthRoute {
    static final long DEADLINE_MILLIS = 500;

    private final Vertx vertx;
    private final DocumentRepository documents;
    private final WorkerExecutor probes;
    private Future<Long> inFlight;

    HealthRoute(Vertx vertx, DocumentRepository documents) {
        this.vertx = vertx;
        this.documents = documents;
        // A probe may be held as long as the store's own timeouts say; that is what the deadline
        // is for, not a blocked thread to warn about.
        this.probes = vertx.createSharedWorkerExecutor("plenary-health", 1, 1, TimeUnit.DAYS);
    }

    void mount(Router router) {
        router.get("/health").handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        Context here = vertx.getOrCreateContext();
        probe().timeout(DEADLINE_MILLIS, TimeUnit.MILLISECONDS)
                .onComplete(result -> here.runOnContext(v -> answer(ctx, result)));
    }

    /** The probe under way, or a new one. */
    private synchronized Future<Long> probe() {
        Future<Long> probe = inFlight;
        if (probe == null) {
            Future<Long> started = probes.executeBlocking(documents::count, false);
            inFlight = started;
            started.onComplete(done -> finished(started)); // at once, when it is already over
            probe = started;
        }
        return probe;
    }

    private synchronized void finished(Future<Long> probe) {
        if (inFlight == probe) {
            inFlight = null;
        }
    }

    private static void answer(RoutingContext ctx, AsyncResult<Long> count) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        ctx.response()
                .setStatusCode(count.succeeded() ? 200 : 503)
                .putHeader("Content-Type", "application/json")
                .end(count.succeeded()
                        ? new JsonObject().put("status", "UP").put("store", "UP").put("documents", count.result()).encode()
                        : new JsonObject().put("status", "DOWN").put("store", "DOWN").encode());
    }
}
