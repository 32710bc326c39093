package plenary.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.RoutingContext;
import plenary.metrics.Meters;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Threads of their own for one kind of heavy work (importing drafts, rendering exports), with a
 * cap on the work that may wait for them, counted in units the kind chooses (a request each, or
 * the size of what it holds, so that many small imports wait where few large ones may). Past the
 * cap a request is refused at once with
 * {@code 503} and {@code Retry-After} instead of queuing without end and holding its body and its
 * result in memory meanwhile. Neither Vert.x's shared worker pool (which the store, sign-in and
 * every other route use) nor the event loops ever run this work, so a slow import or a long PDF
 * holds up nothing but its own kind.
 */
final class WorkQueue implements io.vertx.core.shareddata.Shareable {
    private final WorkerExecutor workers;
    private final String what;
    private final long capacity;
    private final int retryAfterSeconds;
    private final AtomicLong admitted = new AtomicLong();
    private final Counter done;
    private final Counter refused;

    /**
     * @param what     the work, in the plural, for the refusal ("imports")
     * @param threads  how many run at once
     * @param capacity the units of work that may be running or waiting at once
     */
    private WorkQueue(Vertx vertx, String name, String what, int threads, long capacity, int retryAfterSeconds) {
        // The work is bounded by its own budgets; a long render is what the pool is for, not a
        // blocked thread to warn about every few seconds.
        this.workers = vertx.createSharedWorkerExecutor(name, threads, 10, TimeUnit.MINUTES);
        this.what = what;
        this.capacity = capacity;
        this.retryAfterSeconds = retryAfterSeconds;
        // Where the heavy work goes and how much waits: plenary_work_total{queue,outcome} and
        // plenary_work_admitted{queue} (the units running or waiting).
        MeterRegistry registry = Meters.of(vertx).registry();
        this.done = Counter.builder("plenary.work").tag("queue", name).tag("outcome", "done")
                .description("heavy work run to its end (or its failure) on its own threads").register(registry);
        this.refused = Counter.builder("plenary.work").tag("queue", name).tag("outcome", "refused")
                .description("heavy work refused because its queue was full").register(registry);
        Gauge.builder("plenary.work.admitted", admitted, AtomicLong::get).tag("queue", name)
                .description("units of heavy work running or waiting").register(registry);
    }

    /**
     * The queue of this name in this Vert.x, made by the first caller: the HTTP server runs one
     * router per event loop, and the cap is on the server's work, not on one loop's.
     */
    static WorkQueue shared(Vertx vertx, String name, String what, int threads, long capacity, int retryAfterSeconds) {
        return vertx.sharedData().<String, WorkQueue>getLocalMap(WorkQueue.class.getName())
                .computeIfAbsent(name, n -> new WorkQueue(vertx, name, what, threads, capacity, retryAfterSeconds));
    }

    /** Half the cores, at least one: the other half stays for the event loops and the store. */
    static int halfTheCores() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    /** Runs {@code work}, one unit, on this queue's threads, or fails at once with {@link Full} when the queue is full. */
    <T> Future<T> submit(Callable<T> work) {
        return submit(1, work);
    }

    /** Runs {@code work}, of {@code units} units, or fails at once with {@link Full} when they would not fit. */
    <T> Future<T> submit(long units, Callable<T> work) {
        if (admitted.addAndGet(units) > capacity) {
            admitted.addAndGet(-units);
            refused.increment();
            return Future.failedFuture(new Full(Problem.unavailable("the server is busy with as many " + what
                    + " as it holds running or waiting; try again in " + retryAfterSeconds + " s"), retryAfterSeconds));
        }
        return workers.<T>executeBlocking(work, false).andThen(result -> {
            admitted.addAndGet(-units);
            done.increment();
        });
    }

    /** Fails the request, with {@code Retry-After} when the queue was full. */
    static void fail(RoutingContext ctx, Throwable failure) {
        if (failure instanceof Full full && !ctx.response().headWritten()) {
            ctx.response().putHeader("Retry-After", Integer.toString(full.retryAfterSeconds));
        }
        ctx.fail(failure);
    }

    /** A refusal because the queue is full; answered {@code 503} with {@code Retry-After}. */
    static final class Full extends ProblemException {
        private final int retryAfterSeconds;

        Full(Problem problem, int retryAfterSeconds) {
            super(problem);
            this.retryAfterSeconds = retryAfterSeconds;
        }
    }
}
