package plenary.http;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import plenary.live.LiveAddresses;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The live sockets of one event loop, and the two event-bus consumers they share there: one per
 * document with sockets on this loop for its broadcast frames, and one for everyone's access
 * events. Each socket had two consumers of its own: at 500 sockets 1,000 registrations, a message
 * object and a task per socket for every frame, and about 4 KB of heap per socket (issue 17: heap
 * per idle connection ≤ 16 KB). Now a frame crosses the bus once per loop and is handed to that
 * loop's sockets in the order they joined.
 *
 * <p>Confined to its event loop: every method is called on it, and so are the consumers' handlers.
 */
final class LiveFanout {
    private static final String KEY = LiveFanout.class.getName();

    private final EventBus bus;
    private final Map<String, Room> rooms = new HashMap<>();
    private final Map<String, List<LiveConnection>> byUser = new HashMap<>();
    private MessageConsumer<JsonObject> access;

    private LiveFanout(EventBus bus) {
        this.bus = bus;
    }

    /** This event loop's fan-out (the caller runs on it). */
    static LiveFanout of(Context loop) {
        LiveFanout fanout = loop.get(KEY);
        if (fanout == null) {
            fanout = new LiveFanout(loop.owner().eventBus());
            loop.put(KEY, fanout);
        }
        return fanout;
    }

    /** The sockets of one document on this loop, and their one consumer. */
    private static final class Room {
        final List<LiveConnection> sockets = new ArrayList<>();
        MessageConsumer<String> consumer;
        Future<Void> subscribed;
    }

    /**
     * Adds a socket to its document's frames; the future completes once the loop is subscribed, so a
     * catch-up asked for after it misses no frame.
     */
    Future<Void> follow(String documentId, LiveConnection socket) {
        Room room = rooms.computeIfAbsent(documentId, id -> {
            Room created = new Room();
            created.consumer = bus.consumer(LiveAddresses.broadcasts(id), frame -> deliver(created, frame));
            created.subscribed = created.consumer.completion();
            return created;
        });
        room.sockets.add(socket);
        return room.subscribed;
    }

    void unfollow(String documentId, LiveConnection socket) {
        Room room = rooms.get(documentId);
        if (room != null && room.sockets.remove(socket) && room.sockets.isEmpty()) {
            rooms.remove(documentId);
            room.consumer.unregister();
        }
    }

    private static void deliver(Room room, Message<String> frame) {
        String onlyFor = frame.headers().get(LiveAddresses.DELEGATION_HEADER);
        // Encoded once for the loop's sockets, not once per socket.
        SharedText text = SharedText.of(frame.body());
        // A copy: a socket may close, and leave the room, while it is handed the frame.
        for (LiveConnection socket : room.sockets.toArray(LiveConnection[]::new)) {
            socket.frame(text, onlyFor);
        }
    }

    /** Hands this user's access events (sign-out, changed membership) to the socket until it leaves. */
    void watchAccess(String userId, LiveConnection socket) {
        if (access == null) {
            access = bus.consumer(LiveEvents.ADDRESS, event -> {
                List<LiveConnection> sockets = byUser.get(event.body().getString("userId"));
                if (sockets != null) {
                    for (LiveConnection s : sockets.toArray(LiveConnection[]::new)) {
                        s.accessChanged(event.body());
                    }
                }
            });
        }
        byUser.computeIfAbsent(userId, id -> new ArrayList<>(1)).add(socket);
    }

    void unwatchAccess(String userId, LiveConnection socket) {
        List<LiveConnection> sockets = byUser.get(userId);
        if (sockets != null && sockets.remove(socket) && sockets.isEmpty()) {
            byUser.remove(userId);
        }
    }
}
