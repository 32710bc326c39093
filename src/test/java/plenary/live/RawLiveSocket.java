package plenary.live;

import com.fasterxml.jackson.databind.JsonNode;
import plenary.http.TestAccounts;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A bare live socket for tests of the protocol itself: it sends exactly what it is given and keeps
 * every message the server sends, in order, so a test can look for an error, a pong or a commit
 * after a given point ({@link #mark()}). Unlike {@link LiveTestClient} it has no editing model.
 */
final class RawLiveSocket implements WebSocket.Listener, AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final long WAIT_MILLIS = 15_000;
    private static final AtomicLong PINGS = new AtomicLong();

    private final List<JsonNode> messages = new ArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;
    private Integer closeCode;
    private String closeReason;
    private Throwable failure;
    private String clientId;

    private RawLiveSocket() {
    }

    /** Opens a socket (no join) as the drafter. */
    static RawLiveSocket open(HttpClient http, URI uri) throws Exception {
        return open(http, uri, null);
    }

    /** Opens a socket (no join) as the rapporteur called {@code name}. */
    static RawLiveSocket open(HttpClient http, URI uri, String name) throws Exception {
        RawLiveSocket raw = new RawLiveSocket();
        WebSocket ws = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + TestAccounts.token(uri.getPort(), name))
                .buildAsync(uri, raw).get(30, TimeUnit.SECONDS);
        synchronized (raw) {
            raw.socket = ws;
        }
        return raw;
    }

    /**
     * Opens a socket and joins as {@code clientId}; returns once {@code joined} has arrived. (Other
     * frames, such as presence, may arrive before it: the server subscribes the socket to broadcasts
     * before it asks for the catch-up.)
     */
    static RawLiveSocket joined(HttpClient http, URI uri, String clientId, String name) throws Exception {
        RawLiveSocket raw = open(http, uri, name);
        JsonNode answer = raw.join(clientId, name);
        assertEquals("joined", type(answer), () -> "join of " + clientId + ": " + answer);
        return raw;
    }

    JsonNode join(String clientId, String name) throws Exception {
        synchronized (this) {
            this.clientId = clientId;
        }
        int mark = mark();
        send(JSON.createObjectNode().put("type", "join").put("clientId", clientId).put("name", name)
                .put("since", -1).toString());
        return await(mark, m -> type(m).equals("joined") || type(m).equals("error"), "joined");
    }

    // ---- sending ----------------------------------------------------------------------------

    void send(String text) throws Exception {
        socket().sendText(text, true).get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
    }

    void sendBinary(byte[] bytes) throws Exception {
        socket().sendBinary(ByteBuffer.wrap(bytes), true).get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Sends a text message without waiting for the send to finish (the server may close first). */
    void sendNoWait(String text) {
        socket().sendText(text, true);
    }

    /** Submits a change (JSON text) with {@code seq}, returns the mark before sending. */
    int submit(long seq, String changeJson) throws Exception {
        int mark = mark();
        send("{\"type\":\"submit\",\"seq\":" + seq + ",\"change\":" + changeJson + "}");
        return mark;
    }

    /** Submits a change and returns its commit (from an {@code ops} frame); fails on a refusal. */
    JsonNode commit(long seq, String changeJson) throws Exception {
        int mark = submit(seq, changeJson);
        return awaitCommit(mark, clientId(), seq);
    }

    synchronized String clientId() {
        return clientId;
    }

    /** A ping with a fresh {@code t} must be answered by a pong with the same {@code t}. */
    void assertAlive() throws Exception {
        long t = PINGS.incrementAndGet();
        int mark = mark();
        send("{\"type\":\"ping\",\"t\":" + t + "}");
        JsonNode pong = await(mark, m -> type(m).equals("pong") && m.path("t").asLong() == t, "pong " + t);
        assertEquals(t, pong.get("t").asLong());
    }

    // ---- receiving --------------------------------------------------------------------------

    synchronized int mark() {
        return messages.size();
    }

    synchronized List<JsonNode> since(int mark) {
        return new ArrayList<>(messages.subList(mark, messages.size()));
    }

    /** The first message at or after {@code mark} that matches; fails after 15 s. */
    JsonNode await(int mark, Predicate<JsonNode> match, String what) throws InterruptedException {
        return await(mark, match, what, WAIT_MILLIS);
    }

    synchronized JsonNode await(int mark, Predicate<JsonNode> match, String what, long millis)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        int checked = mark;
        while (true) {
            for (; checked < messages.size(); checked++) {
                if (match.test(messages.get(checked))) {
                    return messages.get(checked);
                }
            }
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                fail("timed out waiting for " + what + "; received since mark: " + since(mark)
                        + "; close " + closeCode + " " + closeReason + "; failure " + failure);
            }
            wait(Math.min(left, 50));
        }
    }

    /** The first error message after {@code mark}. */
    JsonNode awaitError(int mark) throws InterruptedException {
        return await(mark, m -> type(m).equals("error"), "an error message");
    }

    /**
     * The first error after {@code mark}, or the first {@code ops} frame carrying a commit of this
     * socket's client, whichever comes first: a refusal that should have been can fail fast.
     */
    JsonNode awaitErrorOrOwnCommit(int mark) throws InterruptedException {
        String self = clientId();
        return await(mark, m -> {
            if (type(m).equals("error")) {
                return true;
            }
            if (self == null || !type(m).equals("ops")) {
                return false;
            }
            for (JsonNode commit : m.get("ops")) {
                if (self.equals(commit.path("clientId").asText())) {
                    return true;
                }
            }
            return false;
        }, "an error message");
    }

    /** The commit (inside an {@code ops} frame) of this socket's {@code clientId} and {@code seq}. */
    JsonNode awaitCommit(int mark, String clientId, long seq) throws InterruptedException {
        JsonNode[] found = new JsonNode[1];
        await(mark, m -> {
            if (type(m).equals("error") && m.path("seq").asLong(-1) == seq) {
                fail("submission " + seq + " was refused: " + m);
            }
            if (!type(m).equals("ops")) {
                return false;
            }
            for (JsonNode commit : m.get("ops")) {
                if (clientId.equals(commit.path("clientId").asText()) && commit.path("seq").asLong() == seq) {
                    found[0] = commit;
                    return true;
                }
            }
            return false;
        }, "the commit of " + clientId + " seq " + seq);
        return found[0];
    }

    /** The close code the server sent, waiting for it; fails if the socket stays open. */
    synchronized int awaitClose(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (closeCode == null) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                fail("the server did not close the socket within " + millis + " ms; failure " + failure
                        + "; messages " + messages);
            }
            wait(Math.min(left, 50));
        }
        return closeCode;
    }

    synchronized Integer closeCode() {
        return closeCode;
    }

    synchronized String closeReason() {
        return closeReason;
    }

    static String type(JsonNode message) {
        return message.path("type").asText();
    }

    private synchronized WebSocket socket() {
        if (socket == null) {
            throw new IllegalStateException("not open");
        }
        return socket;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        synchronized (this) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    messages.add(JSON.readTree(text));
                } catch (Exception e) {
                    messages.add(JSON.createObjectNode().put("type", "unparseable").put("text", text));
                }
                notifyAll();
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        synchronized (this) {
            messages.add(JSON.createObjectNode().put("type", "binary-from-server"));
            notifyAll();
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public synchronized CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeCode = statusCode;
        closeReason = reason;
        notifyAll();
        return null;
    }

    @Override
    public synchronized void onError(WebSocket webSocket, Throwable error) {
        failure = error;
        notifyAll();
    }

    @Override
    public void close() {
        WebSocket s;
        synchronized (this) {
            s = socket;
        }
        if (s != null) {
            s.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
            s.abort();
        }
    }
}
