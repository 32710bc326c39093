package plenary.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One person typing into their own paragraphs until the server dies under them: appends a unique
 * token at a time and waits for its commit (the acknowledgement), and when the paragraph is long
 * starts a new paragraph after it with the next token. Text updates and clause inserts alike are
 * acknowledged only once durable, so every token acknowledged here must be in the document after
 * any restart, exactly once. A plain JDK WebSocket: it stops at the first close, error or resync.
 */
final class KillTypist implements WebSocket.Listener {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PARAGRAPH_CHARS = 1_500;

    final String name;
    private final String clientId;
    private final Map<Long, CompletableFuture<JsonNode>> awaiting = new ConcurrentHashMap<>();
    private final TextMessages parts = new TextMessages();
    private final CompletableFuture<JsonNode> joined = new CompletableFuture<>();
    private volatile Throwable ended;

    /** Tokens sent, and those whose commit came back: shared by every round of one typist. */
    final Set<String> submitted;
    final Set<String> acked;
    final List<String> refusals = new CopyOnWriteArrayList<>();
    final AtomicLong maxAckedRevision;

    private String clause;
    private long version;
    private int length;
    private int counter;

    /**
     * @param clause the paragraph to go on typing in, with its version and length as the document
     *               has them now
     */
    KillTypist(String name, String clientId, String clause, long version, int length, int counter,
               Set<String> submitted, Set<String> acked, AtomicLong maxAckedRevision) {
        this.name = name;
        this.clientId = clientId;
        this.clause = clause;
        this.version = version;
        this.length = length;
        this.counter = counter;
        this.submitted = submitted;
        this.acked = acked;
        this.maxAckedRevision = maxAckedRevision;
    }

    /** Where typist {@code name} goes on: its newest paragraph, or paragraph {@code index}, its first. */
    static JsonNode lastClauseOf(JsonNode document, String name, int index) {
        JsonNode found = document.get("clauses").get(index);
        for (JsonNode clause : document.get("clauses")) {
            if (clause.get("text").asText().contains("[" + name)) {
                found = clause;
            }
        }
        return found;
    }

    int counter() {
        return counter;
    }

    /** Connects, joins and types until {@code stop} or until the socket ends (the kill). */
    void type(HttpClient http, URI live, String token, AtomicBoolean stop) {
        WebSocket socket;
        try {
            socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(20))
                    .header("Authorization", "Bearer " + token).buildAsync(live, this).get(30, TimeUnit.SECONDS);
            socket.sendText("{\"type\":\"join\",\"clientId\":\"" + clientId + "\",\"since\":-1}", true)
                    .get(30, TimeUnit.SECONDS);
            joined.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            return; // killed before we got in
        }
        long seq = 0;
        while (!stop.get() && ended == null) {
            String mark = "[" + name + (++counter) + "]";
            ObjectNode change = JSON.createObjectNode();
            boolean insert = length > PARAGRAPH_CHARS;
            String newClause = clientId + "-" + counter;
            if (insert) {
                change.put("type", "insert").put("clauseId", newClause).put("after", clause)
                        .put("kind", "operative").put("text", mark);
            } else {
                change.put("type", "text").put("clauseId", clause).put("version", version)
                        .set("op", JSON.createArrayNode().add(length).add(mark));
            }
            long s = ++seq;
            CompletableFuture<JsonNode> commit = new CompletableFuture<>();
            awaiting.put(s, commit);
            if (ended != null) {
                return; // ended while this was being prepared: it was never sent
            }
            submitted.add(mark);
            JsonNode committed;
            try {
                socket.sendText("{\"type\":\"submit\",\"seq\":" + s + ",\"change\":" + change + "}", true)
                        .get(30, TimeUnit.SECONDS);
                committed = commit.get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                return; // the server died with this one in flight: it may or may not be stored
            }
            acked.add(mark);
            maxAckedRevision.accumulateAndGet(committed.get("revision").asLong(), Math::max);
            if ("saved".equals(committed.path("type").asText())) {
                break; // acknowledged, but its commit never came: go on from the stored text
            }
            if (insert) {
                clause = newClause;
                version = 0;
                length = mark.length();
            } else {
                version = committed.get("change").get("version").asLong() + 1;
                length += mark.length();
            }
        }
        socket.abort();
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        String text = parts.add(data, last);
        if (text != null) {
            try {
                onMessage(JSON.readTree(text));
            } catch (Exception e) {
                end(e);
            }
        }
        webSocket.request(1);
        return null;
    }

    private void onMessage(JsonNode message) {
        switch (message.path("type").asText()) {
            case "joined" -> joined.complete(message);
            // The writer moved (another cluster node took the document) or reloaded: as the protocol
            // says, join again; a commit awaited here may have been written and never broadcast.
            case "resync" -> end(new IllegalStateException("resync: " + message));
            case "ops" -> {
                for (JsonNode commit : message.get("ops")) {
                    if (clientId.equals(commit.path("clientId").asText())) {
                        CompletableFuture<JsonNode> waiting = awaiting.remove(commit.get("seq").asLong());
                        if (waiting != null) {
                            waiting.complete(commit);
                        }
                    }
                }
            }
            case "saved" -> {
                // Durable and acknowledged. Its commit follows in the next ops frame, unless the writer
                // stopped in between (a cluster node paused after answering): after a second the
                // acknowledgement itself ends the wait, and the round, as the clause's version is unknown.
                CompletableFuture<JsonNode> waiting = awaiting.get(message.path("seq").asLong(-1));
                if (waiting != null) {
                    CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS).execute(() -> waiting.complete(message));
                }
            }
            case "error" -> {
                refusals.add(message.toString());
                CompletableFuture<JsonNode> waiting = awaiting.remove(message.path("seq").asLong(-1));
                if (waiting != null) {
                    waiting.completeExceptionally(new IllegalStateException("refused: " + message));
                }
            }
            default -> { }
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        end(new IllegalStateException("closed " + statusCode + " " + reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        end(error);
    }

    private void end(Throwable cause) {
        ended = cause;
        joined.completeExceptionally(cause);
        awaiting.values().forEach(f -> f.completeExceptionally(cause));
    }
}
