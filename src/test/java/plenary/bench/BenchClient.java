package plenary.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Supplier;

/**
 * One load-generator connection. Every client joins and counts what it receives, and records the
 * broadcast latency of each commit it did not write. An editor also keeps the clause texts and
 * runs the client algorithm of {@code web/docs/live-protocol.md} (as {@code LiveTestClient} does:
 * one text submission in flight, later edits composed in a buffer per clause, both transformed
 * against incoming commits), so its random edits stay valid however they interleave.
 *
 * <p>The protocol logic is independent of the socket: either the JDK's WebSocket (this class is its
 * listener) or {@link RawWebSockets} delivers whole messages to {@link #deliver}.
 */
final class BenchClient implements WebSocket.Listener, RawWebSockets.Receiver {
    static final String EDITOR_PREFIX = "e";
    private static final ObjectMapper JSON = new ObjectMapper();

    enum Kind { OPS, PRESENCE, JOINED, OTHER }

    /** Where messages go out. */
    interface Transport {
        void send(String text);

        void abort();
    }

    private record Inflight(long seq, String clauseId, TextOp op, long sentNanos) {
    }

    private final LoadState state;
    private final boolean editor;
    private final String clientId;
    final CompletableFuture<Void> joined = new CompletableFuture<>();

    private volatile Transport transport;
    volatile boolean joinOnOpen = true;
    private volatile boolean closed;

    // JDK message assembly; touched only by this socket's (sequential) listener calls.
    private boolean inMessage;
    private Kind kind;
    private long firstRevision;
    private long messageChars;
    private final StringBuilder partial = new StringBuilder();
    private int failures;
    private final List<LoadState.Frame> early = new ArrayList<>();

    /** Messages received, for per-client rates (written by the receiving thread only). */
    volatile long frames;
    private long lastRevision = -1;

    // Editor state, guarded by this.
    private final Map<String, String> texts = new LinkedHashMap<>();
    private final Map<String, Long> versions = new LinkedHashMap<>();
    private final Map<String, TextOp> buffers = new LinkedHashMap<>();
    private Inflight inflight;
    private long nextSeq = 1;
    private boolean ready;
    private final AtomicLongArray sentAt = new AtomicLongArray(1024);

    BenchClient(LoadState state, int index, boolean editor) {
        this.state = state;
        this.editor = editor;
        this.clientId = (editor ? EDITOR_PREFIX : "i") + index;
    }

    /** The bearer token every bench socket signs in with. */
    static volatile String token;

    @Override
    public String bearerToken() {
        return token;
    }

