package plenary.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.SplittableRandom;

/**
 * A rapporteur typing into one paragraph, one character per keystroke, before its last character,
 * as the live editor's client does (web/docs/live-protocol.md): one submission in flight, the
 * keystrokes typed meanwhile composed into the next; after each keystroke the caret goes out as
 * presence, at most one every 100 ms, as the page throttles it. Nobody else edits this paragraph
 * in the script, so the text needs no transforming: the version moves by one per own commit.
 */
final class RoomTypist {
    private static final String[] WORDS = ("and to report on progress every year with the participation of residents "
            + "local regional governments human rights cities budget monitoring indicators inclusive").split(" ");
    private static final long PRESENCE_INTERVAL_NANOS = 100_000_000;

    final String clientId;
    final String clauseId;
    private final RoomClient client;
    private final RoomFrames shared;
    private final SplittableRandom random;

    private boolean ready;
    private boolean stopped;
    private String connectionId;
    private long version;
    private int caret;
    private long nextSeq = 1;
    private long inflightSeq; // 0: none
    private final StringBuilder buffer = new StringBuilder();
    private int bufferStart;
    private String typing = "";
    private int typed;
    private long lastPresence;

    int keystrokes;
    int submissions;
    int presences;
    int refused;

    RoomTypist(String clientId, String clauseId, RoomClient client, RoomFrames shared, SplittableRandom random) {
        this.clientId = clientId;
        this.clauseId = clauseId;
        this.client = client;
        this.shared = shared;
        this.random = random;
    }

    /** The joined reply: the paragraph's text and version, and this connection's id (presence names it). */
    synchronized void joined(JsonNode message) {
        connectionId = message.path("connectionId").asText();
        for (JsonNode clause : message.path("document").path("clauses")) {
            if (clause.path("id").asText().equals(clauseId)) {
                version = clause.path("version").asLong();
                caret = Math.max(0, clause.path("text").asText().length() - 1);
                ready = true;
            }
        }
    }

    synchronized boolean ready() {
        return ready && !stopped;
    }

    synchronized void stop() {
        stopped = true;
    }

    /** One keystroke: a character before the caret, then the caret as presence. */
    synchronized void keystroke() {
        if (!ready || stopped) {
            return;
        }
        if (typed >= typing.length()) {
            typing = " " + WORDS[random.nextInt(WORDS.length)];
            typed = 0;
        }
        if (buffer.isEmpty()) {
            bufferStart = caret;
        }
        buffer.append(typing.charAt(typed++));
        caret++;
        keystrokes++;
        submitNext();
        long now = System.nanoTime();
        if (now - lastPresence >= PRESENCE_INTERVAL_NANOS) {
            lastPresence = now;
            presences++;
            RoomFrames.Request r = shared.request("caret (presence)", RoomFrames.caretKey(connectionId, caret));
            r.sentNanos = now;
            client.send("{\"type\":\"presence\",\"clauseId\":\"" + clauseId + "\",\"caret\":" + caret + "}");
        }
    }

    /** Sends the buffered keystrokes as one submission, unless one is in flight. */
    private void submitNext() {
        if (inflightSeq != 0 || buffer.isEmpty() || stopped) {
            return;
        }
        long seq = nextSeq++;
        inflightSeq = seq;
        submissions++;
        String op = (bufferStart == 0 ? "[" : "[" + bufferStart + ",") + RoomHttp.quote(buffer.toString()) + "]";
        buffer.setLength(0);
        RoomFrames.Request r = shared.request("keystroke (ops)", "commit:" + clientId + ":" + seq);
        r.sentNanos = System.nanoTime();
        client.send("{\"type\":\"submit\",\"seq\":" + seq + ",\"change\":{\"type\":\"text\",\"clauseId\":\"" + clauseId
                + "\",\"version\":" + version + ",\"op\":" + op + "}}");
    }

    /** An ops frame: its own commit resolves the submission in flight. */
    synchronized void onOps(RoomFrames.Frame frame) {
        for (RoomFrames.Commit c : frame.commits) {
            if (inflightSeq != 0 && c.seq() == inflightSeq && c.clientId().equals(clientId)) {
                version = c.version() + 1;
                inflightSeq = 0;
                submitNext();
            }
        }
    }

    /** An error naming the submission in flight: the text here is no longer the server's, so stop typing. */
    synchronized void onMessage(JsonNode message) {
        String type = message.path("type").asText();
        if ((type.equals("error") || type.equals("ack")) && message.path("seq").asLong(-1) == inflightSeq) {
            refused++;
            stopped = true;
        }
    }

    /** Keystrokes that went out composed with others, in one submission. */
    synchronized int composed() {
        return keystrokes - submissions - buffer.length();
    }
}
