package plenary.http;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Shareable;
import plenary.store.PeopleRepository.MembershipChange;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The current role of every membership changed since this process started, so that a live socket
 * can check, on every message and without a query, that the role it was opened with still holds.
 * A socket's role is read from the database at its upgrade; a later change is recorded here before
 * the request that made it is answered, so an edit sent after a demotion's answer is refused (the
 * close that {@link LiveEvents} sends the socket follows a moment later). One per Vert.x instance;
 * with several server processes each records the changes made through it, and the others rely on
 * that close.
 */
final class CurrentRoles implements Shareable {
    private static final String NOT_A_MEMBER = "";

    /** "meetingId userId" to the role's wire name, or {@link #NOT_A_MEMBER}. */
    private final Map<String, String> changed = new ConcurrentHashMap<>();

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
     * Commits one membership change and records the role it left. One change at a time, so that when
     * two requests change the same membership the record follows the order of their commits.
     * Membership changes are rare; edits only read.
     */
    synchronized MembershipChange commit(String meetingId, String userId, Supplier<MembershipChange> write) {
        MembershipChange change = write.get();
        if (change.changed()) {
            changed.put(key(meetingId, userId), change.role() == null ? NOT_A_MEMBER : change.role().wireName());
        }
        return change;
    }

    /** Whether {@code role} (null: not a member) is still the person's role in the meeting. */
    boolean holds(String meetingId, String userId, plenary.people.Role role) {
        String now = changed.get(key(meetingId, userId));
        return now == null || now.equals(role == null ? NOT_A_MEMBER : role.wireName());
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
