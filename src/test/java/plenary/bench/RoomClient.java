package plenary.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * One person's socket in the room benchmark: an observer, a delegate or an editor (a rapporteur,
 * who may type). It joins as a browser does, notes when each message arrived and how large it was,
 * and follows the negotiation's frame numbers as the page does: a skipped number means a missed
 * frame, and the page then reads the whole state again (so does this client, counting it). Messages
 * are classified from their first bytes; a frame some other client has already parsed is only
 * counted here, not read again.
 */
final class RoomClient implements RawWebSockets.Receiver {
    private static final ObjectMapper JSON = new ObjectMapper();

    enum Group { OBSERVER, DELEGATE, EDITOR }

    /** A message received while a phase was recorded. */
    record Receipt(RoomFrames.Frame frame, long nanos, long bytes) {
    }

    final int index;
    final Group group;
    final String token;
    final String delegation;
    private final RoomFrames shared;
    /** Reads the negotiation's state again and answers its frame number (the page's reload), or null. */
    volatile Supplier<CompletableFuture<Long>> reload;
    volatile RoomTypist typist;
    final CompletableFuture<Void> joined = new CompletableFuture<>();
    volatile String closedWith;

    private volatile BenchClient.Transport transport;
    private volatile RawWebSockets.Socket socket;

    // The message being received: this socket's selector thread only.
    private String kind;
    private String key;
    private long frameNumber;

    private final List<Receipt> receipts = new ArrayList<>();
    /** The last negotiation frame this client is up to date with; -1 before the state was read. */
    private long lastFrame = -1;
    volatile int gaps;
    volatile int reloads;
    final LongAdder messages = new LongAdder();
    static final Map<String, LongAdder> ERRORS = new ConcurrentHashMap<>();

    RoomClient(int index, Group group, String token, String delegation, RoomFrames shared) {
        this.index = index;
        this.group = group;
        this.token = token;
        this.delegation = delegation;
        this.shared = shared;
    }

    void send(String text) {
        BenchClient.Transport t = transport;
        if (t != null && closedWith == null) {
            t.send(text);
        }
    }

    void abort() {
        BenchClient.Transport t = transport;
        if (t != null) {
            t.abort();
        }
    }

    /** Bytes received on the wire since the upgrade (frame headers included). */
    long wireBytes() {
        RawWebSockets.Socket s = socket;
        return s == null ? 0 : s.bytesRead();
    }

    /** The receipts recorded so far, handed over and forgotten. */
    List<Receipt> drainReceipts() {
        synchronized (receipts) {
            List<Receipt> out = new ArrayList<>(receipts);
            receipts.clear();
            return out;
        }
    }

    /** The state's frame number, read after joining (or after a reload): frames up to it are in it. */
    synchronized void stateRead(long frame) {
        lastFrame = Math.max(lastFrame, frame);
    }

    // ---- the socket ------------------------------------------------------------------------------

    @Override
    public String bearerToken() {
        return token;
    }

    @Override
    public void opened(BenchClient.Transport t) {
        transport = t;
        if (t instanceof RawWebSockets.Socket s) {
            socket = s;
        }
        String clientId = typist != null ? typist.clientId : "c" + index;
        t.send("{\"type\":\"join\",\"clientId\":\"" + clientId + "\",\"since\":-1}");
    }

    @Override
    public BenchClient.Kind classify(CharSequence first) {
        String s = first.toString();
        key = null;
        frameNumber = -1;
        if (s.startsWith("{\"type\":\"ops\"")) {
            kind = "ops";
            key = "r:" + number(s, "\"revision\":");
            return BenchClient.Kind.OPS;
        }
        if (s.startsWith("{\"type\":\"negotiation\"")) {
            frameNumber = number(s, "\"frame\":");
            boolean own = s.contains("\"own\":true");
            kind = own ? "own" : "negotiation";
            key = own ? "o:" + frameNumber + ":" + delegation : "n:" + frameNumber;
            return BenchClient.Kind.OTHER;
        }
        if (s.startsWith("{\"type\":\"presence\"")) {
            kind = "presence"; // keyed by its whole text, which differs from tick to tick
            return BenchClient.Kind.PRESENCE;
        }
        if (s.startsWith("{\"revision\":")) {
            kind = "joined";
            return BenchClient.Kind.JOINED;
        }
        kind = "other";
        return BenchClient.Kind.OTHER;
    }

