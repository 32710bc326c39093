package plenary.http;

import plenary.live.ClockJumps;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A server's clock that a test moves on: the real time plus an offset that only {@link #advance}
 * changes. Each jump is announced ({@link ClockJumps}), so a deadline the server waits for fires
 * as soon as the clock passes it instead of at that moment in real time. One clock may serve
 * several servers in turn, as the same data directory outlives a restart.
 */
public final class AdjustableClock extends Clock implements ClockJumps {
    private final ZoneId zone;
    private final AtomicReference<Duration> offset;
    private final List<Runnable> listeners;

    public AdjustableClock() {
        this(ZoneOffset.UTC, new AtomicReference<>(Duration.ZERO), new CopyOnWriteArrayList<>());
    }

    private AdjustableClock(ZoneId zone, AtomicReference<Duration> offset, List<Runnable> listeners) {
        this.zone = zone;
        this.offset = offset;
        this.listeners = listeners;
    }

    /** Moves the clock on by {@code by} at once, then tells everyone waiting for a deadline. */
    public void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("the clock only moves on: " + by);
        }
        offset.accumulateAndGet(by, Duration::plus);
        listeners.forEach(Runnable::run);
    }

    @Override
    public Runnable onJump(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** The same clock read in another zone: it moves, and announces jumps, with this one. */
    @Override
    public Clock withZone(ZoneId zone) {
        return new AdjustableClock(zone, offset, listeners);
    }
}
