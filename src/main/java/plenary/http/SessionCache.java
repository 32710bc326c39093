package plenary.http;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Shareable;
import plenary.people.Principal;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sessions recently found in the store, by token hash, so that a person's requests do not each
 * cost two queries and a worker's turn (issue 17). One per Vert.x instance, shared by every event
 * loop. Within this process a session ended (sign-out, sign-out everywhere, a password change)
 * counts at once: {@link LiveEvents} drops it here, and every hit asks {@link CurrentRoles} whether
 * it was ended, which also covers a lookup that was in flight when it ended. A session's expiry is
 * checked on every hit against the server's clock. A session ended through another node of a
 * cluster is dropped here when its event arrives ({@link LiveEvents}); through a server process that
 * is no node of this one's cluster, at the latest {@link #FRESH} after it was cached.
 */
final class SessionCache implements Shareable {
    /** How long a cached session is trusted without asking the store again. */
    static final Duration FRESH = Duration.ofSeconds(10);
    /** Far above the sockets and people of a plenary; past it the cache starts again. */
    private static final int MAX_ENTRIES = 50_000;

    record Entry(Principal principal, String csrfToken, Instant expiresAt, long cachedAtNanos) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    private SessionCache() {
    }

    static SessionCache of(Vertx vertx) {
        return vertx.sharedData().<String, SessionCache>getLocalMap(SessionCache.class.getName())
                .computeIfAbsent("sessions", k -> new SessionCache());
    }

    /** The cached session of this token hash, if it is fresh and has not expired by {@code now}. */
    Optional<Entry> get(String tokenHash, Instant now) {
        Entry entry = entries.get(tokenHash);
        if (entry == null) {
            return Optional.empty();
        }
        if (!now.isBefore(entry.expiresAt()) || System.nanoTime() - entry.cachedAtNanos() > FRESH.toNanos()) {
            entries.remove(tokenHash, entry);
            return Optional.empty();
        }
        return Optional.of(entry);
    }

    void put(String tokenHash, Principal principal, String csrfToken, Instant expiresAt) {
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(tokenHash, new Entry(principal, csrfToken, expiresAt, System.nanoTime()));
    }

    void remove(String tokenHash) {
        entries.remove(tokenHash);
    }
}
