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

    /** This process, on the events it sends: the others of a cluster apply them, it has already. */
    private final String origin;

    LiveEvents(Vertx vertx) {
        this.bus = vertx.eventBus();
        this.current = CurrentRoles.of(vertx);
        this.sessions = SessionCache.of(vertx);
        var shared = vertx.sharedData().<String, String>getLocalMap(LiveEvents.class.getName());
        shared.putIfAbsent("origin", java.util.UUID.randomUUID().toString());
        this.origin = shared.get("origin");
        if (vertx.isClustered()) {
            followOtherNodes(vertx, origin);
        }
    }

    /** One address for everyone: each event loop's {@link LiveFanout} finds the person's sockets on it. */
    static final String ADDRESS = "plenary.people.access";

    /**
     * In a cluster, a sign-out or membership change made through another node counts here as soon
     * as its event arrives: the session leaves this node's cache and the change is recorded, as if
     * made here; each node's sockets are closed by their {@link LiveFanout} on the same event.
     * Once per Vert.x instance.
     */
    private static void followOtherNodes(Vertx vertx, String origin) {
        if (vertx.sharedData().<String, String>getLocalMap(LiveEvents.class.getName())
                .putIfAbsent("following", "yes") != null) {
            return;
        }
        CurrentRoles current = CurrentRoles.of(vertx);
        SessionCache sessions = SessionCache.of(vertx);
        vertx.eventBus().<JsonObject>consumer(ADDRESS, message -> {
            JsonObject event = message.body();
            if (origin.equals(event.getString("origin"))) {
                return;
            }
            if ("signed-out".equals(event.getString("event"))) {
                current.sessionEnded(event.getString("tokenHash"));
                sessions.remove(event.getString("tokenHash"));
            } else {
                current.changedElsewhere(event.getString("meetingId"), event.getString("userId"));
            }
        });
    }

    /** Called before the request that ended the session is answered. */
    void sessionEnded(String userId, String tokenHash) {
        current.sessionEnded(tokenHash);
        sessions.remove(tokenHash);
        bus.publish(ADDRESS, new JsonObject().put("userId", userId).put("event", "signed-out").put("tokenHash", tokenHash)
                .put("origin", origin));
    }

    void membershipChanged(String userId, String meetingId) {
        bus.publish(ADDRESS, new JsonObject().put("userId", userId).put("event", "membership-changed")
                .put("meetingId", meetingId).put("origin", origin));
    }
}
