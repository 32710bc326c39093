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

/** A live socket that records what it receives, for permission checks over WebSocket. */
public final class SocketProbe implements WebSocket.Listener, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<JsonNode> received = new ArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;
    private Integer closeCode;

    /** Opens the socket, or returns the HTTP status of the refused upgrade. */
    public static Object open(HttpClient http, URI live, String token) throws Exception {
        SocketProbe probe = new SocketProbe();
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(20));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        try {
            probe.socket = builder.buildAsync(live, probe).get(30, TimeUnit.SECONDS);
            return probe;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }

    public void send(String text) {
        socket.sendText(text, true).join();
    }

    /** Waits for the first message matching {@code match} received after {@code from}. */
    public JsonNode await(int from, Predicate<JsonNode> match) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        synchronized (this) {
            while (true) {
                for (int i = from; i < received.size(); i++) {
                    if (match.test(received.get(i))) {
                        return received.get(i);
                    }
                }
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new AssertionError("no matching message; got " + received);
                }
                wait(left);
            }
        }
    }

    /** Everything received so far, in order. */
    public synchronized List<JsonNode> received() {
        return List.copyOf(received);
    }

    public synchronized int mark() {
        return received.size();
    }

    public synchronized Integer closeCode() {
        return closeCode;
    }

    public static boolean type(JsonNode message, String type) {
        return type.equals(message.path("type").asText());
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(Long.MAX_VALUE);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                JsonNode message = JSON.readTree(partial.toString());
                synchronized (this) {
                    received.add(message);
                    notifyAll();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            } finally {
                partial.setLength(0);
            }
        }
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        synchronized (this) {
            closeCode = statusCode;
            notifyAll();
        }
        return null;
    }

    @Override
    public void close() {
        socket.abort();
    }
}
