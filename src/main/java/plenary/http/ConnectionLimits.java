package plenary.http;

import java.lang.management.ManagementFactory;

/**
 * How many connections the server keeps, and for how long it waits on them, so that one address
 * cannot use up the process's file descriptors (and with them the database's and the search index's
 * files, and every other person's connection).
 *
 * @param total              connections open at once, all addresses together; 0: three quarters of the
 *                           process's file descriptor limit, keeping the rest for the store and the index
 * @param perAddress         connections open at once from one client address (live sockets included);
 *                           0: no limit. Trusted proxies are exempt: they carry many people
 * @param socketsPerAddress  live sockets open at once from one client address; 0: no limit
 * @param headerSeconds      a new connection must send a whole request head within this, and a
 *                           socket upgrade must be completed within it
 * @param idleSeconds        a connection (live socket included) with no traffic either way for this
 *                           long is closed; the page pings its socket every 20 seconds
 */
public record ConnectionLimits(int total, int perAddress, int socketsPerAddress, int headerSeconds, int idleSeconds) {
    /**
     * A conference of a few hundred people behind one NAT address opens up to six connections each
     * while the page loads, and one or two sockets each.
     */
    public static final ConnectionLimits DEFAULTS = new ConnectionLimits(0, 2_000, 1_000, 20, 120);

    public ConnectionLimits {
        if (total < 0 || perAddress < 0 || socketsPerAddress < 0 || headerSeconds < 1 || idleSeconds < 1) {
            throw new IllegalArgumentException("connection limits must not be negative, and timeouts at least 1 second");
        }
    }

    /** The total limit in force: as configured, or derived from the process's file descriptor limit. */
    public int effectiveTotal() {
        if (total > 0) {
            return total;
        }
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            long max = unix.getMaxFileDescriptorCount();
            return (int) Math.max(64, Math.min(Integer.MAX_VALUE, max - Math.max(256, max / 4)));
        }
        return 10_000;
    }
}
