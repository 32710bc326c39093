package plenary.people;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.HashMap;

/**
 * Slows password guessing: after {@code maxFailures} failed sign-ins for one username, or from one
 * address, within the window, further attempts are refused until the oldest failure leaves it.
 * Methods are synchronized: checking and counting an attempt must be one step.
 * Counting per username stops guessing one account from many addresses; per address stops
 * spraying many accounts from one.
 */
public final class LoginThrottle {
    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new HashMap<>();

    public LoginThrottle(int maxFailures, Duration window, Clock clock) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
    }

    /**
     * Asks to try a password. Returns zero and counts the attempt when one may be made now, or how
     * long to wait. Counting before the password is checked keeps simultaneous guesses within the
     * limit too.
     */
    public synchronized Duration attempt(String username, String address) {
        Duration a = wait("u:" + username);
        Duration b = wait("a:" + address);
        Duration longer = a.compareTo(b) >= 0 ? a : b;
        if (longer.isZero()) {
            record("u:" + username);
            record("a:" + address);
        }
        return longer;
    }

    /** The password was right: the attempt does not count against the account or the address. */
    public synchronized void succeeded(String username, String address) {
        failures.remove("u:" + username);
        Deque<Instant> times = failures.get("a:" + address);
        if (times != null) {
            times.pollLast();
        }
    }

    private Duration wait(String key) {
        Deque<Instant> times = failures.get(key);
        if (times == null) {
            return Duration.ZERO;
        }
        prune(times);
        if (times.isEmpty()) {
            failures.remove(key); // so the table does not grow with every name ever tried
            return Duration.ZERO;
        }
        if (times.size() < maxFailures) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(clock.instant(), times.peekFirst().plus(window));
        return left.isNegative() ? Duration.ZERO : left;
    }

    private void record(String key) {
        Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        prune(times);
        times.addLast(clock.instant());
    }

    private void prune(Deque<Instant> times) {
        Instant cutoff = clock.instant().minus(window);
        while (!times.isEmpty() && times.peekFirst().isBefore(cutoff)) {
            times.removeFirst();
        }
    }
}
