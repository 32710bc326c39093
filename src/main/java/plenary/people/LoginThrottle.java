package plenary.people;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Slows password guessing without handing anyone a way to lock others out. A conference room sits
 * behind one address, and behind a reverse proxy everybody does, so no limit here ever refuses a
 * person for what others did from elsewhere, nor an account for what was tried on other accounts:
 * <ul>
 *   <li>A <b>known device</b> (a browser that signed in to this account before, see
 *       {@link KnownDevices}) is counted alone: {@code maxFailures} wrong passwords in the window
 *       and it waits. Nothing anyone else does touches it.</li>
 *   <li>Any other attempt is counted per <b>account and address</b>: {@code maxFailures} wrong
 *       passwords for one account from one address, and that address waits for that account.</li>
 *   <li>An account guessed at from many addresses ({@code 2 × maxFailures} failures in the window,
 *       all addresses together), or an address that guesses at many accounts ({@code 6 ×
 *       maxFailures}), is held to one wrong password per account and address: every address still
 *       has its first try, so the owner signing in from anywhere new is let in, while a guesser
 *       gets one guess per address instead of five.</li>
 * </ul>
 * An attempt is counted before its password is checked, so simultaneous guesses stay within the
 * limit too, and uncounted when the password was right. Methods are synchronized: checking and
 * counting an attempt must be one step.
 */
public final class LoginThrottle {
    private static final Duration SWEEP_EVERY = Duration.ofMinutes(1);

    private final int maxFailures;
    private final int hotAccount;
    private final int hotAddress;
    private final Duration window;
    private final Clock clock;
    private final KnownDevices devices = new KnownDevices();
    private final Map<String, Deque<Instant>> failures = new HashMap<>();
    private Instant lastSweep;

    public LoginThrottle(int maxFailures, Duration window, Clock clock) {
        this.maxFailures = maxFailures;
        this.hotAccount = 2 * maxFailures;
        this.hotAddress = 6 * maxFailures;
        this.window = window;
        this.clock = clock;
        this.lastSweep = clock.instant();
    }

    /** An attempt with no device token. */
    public synchronized Duration attempt(String username, String address) {
        return attempt(username, address, null);
    }

    /**
     * Asks to try a password. Returns zero and counts the attempt when one may be made now, or how
     * long to wait. {@code deviceToken} is the device cookie the client sent, or null.
     */
    public synchronized Duration attempt(String username, String address, String deviceToken) {
        sweepIfDue();
        String device = devices.device(deviceToken, username).orElse(null);
        if (device != null) {
            Duration wait = wait(deviceKey(device), maxFailures);
            if (wait.isZero()) {
                record(deviceKey(device));
            }
            return wait;
        }
        boolean hot = count(accountKey(username)) >= hotAccount || count(addressKey(address)) >= hotAddress;
        Duration wait = wait(pairKey(username, address), hot ? 1 : maxFailures);
        if (wait.isZero()) {
            record(pairKey(username, address));
            record(accountKey(username));
            record(addressKey(address));
        }
        return wait;
    }

    /** The password was right: the attempt does not count, and a known device starts afresh. */
    public synchronized void succeeded(String username, String address, String deviceToken) {
        String device = devices.device(deviceToken, username).orElse(null);
        if (device != null) {
            failures.remove(deviceKey(device));
            return;
        }
        for (String key : new String[] {pairKey(username, address), accountKey(username), addressKey(address)}) {
            Deque<Instant> times = failures.get(key);
            if (times != null) {
                times.pollLast();
            }
        }
    }

    /** A device token for a client that has just proved it knows this account's password. */
    public String deviceToken(String username) {
        return devices.issue(username);
    }

    private static String deviceKey(String device) {
        return "d:" + device;
    }

    private static String pairKey(String username, String address) {
        return "p:" + address + " " + username; // usernames have no spaces
    }

    private static String accountKey(String username) {
        return "u:" + username;
    }

    private static String addressKey(String address) {
        return "a:" + address;
    }

    private int count(String key) {
        Deque<Instant> times = failures.get(key);
        if (times == null) {
            return 0;
        }
        prune(times);
        return times.size();
    }

    private Duration wait(String key, int limit) {
        Deque<Instant> times = failures.get(key);
        if (times == null) {
            return Duration.ZERO;
        }
        prune(times);
        if (times.size() < limit) {
            return Duration.ZERO;
        }
        // Free again when enough failures have left the window to bring the count under the limit.
        Instant freed = times.stream().skip(times.size() - limit).findFirst().orElseThrow().plus(window);
        Duration left = Duration.between(clock.instant(), freed);
        return left.isNegative() || left.isZero() ? Duration.ofSeconds(1) : left;
    }

    private void record(String key) {
        Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        prune(times);
        times.addLast(clock.instant());
    }

    private void prune(Deque<Instant> times) {
        Instant cutoff = clock.instant().minus(window);
        while (!times.isEmpty() && !times.peekFirst().isAfter(cutoff)) {
            times.removeFirst();
        }
    }

    /** Forgets keys whose failures have all left the window, so the table does not grow with every name tried. */
    private void sweepIfDue() {
        Instant now = clock.instant();
        if (Duration.between(lastSweep, now).compareTo(SWEEP_EVERY) < 0) {
            return;
        }
        lastSweep = now;
        failures.values().removeIf(times -> {
            prune(times);
            return times.isEmpty();
        });
    }
}
