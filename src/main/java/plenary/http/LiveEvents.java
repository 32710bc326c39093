package plenary.http;

import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;

/**
 * Tells a person's live sockets that their access changed: a sign-out ends the sockets of that
 * session, a changed or revoked membership ends their sockets in that meeting (they may reconnect
 * with their new role).
 */
final class LiveEvents {
    private final EventBus bus;

    LiveEvents(EventBus bus) {
        this.bus = bus;
    }

    static String address(String userId) {
        return "plenary.people." + userId;
    }

    void sessionEnded(String userId, String tokenHash) {
        bus.publish(address(userId), new JsonObject().put("event", "signed-out").put("tokenHash", tokenHash));
    }

    void membershipChanged(String userId, String meetingId) {
        bus.publish(address(userId), new JsonObject().put("event", "membership-changed").put("meetingId", meetingId));
    }
}
