package plenary.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A member's live socket over the JDK's WebSocket client, opened with a bearer token: it keeps every
 * message and the close code, so a test can send what an attacker would and wait for the answer.
 */
final class MemberSocket implements WebSocket.Listener, AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final long WAIT_MILLIS = 20_000;

    private final List<JsonNode> received = new ArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;
    private Integer closeCode;
    private String closeReason;

    private MemberSocket() {
    }

    /** Opens the socket and joins; returns once "joined" has arrived. */
    static MemberSocket joined(HttpClient http, URI live, String token, String clientId) throws Exception {
        MemberSocket member = new MemberSocket();
        WebSocket ws = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token).buildAsync(live, member).get(30, TimeUnit.SECONDS);
        synchronized (member) {
            member.socket = ws;
        }
        member.send(JSON.createObjectNode().put("type", "join").put("clientId", clientId).put("since", -1).toString());
        JsonNode answer = member.await(0, m -> is(m, "joined") || is(m, "error"), "joined");
        if (!is(answer, "joined")) {
            throw new AssertionError("join of " + clientId + " refused: " + answer);
        }
        return member;
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

    synchronized List<JsonNode> since(int from) {
        return List.copyOf(received.subList(from, received.size()));
    }

    /** The first message from {@code from} on that matches, waiting up to 20 s; fails when the socket closes first. */
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
                if (left <= 0 || closeCode != null) {
                    throw new AssertionError("no " + what + " message; close code " + closeCode + " " + closeReason
                            + ", received " + received.subList(from, received.size()));
                }
                wait(Math.max(1, left));
            }
        }
    }

    /**
     * Waits for a message that matches or for the socket to close, whichever comes first; returns
     * the message, or null when it closed without one.
     */
    JsonNode awaitOrClose(int from, Predicate<JsonNode> match) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
        synchronized (this) {
            while (true) {
                for (int i = from; i < received.size(); i++) {
                    if (match.test(received.get(i))) {
                        return received.get(i);
                    }
                }
                if (closeCode != null) {
                    return null;
                }
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new AssertionError("neither a matching message nor a close within " + WAIT_MILLIS + " ms: "
                            + received.subList(from, received.size()));
                }
                wait(Math.max(1, left));
            }
        }
    }

    /** Waits for the server to close the socket; returns the close code. */
    synchronized int awaitClose() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
        while (closeCode == null) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                throw new AssertionError("the socket was not closed within " + WAIT_MILLIS + " ms");
            }
            wait(left);
        }
        return closeCode;
    }

    synchronized Integer closeCode() {
        return closeCode;
    }

    /** Sends a ping and waits for its pong: the socket is open and served. */
    void assertAlive(String what) throws InterruptedException {
        long t = System.nanoTime();
        int mark = mark();
        send(JSON.createObjectNode().put("type", "ping").put("t", t).toString());
        await(mark, m -> is(m, "pong") && m.path("t").asLong() == t, "pong (" + what + ")");
    }

    static boolean is(JsonNode message, String type) {
        return type.equals(message.path("type").asText());
    }

    /** An "ops" frame that holds a commit of this client id. */
    static boolean commitOf(JsonNode message, String clientId) {
        if (!is(message, "ops")) {
            return false;
        }
        for (JsonNode op : message.path("ops")) {
            if (clientId.equals(op.path("clientId").asText())) {
                return true;
            }
        }
        return false;
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
    public void onError(WebSocket webSocket, Throwable error) {
        synchronized (this) {
            if (closeCode == null) {
                closeCode = 1006;
                closeReason = String.valueOf(error);
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
