package plenary.bench;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Latency samples from many threads: each thread records into its own {@link Histogram}, merged on
 * demand. Read it only once the recording threads have gone quiet (the benchmarks stop recording,
 * then wait a moment); a sample racing the merge is at worst left out.
 */
final class Recorder {
    private final Queue<Histogram> all = new ConcurrentLinkedQueue<>();
    private final ThreadLocal<Histogram> local = ThreadLocal.withInitial(() -> {
        Histogram h = new Histogram();
        all.add(h);
        return h;
    });

    void recordNanos(long nanos) {
        local.get().recordNanos(nanos);
    }

    Histogram merged() {
        Histogram out = new Histogram();
        all.forEach(out::add);
        return out;
    }
}