    /** Opens this client over the JDK's WebSocket. */
    CompletableFuture<?> connect(HttpClient http, URI uri) {
        return http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).buildAsync(uri, this);
    }

    /** Opens this client over the lean NIO WebSocket. */
    CompletableFuture<?> connect(RawWebSockets raw, URI uri) {
        return raw.open(uri, this);
    }

    long sentNanos(long seq) {
        return sentAt.get((int) (seq & 1023));
    }

    boolean isClosed() {
        return closed;
    }

    /** Whether the transport has told this client it is open (only then can it send). */
    boolean isOpen() {
        return transport != null;
    }

    void abort() {
        Transport t = transport;
        if (t != null) {
            t.abort();
        }
    }

    private void send(String text) {
        Transport t = transport;
        if (t == null) {
            // Not open yet: a message sent now would go nowhere and be waited for in vain.
            throw new IllegalStateException("client " + clientId + " sends before it is open");
        }
        if (!closed) {
            t.send(text);
        }
    }

    // ---- transport events ----------------------------------------------------------------------

    @Override
    public void opened(Transport t) {
        transport = t;
        if (joinOnOpen) {
            join();
        }
    }

    /** Sends the join message (done on open unless {@link #joinOnOpen} was cleared). */
    void join() {
        send("{\"type\":\"join\",\"clientId\":\"" + clientId + "\",\"name\":\"" + clientId + "\",\"since\":-1}");
    }

    @Override
    public void closed(int statusCode, String reason) {
        closed = true;
        state.count(state.closes, statusCode + " " + (reason.length() > 40 ? reason.substring(0, 40) : reason));
        joined.completeExceptionally(new IllegalStateException("closed " + statusCode + " " + reason));
    }

    @Override
    public void failed(Throwable error) {
        closed = true;
        state.count(state.closes, "error " + error.getClass().getSimpleName());
        joined.completeExceptionally(error);
    }

    /** Classifies a message from its first characters (64 or all); sets {@link #classifiedRevision()}. */
    @Override
    public Kind classify(CharSequence first) {
        if (startsWith(first, "{\"type\":\"ops\"")) {
            int at = indexOf(first, "\"revision\":");
            firstRevision = at < 0 ? -1 : number(first, at + 11);
            return Kind.OPS;
        }
        if (startsWith(first, "{\"type\":\"presence\"")) {
            return Kind.PRESENCE;
        }
        if (startsWith(first, "{\"revision\":")) {
            firstRevision = number(first, 12);
            return Kind.JOINED;
        }
        return Kind.OTHER;
    }

    @Override
    public long classifiedRevision() {
        return firstRevision;
    }

    /** Whether a message of this kind is read (else only counted). */
    @Override
    public boolean needsText(Kind k) {
        return k == Kind.OPS || k == Kind.OTHER || (k == Kind.JOINED && editor);
    }

    /** One whole message; {@code text} is null when {@link #needsText} said it is not needed. */
    @Override
    public void deliver(Kind k, long revision, Supplier<String> text, long size, long now) {
        frames++;
        state.chars.add(size);
        try {
            switch (k) {
                case OPS -> onOps(revision, text, now);
                case PRESENCE -> {
                    state.presenceFrames.increment();
                    state.presenceChars.add(size);
                }
                case JOINED -> onJoined(revision, text);
                case OTHER -> onOther(text.get());
            }
        } catch (RuntimeException e) {
            state.count(state.errors, "client failure: " + e.getClass().getSimpleName());
            if (failures++ < 3) {
                System.out.println("client " + clientId + " failed: " + e);
            }
        }
    }

    // ---- the JDK WebSocket listener --------------------------------------------------------------

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(Long.MAX_VALUE);
        opened(new Transport() {
            private CompletableFuture<?> sends = CompletableFuture.completedFuture(null);

            @Override
            public synchronized void send(String text) {
                // The JDK socket allows one outstanding send; chain them.
                sends = sends.thenCompose(v -> webSocket.sendText(text, true)).exceptionally(e -> {
                    state.count(state.errors, "send failed: " + e.getClass().getSimpleName());
                    return null;
                });
            }

            @Override
            public void abort() {
                webSocket.abort();
            }
        });
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        long now = System.nanoTime();
        if (!inMessage) {
            inMessage = true;
            messageChars = 0;
            partial.setLength(0);
            kind = null;
        }
        messageChars += data.length();
        CharSequence text;
        if (kind == null && last && partial.isEmpty()) {
            kind = classify(data); // the whole message in one piece: the common case, no copy
            text = data;
        } else if (kind == null) {
            // The JDK may split a message anywhere: classify only once its start is complete.
            partial.append(data);
            text = partial;
            if (partial.length() >= 64 || last) {
                kind = classify(partial);
                if (!needsText(kind)) {
                    partial.setLength(0);
                }
            }
        } else if (needsText(kind)) {
            partial.append(data);
            text = partial;
        } else {
            text = data;
        }
        if (!last) {
            return null;
        }
        inMessage = false;
        CharSequence whole = text;
        deliver(kind, firstRevision, needsText(kind) ? whole::toString : null, messageChars, now);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed(statusCode, reason);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        failed(error);
    }

    // ---- incoming messages ------------------------------------------------------------------------

    private void onOps(long revision, Supplier<String> text, long now) {
        state.opsFrames.increment();
        LoadState.Frame f = state.frame(revision, text);
        f.received(now);
        if (!joined.isDone()) {
            early.add(f); // before our joined reply: applied after it, past the revision it gives
            return;
        }
        process(f, now);
    }

    private void process(LoadState.Frame f, long now) {
        boolean measuring = state.measuring;
        long wallNow = now + state.wallOffsetNanos;
        for (int i = 0; i < f.size(); i++) {
            long revision = f.revision()[i];
            if (revision <= lastRevision) {
                continue; // already in the joined reply
            }
            lastRevision = revision;
            boolean own = editor && clientId.equals(f.clientId()[i]);
            if (measuring && !own) {
                state.commitsReceived.increment();
                state.broadcastFromAt.recordNanos(wallNow - f.atNanos()[i]);
                if (f.sentNanos()[i] > 0) {
                    state.broadcastFromSend.recordNanos(now - f.sentNanos()[i]);
                }
            }
            if (editor) {
                onCommit(f, i, own, now, measuring);
            }
        }
    }

    private void onJoined(long revision, Supplier<String> text) {
        if (editor) {
            JsonNode message;
            try {
                message = JSON.readTree(text.get());
            } catch (Exception e) {
                throw new IllegalStateException("unreadable joined reply", e);
            }
            synchronized (this) {
                for (JsonNode clause : message.get("document").get("clauses")) {
                    texts.put(clause.get("id").asText(), clause.get("text").asText());
                    versions.put(clause.get("id").asText(), clause.get("version").asLong());
                }
                lastRevision = message.get("revision").asLong();
                ready = true;
            }
        } else {
            lastRevision = revision;
        }
        joined.complete(null);
        long now = System.nanoTime();
        for (LoadState.Frame f : early) {
            process(f, now);
        }
        early.clear();
    }

    private void onOther(String text) {
        state.otherFrames.increment();
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (Exception e) {
            state.count(state.errors, "unreadable message");
            return;
        }
        String type = message.path("type").asText();
        if (type.equals("error")) {
            state.count(state.errors, message.path("code").asText());
            synchronized (this) {
                if (inflight != null && message.path("seq").asLong(-1) == inflight.seq()) {
                    inflight = null; // refused: dropped, as the protocol says
                    submitNext();
                }
            }
        } else if (type.equals("saved")) {
            long now = System.nanoTime();
            synchronized (this) {
                if (state.measuring && inflight != null && message.path("seq").asLong() == inflight.seq()) {
                    state.saved.recordNanos(now - inflight.sentNanos());
                }
            }
        } else if (type.equals("ack")) {
            synchronized (this) {
                if (inflight != null && message.path("seq").asLong() == inflight.seq()) {
                    inflight = null;
                    submitNext();
                }
            }
        }
    }

    // ---- editing (the client algorithm) -------------------------------------------------------

    private synchronized void onCommit(LoadState.Frame f, int i, boolean ownClient, long now, boolean measuring) {
        String clauseId = f.clauseId()[i];
        if (ownClient && inflight != null && f.seq()[i] == inflight.seq()) {
            versions.put(clauseId, f.version()[i] + 1);
            if (measuring) {
                state.ack.recordNanos(now - inflight.sentNanos());
                state.acks.increment();
            }
            inflight = null;
            submitNext();
            return;
        }
        switch (f.type()[i]) {
            case "text" -> {
                TextOp remote = f.op()[i];
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
                versions.put(clauseId, f.version()[i] + 1);
            }
            case "insert" -> {
                texts.put(clauseId, f.change()[i].path("text").asText());
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

    /** One local edit of a random clause among {@code clauseIds}: applied at once, submitted or buffered. */
    synchronized void edit(SplittableRandom random, String[] clauseIds) {
        if (!ready || closed) {
            return;
        }
        String clauseId = clauseIds[random.nextInt(clauseIds.length)];
        String text = texts.get(clauseId);
        if (text == null) {
            return;
        }
        TextOp op = BenchDraft.randomEdit(random, text);
        texts.put(clauseId, op.apply(text));
        buffers.merge(clauseId, op, TextOp::compose);
        if (state.measuring) {
            state.edits.increment();
        }
        submitNext();
    }

    /** Sends a presence message (where this person's caret is). */
    synchronized void presence(SplittableRandom random, String[] clauseIds) {
        if (ready && !closed) {
            send("{\"type\":\"presence\",\"clauseId\":\"" + clauseIds[random.nextInt(clauseIds.length)]
                    + "\",\"caret\":" + random.nextInt(100) + "}");
        }
    }

    private void submitNext() {
        if (inflight != null || !ready || buffers.isEmpty() || closed) {
            return;
        }
        String clauseId = buffers.keySet().iterator().next();
        TextOp op = buffers.remove(clauseId);
        long seq = nextSeq++;
        long sent = System.nanoTime();
        sentAt.set((int) (seq & 1023), sent);
        inflight = new Inflight(seq, clauseId, op, sent);
        if (state.measuring) {
            state.submits.increment();
        }
        send("{\"type\":\"submit\",\"seq\":" + seq + ",\"change\":{\"type\":\"text\",\"clauseId\":\"" + clauseId
                + "\",\"version\":" + versions.get(clauseId) + ",\"op\":" + TextOpJson.toJsonString(op) + "}}");
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static boolean startsWith(CharSequence s, String prefix) {
        if (s.length() < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (s.charAt(i) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(CharSequence s, String needle) {
        int limit = Math.min(s.length(), 200) - needle.length();
        outer:
        for (int i = 0; i <= limit; i++) {
            for (int j = 0; j < needle.length(); j++) {
                if (s.charAt(i + j) != needle.charAt(j)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static long number(CharSequence s, int from) {
        long n = 0;
        boolean negative = from < s.length() && s.charAt(from) == '-';
        for (int i = negative ? from + 1 : from; i < s.length() && Character.isDigit(s.charAt(i)); i++) {
            n = n * 10 + (s.charAt(i) - '0');
        }
        return negative ? -n : n;
    }
}