    @Override
    public long classifiedRevision() {
        return frameNumber;
    }

    @Override
    public boolean needsText(BenchClient.Kind k) {
        return switch (kind) {
            case "ops", "negotiation", "own" -> !shared.known(key);
            case "presence" -> shared.recording; // read only to match carets; the joins' are only counted
            case "joined" -> typist != null;
            default -> true;
        };
    }

    @Override
    public void deliver(BenchClient.Kind k, long revision, Supplier<String> text, long size, long now) {
        messages.increment();
        try {
            switch (kind) {
                case "ops", "negotiation", "own" -> frame(shared.frame(key, kind, text), size, now);
                case "presence" -> {
                    if (text != null) {
                        String t = text.get();
                        frame(shared.frame("p:" + t, "presence", () -> t), size, now);
                    }
                }
                case "joined" -> {
                    RoomTypist t = typist;
                    if (t != null) {
                        t.joined(JSON.readTree(text.get()));
                    }
                    joined.complete(null);
                }
                default -> other(JSON.readTree(text.get()));
            }
        } catch (Exception e) {
            count("client failure: " + e.getClass().getSimpleName());
        }
    }

    private void frame(RoomFrames.Frame f, long size, long now) {
        if (f == null) {
            count("frame not parsed"); // its table was cleared between phases as it arrived
            return;
        }
        if (shared.recording) {
            synchronized (receipts) {
                receipts.add(new Receipt(f, now, size));
            }
        }
        RoomTypist t = typist;
        if (t != null && f.kind.equals("ops")) {
            t.onOps(f);
        }
        if (f.kind.equals("negotiation")) {
            followFrame(frameNumber);
        }
    }

    /** As the page does: a number more than one past ours means a frame was missed; read the state again. */
    private void followFrame(long number) {
        boolean gap;
        synchronized (this) {
            gap = lastFrame >= 0 && number > lastFrame + 1;
            lastFrame = Math.max(lastFrame, number);
        }
        Supplier<CompletableFuture<Long>> r = reload;
        if (gap) {
            gaps++;
            if (r != null) {
                reloads++;
                r.get().thenAccept(this::stateRead);
            }
        }
    }

    private void other(JsonNode message) {
        String type = message.path("type").asText();
        if (type.equals("error")) {
            count("error " + message.path("code").asText());
        }
        RoomTypist t = typist;
        if (t != null) {
            t.onMessage(message);
        }
    }

    @Override
    public void closed(int statusCode, String reason) {
        closedWith = statusCode + " " + reason;
        count("closed " + statusCode + " " + (reason.length() > 40 ? reason.substring(0, 40) : reason));
        joined.completeExceptionally(new IllegalStateException("closed " + closedWith));
    }

    @Override
    public void failed(Throwable error) {
        closedWith = error.toString();
        count("failed " + error.getClass().getSimpleName());
        joined.completeExceptionally(error);
    }

    static void count(String what) {
        ERRORS.computeIfAbsent(what, w -> new LongAdder()).increment();
    }

    /** The number after {@code label} in {@code s}, or -1. */
    private static long number(String s, String label) {
        int at = s.indexOf(label);
        if (at < 0) {
            return -1;
        }
        long n = 0;
        for (int i = at + label.length(); i < s.length() && Character.isDigit(s.charAt(i)); i++) {
            n = n * 10 + (s.charAt(i) - '0');
        }
        return n;
    }
}
