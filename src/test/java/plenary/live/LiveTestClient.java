package plenary.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import plenary.editing.Side;
import plenary.editing.TextOp;
import plenary.editing.TextOpJson;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * A live-protocol client over the JDK's WebSocket, implementing the client algorithm of
 * {@code web/docs/live-protocol.md}: one text submission in flight, later edits buffered and
 * composed per clause, both transformed against incoming commits. Tests and the load generator
 * drive it; it knows nothing of the server's classes beyond the shared {@link TextOp}.
 */
public final class LiveTestClient implements WebSocket.Listener, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI uri;
    private final String clientId;
    private final String name;

    private final Map<String, String> texts = new LinkedHashMap<>();
    private final Map<String, Long> versions = new LinkedHashMap<>();
    private final Map<String, TextOp> buffers = new LinkedHashMap<>();
    private final List<String> errors = new ArrayList<>();
    private final List<String> closeReasons = new ArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private final Listener listener;

    private WebSocket socket;
    private long revision = -1;
    private long nextSeq = 1;
    private Inflight inflight;
    private boolean joined;
    private int acked;
    private int presenceFrames;
    private JsonNode presence;

    private record Inflight(long seq, String clauseId, TextOp op, long sentNanos) {
    }

    /** Hooks for measurements; all no-ops by default. */
    public interface Listener {
        default void acked(long latencyNanos) {
        }

        default void commitReceived(JsonNode commit, long receivedNanos) {
        }
    }

    public LiveTestClient(HttpClient http, URI uri, String clientId, String name, Listener listener) {
        this.http = http;
        this.uri = uri;
        this.clientId = clientId;
        this.name = name;
        this.listener = listener;
    }

    public LiveTestClient(HttpClient http, URI uri, String clientId) {
        this(http, uri, clientId, clientId, new Listener() {
        });
    }

    /** Opens the socket and joins; waits for the join to complete. */
    public LiveTestClient connect() throws Exception {
        synchronized (this) {
            joined = false;
        }
        socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(20)).buildAsync(uri, this)
                .get(30, TimeUnit.SECONDS);
        long since;
        synchronized (this) {
            since = revision;
        }
        sendRaw(JSON.createObjectNode().put("type", "join").put("clientId", clientId).put("name", name)
                .put("since", since).toString());
        await(() -> joined, 30_000, "join");
        return this;
    }

    /** Drops the connection without a goodbye, as a network failure would. */
    public void disconnect() {
        WebSocket s = socket;
        if (s != null) {
            s.abort();
        }
    }

    // ---- local editing -------------------------------------------------------------------

    /** Applies a local edit at once and submits it, or buffers it behind the one in flight. */
    public synchronized void edit(String clauseId, TextOp op) {
        texts.put(clauseId, op.apply(texts.get(clauseId)));
        TextOp buffered = buffers.get(clauseId);
        buffers.put(clauseId, buffered == null ? op : buffered.compose(op));
        submitNext();
    }

    private synchronized void submitNext() {
        if (inflight != null || !joined || buffers.isEmpty() || socket == null) {
            return;
        }
        String clauseId = buffers.keySet().iterator().next();
        TextOp op = buffers.remove(clauseId);
        inflight = new Inflight(nextSeq++, clauseId, op, System.nanoTime());
        sendSubmission();
    }

    private synchronized void sendSubmission() {
        ObjectNode change = JSON.createObjectNode().put("type", "text").put("clauseId", inflight.clauseId())
                .put("version", versions.get(inflight.clauseId()));
        change.set("op", TextOpJson.toJson(inflight.op()));
        ObjectNode message = JSON.createObjectNode().put("type", "submit").put("seq", inflight.seq());
        message.set("change", change);
        sendRaw(message.toString());
    }

    /** Sends any message as it is (for tests of bad input). */
    public void sendRaw(String text) {
        socket.sendText(text, true).join();
    }

    // ---- incoming ------------------------------------------------------------------------

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            try {
                onMessage(JSON.readTree(text), System.nanoTime());
            } catch (Exception e) {
                synchronized (this) {
                    errors.add("client failed on " + text + ": " + e);
                }
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        synchronized (this) {
            closeReasons.add(statusCode + " " + reason);
            if (socket == webSocket) {
                socket = null;
            }
        }
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        synchronized (this) {
            if (socket == webSocket) {
                socket = null;
            }
        }
    }

    private synchronized void onMessage(JsonNode message, long receivedNanos) {
        switch (message.path("type").asText()) {
            case "joined" -> onJoined(message, receivedNanos);
            case "ops" -> {
                for (JsonNode commit : message.get("ops")) {
                    onCommit(commit, receivedNanos);
                }
            }
            case "ack" -> {
                if (inflight != null && message.path("seq").asLong() == inflight.seq()) {
                    inflight = null;
                    acked++;
                    submitNext();
                }
            }
            case "presence" -> {
                presence = message.get("people");
                presenceFrames++;
            }
            case "error" -> {
                errors.add(message.toString());
                if (inflight != null && message.path("seq").asLong(-1) == inflight.seq()) {
                    inflight = null; // refused: dropped, as the protocol says
                    submitNext();
                }
            }
            default -> { }
        }
    }

    private void onJoined(JsonNode message, long receivedNanos) {
        if (message.has("document")) {
            JsonNode document = message.get("document");
            texts.clear();
            versions.clear();
            for (JsonNode clause : document.get("clauses")) {
                texts.put(clause.get("id").asText(), clause.get("text").asText());
                versions.put(clause.get("id").asText(), clause.get("version").asLong());
            }
            revision = document.get("revision").asLong();
            // Local edits not yet sent were made on a text that is gone: a fresh start drops them.
            buffers.clear();
            inflight = null;
        } else {
            for (JsonNode commit : message.get("ops")) {
                onCommit(commit, receivedNanos);
            }
        }
        revision = Math.max(revision, message.get("revision").asLong());
        presence = message.get("presence");
        joined = true;
        if (inflight != null) {
            sendSubmission(); // not in the catch-up, so not applied: resend with the same seq
        } else {
            submitNext();
        }
    }

    private void onCommit(JsonNode commit, long receivedNanos) {
        long rev = commit.get("revision").asLong();
        if (rev <= revision) {
            return;
        }
        revision = rev;
        listener.commitReceived(commit, receivedNanos);
        JsonNode change = commit.get("change");
        boolean own = clientId.equals(commit.path("clientId").asText()) && inflight != null
                && commit.path("seq").asLong() == inflight.seq();
        String type = change.get("type").asText();
        String clauseId = change.get("clauseId").asText();
        if (own) {
            versions.put(clauseId, change.get("version").asLong() + 1);
            listener.acked(receivedNanos - inflight.sentNanos());
            inflight = null;
            acked++;
            submitNext();
            return;
        }
        switch (type) {
            case "text" -> {
                TextOp remote = TextOpJson.fromJson(change.get("op"));
                if (inflight != null && inflight.clauseId().equals(clauseId)) {
                    TextOp mine = inflight.op();
                    inflight = new Inflight(inflight.seq(), clauseId, mine.transform(remote, Side.RIGHT),
                            inflight.sentNanos());
                    remote = remote.transform(mine, Side.LEFT);
                }
                TextOp buffered = buffers.get(clauseId);
                if (buffered != null) {
                    buffers.put(clauseId, buffered.transform(remote, Side.RIGHT));
                    remote = remote.transform(buffered, Side.LEFT);
                }
                texts.put(clauseId, remote.apply(texts.get(clauseId)));
                versions.put(clauseId, change.get("version").asLong() + 1);
            }
            case "insert" -> {
                texts.put(clauseId, change.get("text").asText());
                versions.put(clauseId, 0L);
            }
            case "delete" -> {
                texts.remove(clauseId);
                versions.remove(clauseId);
                buffers.remove(clauseId);
            }
            default -> { } // move and set-kind leave texts alone
        }
    }

    // ---- observation ---------------------------------------------------------------------

    public synchronized Map<String, String> texts() {
        return new LinkedHashMap<>(texts);
    }

    public synchronized String text(String clauseId) {
        return texts.get(clauseId);
    }

    public synchronized long revision() {
        return revision;
    }

    public synchronized boolean idle() {
        return inflight == null && buffers.isEmpty();
    }

    public synchronized int acked() {
        return acked;
    }

    public synchronized List<String> errors() {
        return new ArrayList<>(errors);
    }

    public synchronized List<String> closeReasons() {
        return new ArrayList<>(closeReasons);
    }

    public synchronized JsonNode presence() {
        return presence;
    }

    public synchronized int presenceFrames() {
        return presenceFrames;
    }

    public synchronized boolean connected() {
        return socket != null;
    }

    public String clientId() {
        return clientId;
    }

    /** Waits, without sleeping longer than needed, until {@code condition} holds. */
    public void await(BooleanSupplier condition, long timeoutMillis, String what) throws TimeoutException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (true) {
            synchronized (this) {
                if (condition.getAsBoolean()) {
                    return;
                }
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    throw new TimeoutException(clientId + " timed out waiting for " + what + "; " + errors.size()
                            + " errors, first: " + errors.stream().limit(3).toList() + "; closes: " + closeReasons);
                }
                try {
                    wait(Math.min(left, 20));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new TimeoutException("interrupted");
                }
            }
        }
    }

    @Override
    public void close() {
        WebSocket s = socket;
        if (s != null) {
            s.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
            s.abort();
        }
    }
}
