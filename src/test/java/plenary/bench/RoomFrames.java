package plenary.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * What the room benchmark's clients share: the script's requests (each action whose effect the
 * room should see, with when it was sent) and the distinct messages the server sent, each parsed
 * once, by whichever client got it first, into the keys of what it carries. A message and a request
 * meet by key: a commit by its client id and seq, a negotiation event by the ids in its detail, a
 * presence entry by its connection and caret. They are matched when a phase ends, so a frame that
 * arrives before its REST call has returned is still counted.
 */
final class RoomFrames {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One action of the script (a keystroke, an amendment tabled, a ballot…). */
    static final class Request {
        final int index;
        final String type;
        final int phase;
        /** When it was sent, {@link System#nanoTime()}; 0 until then. */
        volatile long sentNanos;
        /** Clients that received it, counted when its phase is resolved. */
        int delivered;

        Request(int index, String type, int phase) {
            this.index = index;
            this.type = type;
            this.phase = phase;
        }
    }

    /** A commit of an ops frame made by a client: how its author recognises it. */
    record Commit(String clientId, long seq, long version) {
    }

    /**
     * One distinct message of {@code kind} (ops, negotiation, own, presence). {@code keys} name what
     * it carries (none for a frame that carries no action: an amendment whose standing moved, an own supplement).
     */
    static final class Frame {
        final String kind;
        final String[] keys;
        final List<Commit> commits;
        private List<Request> requests;

        Frame(String kind, String[] keys, List<Commit> commits) {
            this.kind = kind;
            this.keys = keys;
            this.commits = commits;
        }

        /** The distinct requests this frame carries (looked up once, when its phase is resolved). */
        List<Request> requests(Map<String, Request> byKey) {
            if (requests == null) {
                Set<Request> found = new LinkedHashSet<>();
                for (String key : keys) {
                    Request r = byKey.get(key);
                    if (r != null) {
                        found.add(r);
                    }
                }
                requests = new ArrayList<>(found);
            }
            return requests;
        }
    }

    /** Whether clients record their receipts (during a phase's window). */
    volatile boolean recording;
    volatile int phase;
    final Map<String, Request> byKey = new ConcurrentHashMap<>();
    final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Frame> frames = new ConcurrentHashMap<>();
    /** Wall-clock epoch nanos minus {@link System#nanoTime()}, to place a deadline on the nanoTime line. */
    final long wallOffsetNanos = LoadState.wallOffset();

    /** Registers an action of {@code type} under {@code keys}; its sending time is set by the caller. */
    synchronized Request request(String type, String... keys) {
        Request r = new Request(requests.size(), type, phase);
        requests.add(r);
        for (String key : keys) {
            byKey.put(key, r);
        }
        return r;
    }

    /** Another key under which {@code r} shows in frames (known only once a REST call has answered). */
    void alias(Request r, String key) {
        byKey.put(key, r);
    }

    boolean known(String key) {
        return frames.containsKey(key);
    }

    /**
     * The frame under {@code key}, parsed from {@code text} by the first client that has it; null
     * when it is not known and there is no text (the table was cleared between classifying and now).
     */
    Frame frame(String key, String kind, Supplier<String> text) {
        Frame f = frames.get(key);
        if (f != null || text == null) {
            return f;
        }
        return frames.computeIfAbsent(key, k -> parse(kind, text.get()));
    }

    /** Forgets the parsed frames, between phases (their requests were resolved). */
    void clearFrames() {
        frames.clear();
    }

    private static Frame parse(String kind, String text) {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException("unreadable " + kind + " frame", e);
        }
        List<String> keys = new ArrayList<>();
        List<Commit> commits = new ArrayList<>();
        switch (kind) {
            case "ops" -> {
                for (JsonNode c : message.get("ops")) {
                    JsonNode change = c.get("change");
                    String clientId = c.path("clientId").asText(null);
                    if (clientId != null) {
                        keys.add("commit:" + clientId + ":" + c.get("seq").asLong());
                        commits.add(new Commit(clientId, c.get("seq").asLong(), change.path("version").asLong()));
                    } else if (change.path("type").asText().equals("set-status")) {
                        keys.add("status:" + change.get("clauseId").asText());
                    }
                }
            }
            case "negotiation" -> {
                for (JsonNode e : message.path("events")) {
                    String key = eventKey(e);
                    if (key != null) {
                        keys.add(key);
                    }
                }
            }
            case "presence" -> {
                for (JsonNode p : message.path("changes")) {
                    if (!p.path("left").asBoolean() && p.hasNonNull("caret")) {
                        keys.add(caretKey(p.get("connectionId").asText(), p.get("caret").asLong()));
                    }
                }
            }
            default -> { }
        }
        return new Frame(kind, keys.toArray(String[]::new), commits);
    }

    /** The key of a negotiation event, by the ids in its detail; null for an event no script action makes. */
    static String eventKey(JsonNode entry) {
        JsonNode d = entry.path("detail");
        return switch (entry.path("action").asText()) {
            // On the socket a drafting names its amendment (amendmentId); the audit log has it whole.
            case "amendment-drafted" -> "amendment:" + (d.has("amendmentId") ? d.path("amendmentId")
                    : d.path("amendment").path("id")).asText();
            case "amendment-tabled" -> "amendment:" + d.path("id").asText();
            case "comment-posted" -> "comment:" + d.path("comment").path("id").asText();
            case "phase-set" -> "phase:" + d.path("phase").asText() + ":" + d.path("open").asBoolean();
            case "vote-called" -> "vote-called:" + d.path("vote").path("id").asText();
            case "presence-registered" -> "present:" + d.path("voteId").asText() + ":" + d.path("delegation").asText();
            case "vote-opened" -> "vote-opened:" + d.path("voteId").asText();
            case "ballot-cast" -> "ballot:" + d.path("voteId").asText() + ":"
                    + (d.has("ballot") ? d.path("ballot").path("delegation") : d.path("delegation")).asText();
            case "vote-closed" -> "vote-closed:" + d.path("voteId").asText();
            case "silence-started" -> "silence-started:" + d.path("silence").path("id").asText();
            case "silence-broken" -> "silence-broken:" + d.path("silenceBreak").path("delegation").asText() + ":"
                    + d.path("silenceBreak").path("clauseId").asText();
            case "clause-status-set" -> "status:" + d.path("clauseId").asText();
            case "silence-concluded" -> "silence-concluded:" + d.path("id").asText();
            default -> null;
        };
    }

    static String caretKey(String connectionId, long caret) {
        return "caret:" + connectionId + ":" + caret;
    }
}
