package plenary.people;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

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
 * limit too, and uncounted when the password was right. Checking and counting an attempt is one step
 * ({@link FailureLog#alone}); the nodes of a cluster count in one shared log.
 */
public final class LoginThrottle {
    private static final Duration SWEEP_EVERY = Duration.ofMinutes(1);

    private final int maxFailures;
    private final int hotAccount;
    private final int hotAddress;
    private final Duration window;
    private final Clock clock;
    private final KnownDevices devices;
    private final FailureLog log;
    private volatile Instant lastSweep;

    /** A throttle of this process alone. */
    public LoginThrottle(int maxFailures, Duration window, Clock clock) {
        this(maxFailures, window, clock, new MemoryFailureLog(), new KnownDevices());
    }

    /**
     * @param log     where failures are counted (shared by the nodes of a cluster)
     * @param devices the device tokens it recognises (with one key for the whole cluster)
     */
    public LoginThrottle(int maxFailures, Duration window, Clock clock, FailureLog log, KnownDevices devices) {
        this.maxFailures = maxFailures;
        this.hotAccount = 2 * maxFailures;
        this.hotAddress = 6 * maxFailures;
        this.window = window;
        this.clock = clock;
        this.log = log;
        this.devices = devices;
        this.lastSweep = clock.instant();
    }

    /** An attempt with no device token. */
    public Duration attempt(String username, String address) {
        return attempt(username, address, null);
    }

    /**
     * Asks to try a password. Returns zero and counts the attempt when one may be made now, or how
     * long to wait. {@code deviceToken} is the device cookie the client sent, or null.
     */
    public Duration attempt(String username, String address, String deviceToken) {
        String device = devices.device(deviceToken, username).orElse(null);
        Instant now = clock.instant();
        Instant since = now.minus(window);
        return log.alone(failures -> {
            sweepIfDue(failures, now);
            if (device != null) {
                Duration wait = wait(failures.after(deviceKey(device), since), maxFailures, now);
                if (wait.isZero()) {
                    failures.add(deviceKey(device), now);
                }
                return wait;
            }
            boolean hot = failures.after(accountKey(username), since).size() >= hotAccount
                    || failures.after(addressKey(address), since).size() >= hotAddress;
            Duration wait = wait(failures.after(pairKey(username, address), since), hot ? 1 : maxFailures, now);
            if (wait.isZero()) {
                failures.add(pairKey(username, address), now);
                failures.add(accountKey(username), now);
                failures.add(addressKey(address), now);
            }
            return wait;
        });
    }

    /** The password was right: the attempt does not count, and a known device starts afresh. */
    public void succeeded(String username, String address, String deviceToken) {
        String device = devices.device(deviceToken, username).orElse(null);
        log.alone(failures -> {
            if (device != null) {
                failures.clear(deviceKey(device));
            } else {
                for (String key : new String[] {pairKey(username, address), accountKey(username), addressKey(address)}) {
                    failures.takeBackNewest(key);
                }
            }
            return null;
        });
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

    /** Zero while fewer than {@code limit} failures are in the window, else how long until one leaves it. */
    private Duration wait(List<Instant> times, int limit, Instant now) {
        if (times.size() < limit) {
            return Duration.ZERO;
        }
        // Free again when enough failures have left the window to bring the count under the limit.
        Instant freed = times.get(times.size() - limit).plus(window);
        Duration left = Duration.between(now, freed);
        return left.isNegative() || left.isZero() ? Duration.ofSeconds(1) : left;
    }

    /** Forgets failures that have left the window, now and then. */
    private void sweepIfDue(FailureLog.Failures failures, Instant now) {
        if (Duration.between(lastSweep, now).compareTo(SWEEP_EVERY) < 0) {
            return;
        }
        lastSweep = now;
        failures.forget(now.minus(window));
    }
}
