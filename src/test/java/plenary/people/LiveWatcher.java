package plenary.people;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A live socket opened with {@code Authorization: Bearer}, keeping every message and the close
 * code the server sends, so a test can wait for "joined" and then for the socket to be closed.
 */
final class LiveWatcher implements WebSocket.Listener, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final long WAIT_MILLIS = 15_000;

    private final List<JsonNode> received = new ArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;
    private Integer closeCode;
    private String closeReason;
    private Throwable error;

    private LiveWatcher() {
    }

    /** Opens a socket; throws {@link WebSocketHandshakeException} (as the cause) when the upgrade is refused. */
    static LiveWatcher open(HttpClient http, URI live, String token) throws Exception {
        LiveWatcher watcher = new LiveWatcher();
        WebSocket ws = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token)
                .buildAsync(live, watcher).get(30, TimeUnit.SECONDS);
        synchronized (watcher) {
            watcher.socket = ws;
        }
        return watcher;
    }

    /** Opens a socket and joins; returns once "joined" has arrived. */
    static LiveWatcher joined(HttpClient http, URI live, String token, String clientId) throws Exception {
        LiveWatcher watcher = open(http, live, token);
        int mark = watcher.mark();
        watcher.send(JSON.createObjectNode().put("type", "join").put("clientId", clientId).put("since", -1).toString());
        JsonNode answer = watcher.await(mark, m -> type(m, "joined") || type(m, "error"), "joined");
        assertEquals("joined", answer.path("type").asText(), () -> "join of " + clientId + ": " + answer);
        return watcher;
    }

    /** The HTTP status of a refused upgrade, or -1 when the socket opened. */
    static int refusedStatus(HttpClient http, URI live, String token) throws Exception {
        try (LiveWatcher opened = open(http, live, token)) {
            return -1;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }

    void send(String text) {
        WebSocket ws;
        synchronized (this) {
            ws = socket;
        }
        ws.sendText(text, true).join();
    }

    synchronized int mark() {
        return received.size();
    }

    /** The first message from {@code from} on that matches, waiting up to 15 s. */
    JsonNode await(int from, Predicate<JsonNode> match, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
        synchronized (this) {
            while (true) {
                for (int i = from; i < received.size(); i++) {
                    if (match.test(received.get(i))) {
                        return received.get(i);
                    }
                }
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0 || closeCode != null && from >= received.size()) {
                    throw new AssertionError("no " + what + " message; close code " + closeCode
                            + ", received " + received.subList(from, received.size()));
                }
                wait(Math.max(1, left));
            }
        }
    }

    /** Waits up to {@code millis} for the server to close the socket; returns the close code, or null. */
    synchronized Integer awaitClose(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (closeCode == null) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                return null;
            }
            wait(left);
        }
        return closeCode;
    }

    synchronized Integer closeCode() {
        return closeCode;
    }

    synchronized String closeReason() {
        return closeReason;
    }

    synchronized Throwable error() {
        return error;
    }

    /** Sends a ping and waits for its pong: proves the socket is still open and served. */
    void assertAlive(String what) throws InterruptedException {
        long t = System.nanoTime();
        int mark = mark();
        send(JSON.createObjectNode().put("type", "ping").put("t", t).toString());
        await(mark, m -> type(m, "pong") && m.path("t").asLong() == t, "pong (" + what + ")");
        assertEquals(null, closeCode(), what + ": the socket was closed");
    }

    static boolean type(JsonNode message, String type) {
        return type.equals(message.path("type").asText());
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(Long.MAX_VALUE);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        synchronized (this) {
            partial.append(data);
            if (last) {
                try {
                    received.add(JSON.readTree(partial.toString()));
                } catch (Exception e) {
                    received.add(JSON.createObjectNode().put("type", "unparseable").put("text", partial.toString()));
                } finally {
                    partial.setLength(0);
                }
                notifyAll();
            }
        }
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        synchronized (this) {
            closeCode = statusCode;
            closeReason = reason;
            notifyAll();
        }
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable e) {
        synchronized (this) {
            error = e;
            if (closeCode == null) {
                closeCode = 1006;
            }
            notifyAll();
        }
    }

    @Override
    public void close() {
        WebSocket ws;
        synchronized (this) {
            ws = socket;
        }
        if (ws != null) {
            ws.abort();
        }
    }
}
