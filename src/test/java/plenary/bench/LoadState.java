package plenary.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import plenary.editing.TextOp;
import plenary.editing.TextOpJson;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What all the load generator's clients share: the counters and latency recorders, and the parsed
 * broadcast frames. Every client receives the same frames, so each is parsed once (by whichever
 * client gets it first) and looked up by its first revision; the generator thus spends its CPU on
 * receiving, not on parsing the same JSON N times, and leaves more of the machine to the server.
 */
final class LoadState {
    private static final ObjectMapper JSON = new ObjectMapper();

    volatile boolean measuring;
    final Recorder ack = new Recorder();
    /** Submit → the server's early "saved" (durable), which does not wait for the tick. */
    final Recorder saved = new Recorder();
    final Recorder broadcastFromAt = new Recorder();
    final Recorder broadcastFromSend = new Recorder();
    final LongAdder opsFrames = new LongAdder();
    final LongAdder presenceFrames = new LongAdder();
    final LongAdder otherFrames = new LongAdder();
    final LongAdder chars = new LongAdder();
    final LongAdder presenceChars = new LongAdder();
    final LongAdder commitsReceived = new LongAdder();
    final LongAdder acks = new LongAdder();
    final LongAdder submits = new LongAdder();
    final LongAdder edits = new LongAdder();
    final AtomicLong maxRevision = new AtomicLong(-1);
    final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    final Map<String, LongAdder> closes = new ConcurrentHashMap<>();
    final Map<Long, Frame> frames = new ConcurrentHashMap<>();
    /** Wall-clock epoch nanos minus {@link System#nanoTime()}, to compare receive times with a commit's "at". */
    final long wallOffsetNanos = wallOffset();
    volatile BenchClient[] editors = new BenchClient[0];

    /** One "ops" frame, parsed; arrays indexed by commit. */
    record Frame(long createdNanos, long[] revision, String[] clientId, long[] seq, long[] atNanos, long[] sentNanos,
                 String[] type, String[] clauseId, long[] version, TextOp[] op, JsonNode[] change,
                 AtomicLong lastReceived, LongAdder receivers) {
        int size() {
            return revision.length;
        }

        /** Notes one client's receipt; the first receipt is {@link #createdNanos}. */
        void received(long nanos) {
            lastReceived.accumulateAndGet(nanos, Math::max);
            receivers.increment();
        }
    }

    Frame frame(long firstRevision, java.util.function.Supplier<String> text) {
        Frame cached = frames.get(firstRevision);
        return cached != null ? cached : frames.computeIfAbsent(firstRevision, r -> parse(text.get()));
    }

    private Frame parse(String text) {
        JsonNode ops;
        try {
            ops = JSON.readTree(text).get("ops");
        } catch (Exception e) {
            throw new IllegalStateException("unreadable frame: " + text, e);
        }
        int n = ops.size();
        long now = System.nanoTime();
        Frame f = new Frame(now, new long[n], new String[n], new long[n], new long[n], new long[n],
                new String[n], new String[n], new long[n], new TextOp[n], new JsonNode[n], new AtomicLong(now),
                new LongAdder());
        for (int i = 0; i < n; i++) {
            JsonNode c = ops.get(i);
            f.revision()[i] = c.get("revision").asLong();
            f.clientId()[i] = c.path("clientId").asText(null);
            f.seq()[i] = c.path("seq").asLong();
            Instant at = Instant.parse(c.get("at").asText());
            f.atNanos()[i] = at.getEpochSecond() * 1_000_000_000L + at.getNano();
            f.sentNanos()[i] = sentNanos(f.clientId()[i], f.seq()[i]);
            JsonNode change = c.get("change");
            f.change()[i] = change;
            f.type()[i] = change.get("type").asText();
            f.clauseId()[i] = change.get("clauseId").asText();
            f.version()[i] = change.path("version").asLong();
            if (f.type()[i].equals("text")) {
                f.op()[i] = TextOpJson.fromJson(change.get("op"));
            }
            maxRevision.accumulateAndGet(f.revision()[i], Math::max);
        }
        return f;
    }

    /** When the generator's editor sent submission {@code seq}, or 0 if unknown. */
    private long sentNanos(String clientId, long seq) {
        if (clientId == null || !clientId.startsWith(BenchClient.EDITOR_PREFIX)) {
            return 0;
        }
        try {
            int index = Integer.parseInt(clientId.substring(BenchClient.EDITOR_PREFIX.length()));
            BenchClient[] all = editors;
            return index < all.length ? all[index].sentNanos(seq) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * For the frames first received between {@code from} and {@code to} that every one of {@code clients}
     * received: the time from the first client's receipt to the last's (the fan-out spread).
     */
    Histogram fanOutSpread(long from, long to, int clients) {
        Histogram h = new Histogram();
        for (Frame f : frames.values()) {
            if (f.createdNanos() >= from && f.createdNanos() < to && f.receivers().sum() >= clients) {
                h.recordNanos(f.lastReceived().get() - f.createdNanos());
            }
        }
        return h;
    }

    /** Forgets frames parsed more than {@code ageNanos} ago. */
    void evictFrames(long ageNanos) {
        long cutoff = System.nanoTime() - ageNanos;
        frames.values().removeIf(f -> f.createdNanos() < cutoff);
    }

    void count(Map<String, LongAdder> map, String key) {
        map.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    static long wallOffset() {
        long best = Long.MAX_VALUE;
        long offset = 0;
        for (int i = 0; i < 50; i++) { // the tightest bracket of Instant.now() between two nanoTime readings
            long before = System.nanoTime();
            Instant now = Instant.now();
            long after = System.nanoTime();
            if (after - before < best) {
                best = after - before;
                offset = now.getEpochSecond() * 1_000_000_000L + now.getNano() - (before + (after - before) / 2);
            }
        }
        return offset;
    }
}
