package plenary.http;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Shareable;
import plenary.store.PeopleRepository.MembershipChange;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Every membership change made since this process started, numbered in the order of their commits,
 * so that a live socket can check, on every message and without a query, that its role has not
 * changed since it was read. A socket notes {@link #now()} before its role is read from the database
 * at its upgrade; a later change is recorded here before the request that made it is answered, so an
 * edit sent after a demotion's answer is refused (the close that {@link LiveEvents} sends the socket
 * follows a moment later). Any change after the read counts, even one that restored the same role: a
 * demotion and a promotion back must not let an edit queued in between through (DemotionRaceTest
 * caught that once in 40 rounds on a busy machine). One per Vert.x instance; with several server
 * processes each records the changes made through it, and the others rely on that close; the nodes
 * of a cluster also record each other's ({@link #changedElsewhere}).
 */
final class CurrentRoles implements Shareable {
    /** "meetingId userId" to the number of its latest change. */
    private final Map<String, Long> changed = new ConcurrentHashMap<>();

    /** The number of the latest change recorded; written only under this object's lock. */
    private volatile long latest;

    /** A day: longer than any session lasts. */
    private static final long ENDED_KEPT_NANOS = java.util.concurrent.TimeUnit.HOURS.toNanos(24);

    /** Token hashes of sessions ended, to when (System.nanoTime). */
    private final Map<String, Long> endedSessions = new ConcurrentHashMap<>();

    private CurrentRoles() {
    }

    static CurrentRoles of(Vertx vertx) {
        return vertx.sharedData().<String, CurrentRoles>getLocalMap(CurrentRoles.class.getName())
                .computeIfAbsent("roles", k -> new CurrentRoles());
    }

    /**
     * Commits one membership change and numbers it after the commit. One change at a time, so the
     * numbers follow the order of the commits. Membership changes are rare; edits only read.
     */
    synchronized MembershipChange commit(String meetingId, String userId, Supplier<MembershipChange> write) {
        MembershipChange change = write.get();
        if (change.changed()) {
            long number = latest + 1;
            changed.put(key(meetingId, userId), number);
            latest = number;
        }
        return change;
    }

    /**
     * Records a change committed through another node of a cluster, when its event arrives here:
     * this node's sockets of that person in that meeting then carry out nothing more.
     */
    synchronized void changedElsewhere(String meetingId, String userId) {
        long number = latest + 1;
        changed.put(key(meetingId, userId), number);
        latest = number;
    }

    /**
     * The number of the latest change: taken before a role is read from the database, it makes any
     * change committed after that read count in {@link #unchangedSince}. A change committed just
     * before the read may count too; its socket is closed and reconnects, which is harmless.
     */
    long now() {
        return latest;
    }

    /** Whether the person's membership of the meeting has not changed since {@code mark} ({@link #now()}). */
    boolean unchangedSince(String meetingId, String userId, long mark) {
        Long last = changed.get(key(meetingId, userId));
        return last == null || last <= mark;
    }

    /**
     * Records that a session has ended (sign-out, sign-out everywhere, a password change), before the
     * request that ended it is answered: its sockets carry out nothing more, though their close
     * comes a moment later. Entries older than any session's life are dropped now and then.
     */
    void sessionEnded(String tokenHash) {
        long now = System.nanoTime();
        endedSessions.put(tokenHash, now);
        if (endedSessions.size() % 1024 == 0) {
            endedSessions.values().removeIf(at -> now - at > ENDED_KEPT_NANOS);
        }
    }

    /** Whether the session with this token hash has not been ended through this process. */
    boolean sessionHolds(String tokenHash) {
        return tokenHash == null || !endedSessions.containsKey(tokenHash);
    }

    private static String key(String meetingId, String userId) {
        return meetingId + ' ' + userId;
    }
}
