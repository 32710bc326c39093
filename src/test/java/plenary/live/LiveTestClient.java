package plenary.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import plenary.editing.ClientReplica;
import plenary.editing.TextOp;
import plenary.editing.TextOpJson;
import plenary.http.TestAccounts;

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
    private URI uri;
    private final String clientId;
    private final String name;

    private final ClientReplica replica = new ClientReplica();
    private final List<String> errors = new ArrayList<>();
    private final List<String> closeReasons = new ArrayList<>();
    private final TextMessages parts = new TextMessages();
    private final Listener listener;

    private WebSocket socket;
    private String bearer;
    private long revision = -1;
    private long sentNanos;
    private boolean joined;
    /** Ops frames that came before the joined reply, applied after its catch-up, as the protocol says. */
    private final List<JsonNode> early = new ArrayList<>();
    private int acked;
    private int presenceFrames;
    private final Map<String, JsonNode> people = new LinkedHashMap<>();

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

    /**
     * Points the next {@link #connect} at another address: another node of a cluster, where a
     * browser behind a load balancer may land after its node died.
     */
    public synchronized LiveTestClient moveTo(URI other) {
        this.uri = other;
        return this;
    }

    /** Authenticates the socket's upgrade with {@code Authorization: Bearer token}. */
    public LiveTestClient withToken(String token) {
        this.bearer = token;
        return this;
    }

    /** Opens the socket and joins; waits for the join to complete. */
    public LiveTestClient connect() throws Exception {
        synchronized (this) {
            joined = false;
            early.clear();
        }
        if (bearer == null) {
            bearer = TestAccounts.token(uri.getPort(), name);
        }
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + bearer);
        socket = builder.buildAsync(uri, this).get(30, TimeUnit.SECONDS);
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
        replica.localEdit(clauseId, op);
        submitNext();
    }

    private synchronized void submitNext() {
        if (!joined || socket == null || replica.nextSubmission() == null) {
            return;
        }
        sentNanos = System.nanoTime();
        sendSubmission();
    }

    private synchronized void sendSubmission() {
        ClientReplica.Inflight inflight = replica.inflight();
        ObjectNode change = JSON.createObjectNode().put("type", "text").put("clauseId", inflight.clauseId())
                .put("version", inflight.version());
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
        String text = parts.add(data, last);
        if (text != null) {
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
                if (!joined) {
                    early.add(message);
                    return;
                }
                for (JsonNode commit : message.get("ops")) {
                    onCommit(commit, receivedNanos);
                }
            }
            case "ack" -> {
                if (replica.inflight() != null && message.path("seq").asLong() == replica.inflight().seq()) {
                    replica.refused(); // applied long ago: its commit is already in our text and version
                    acked++;
                    submitNext();
                }
            }
            case "presence" -> {
                for (JsonNode change : message.get("changes")) {
                    if (change.path("left").asBoolean(false)) {
                        people.remove(change.get("connectionId").asText());
                    } else {
                        people.put(change.get("connectionId").asText(), change);
                    }
                }
                presenceFrames++;
            }
            case "error" -> {
                errors.add(message.toString());
                if (replica.inflight() != null && message.path("seq").asLong(-1) == replica.inflight().seq()) {
                    replica.refused(); // dropped, as the protocol says
                    submitNext();
                }
            }
            default -> { }
        }
    }

    private void onJoined(JsonNode message, long receivedNanos) {
        if (message.has("document")) {
            JsonNode document = message.get("document");
            Map<String, String> texts = new LinkedHashMap<>();
            Map<String, Long> versions = new LinkedHashMap<>();
            for (JsonNode clause : document.get("clauses")) {
                texts.put(clause.get("id").asText(), clause.get("text").asText());
                versions.put(clause.get("id").asText(), clause.get("version").asLong());
            }
            // A fresh start: local edits not yet acknowledged were made on a text that is gone.
            replica.reset(texts, versions);
            revision = document.get("revision").asLong();
        } else {
            for (JsonNode commit : message.get("ops")) {
                onCommit(commit, receivedNanos);
            }
        }
        revision = Math.max(revision, message.get("revision").asLong());
        for (JsonNode frame : early) {
            for (JsonNode commit : frame.get("ops")) {
                onCommit(commit, receivedNanos); // those the catch-up held already are skipped by revision
            }
        }
        early.clear();
        people.clear();
        message.get("presence").forEach(p -> people.put(p.get("connectionId").asText(), p));
        joined = true;
        if (replica.inflight() != null) {
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
        String clauseId = change.get("clauseId").asText();
        if (replica.isOwn(clientId, commit.path("clientId").asText(), commit.path("seq").asLong())) {
            replica.acknowledged(clauseId, change.path("version").asLong());
            listener.acked(receivedNanos - sentNanos);
            acked++;
            submitNext();
            return;
        }
        switch (change.get("type").asText()) {
            case "text" -> replica.remoteText(clauseId, change.get("version").asLong(),
                    TextOpJson.fromJson(change.get("op")));
            case "insert" -> replica.remoteInsert(clauseId, change.get("text").asText());
            case "delete" -> replica.remoteDelete(clauseId);
            default -> { } // move and set-kind leave texts alone
        }
    }

    // ---- observation ---------------------------------------------------------------------

    public synchronized Map<String, String> texts() {
        return replica.texts();
    }

    public synchronized String text(String clauseId) {
        return replica.text(clauseId);
    }

    public synchronized long revision() {
        return revision;
    }

    public synchronized boolean idle() {
        return replica.idle();
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

    /** Everyone connected, as the joined list and the presence changes since tell it. */
    public synchronized JsonNode presence() {
        com.fasterxml.jackson.databind.node.ArrayNode list = JSON.createArrayNode();
        people.values().forEach(list::add);
        return list;
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
