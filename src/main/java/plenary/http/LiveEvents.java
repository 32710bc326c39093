package plenary.http;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;

/**
 * Tells a person's live sockets that their access changed: a sign-out ends the sockets of that
 * session, a changed or revoked membership ends their sockets in that meeting (they may reconnect
 * with their new role). The close is asynchronous; what makes a membership change or a sign-out
 * take effect before it is answered is {@link CurrentRoles}, which each socket consults on every message.
 */
final class LiveEvents {
    private final EventBus bus;
    private final CurrentRoles current;
    private final SessionCache sessions;

    LiveEvents(Vertx vertx) {
        this.bus = vertx.eventBus();
        this.current = CurrentRoles.of(vertx);
        this.sessions = SessionCache.of(vertx);
    }

    /** One address for everyone: each event loop's {@link LiveFanout} finds the person's sockets on it. */
    static final String ADDRESS = "plenary.people.access";

    /** Called before the request that ended the session is answered. */
    void sessionEnded(String userId, String tokenHash) {
        current.sessionEnded(tokenHash);
        sessions.remove(tokenHash);
        bus.publish(ADDRESS, new JsonObject().put("userId", userId).put("event", "signed-out").put("tokenHash", tokenHash));
    }

    void membershipChanged(String userId, String meetingId) {
        bus.publish(ADDRESS, new JsonObject().put("userId", userId).put("event", "membership-changed")
                .put("meetingId", meetingId));
    }
}
