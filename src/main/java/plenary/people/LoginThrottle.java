package plenary.people;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after {@code maxFailures} failed sign-ins for one username, or from one
 * address, within the window, further attempts are refused until the oldest failure leaves it.
 * Counting per username stops guessing one account from many addresses; per address stops
 * spraying many accounts from one.
 */
public final class LoginThrottle {
    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    public LoginThrottle(int maxFailures, Duration window, Clock clock) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
    }

    /** How long to wait before trying again, or zero when an attempt may be made now. */
    public Duration retryAfter(String username, String address) {
        Duration a = wait("u:" + username);
        Duration b = wait("a:" + address);
        return a.compareTo(b) >= 0 ? a : b;
    }

    public void failed(String username, String address) {
        record("u:" + username);
        record("a:" + address);
    }

    public void succeeded(String username) {
        failures.remove("u:" + username);
    }

    private Duration wait(String key) {
        Deque<Instant> times = failures.get(key);
        if (times == null) {
            return Duration.ZERO;
        }
        synchronized (times) {
            prune(times);
            if (times.size() < maxFailures) {
                return Duration.ZERO;
            }
            Duration left = Duration.between(clock.instant(), times.peekFirst().plus(window));
            return left.isNegative() ? Duration.ZERO : left;
        }
    }

    private void record(String key) {
        Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            prune(times);
            times.addLast(clock.instant());
        }
    }

    private void prune(Deque<Instant> times) {
        Instant cutoff = clock.instant().minus(window);
        while (!times.isEmpty() && times.peekFirst().isBefore(cutoff)) {
            times.removeFirst();
        }
    }
}
