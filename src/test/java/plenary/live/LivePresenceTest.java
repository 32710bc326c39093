package plenary.live;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import plenary.http.HttpTestClient;
import plenary.http.RunningServer;
import plenary.http.TestPeople;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static plenary.live.LiveDocs.q;

/**
 * Presence goes to every reader of a document, so what anyone may put in it is checked: a clause the
 * document has (else {@code unknown-clause}), a well-formed id and a caret from 0 to 100,000 (else
 * {@code invalid-message}), never anyone's client id, and no more often than the rate limit allows.
 * An observer, who may do nothing but read and be present, tries each.
 */
@Tag("integration")
class LivePresenceTest {
    @TempDir
    static Path dir;

    static RunningServer server;
    static HttpClient http;
    static String documentId;
    static String clause;

    @BeforeAll
    static void start() throws Exception {
        server = RunningServer.start(dir, "--no-samples");
        http = HttpClient.newHttpClient();
        JsonNode created = LiveDocs.create(server.http(), LiveDocs.STRUCTURED);
        documentId = created.get("id").asText();
        clause = LiveDocs.ids(created).get(3);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void anObserversLongMalformedOrUnknownClauseIdsAreRefusedAndReachNoOtherReader() throws Exception {
        URI live = LiveDocs.liveUri(server.port(), documentId);
        try (RawLiveSocket reader = RawLiveSocket.joined(http, live, "reader-1", "Reader");
             RawFrameSocket observer = RawFrameSocket.joined(live, observerToken(server, "watcher-1"), false,
                     "observer-1")) {
            String observerConnection = connectionId(observer);
            int readerMark = reader.mark();
            refused(observer, "{\"type\":\"presence\",\"clauseId\":" + q("c".repeat(65)) + ",\"caret\":1}",
                    "invalid-message");
            refused(observer, "{\"type\":\"presence\",\"clauseId\":" + q("x".repeat(1000)) + ",\"caret\":1}",
                    "invalid-message");
            refused(observer, "{\"type\":\"presence\",\"clauseId\":\"has space\",\"caret\":1}", "invalid-message");
            refused(observer, "{\"type\":\"presence\",\"clauseId\":\"<b>bold</b>\",\"caret\":1}", "invalid-message");
            refused(observer, "{\"type\":\"presence\",\"clauseId\":\"\",\"caret\":1}", "invalid-message");
            refused(observer, "{\"type\":\"presence\",\"clauseId\":7,\"caret\":1}", "invalid-message");
            refused(observer, "{\"type\":\"presence\",\"clauseId\":\"nope\",\"caret\":1}", "unknown-clause");
            refused(observer, "{\"type\":\"presence\",\"clauseId\":" + q("k".repeat(64)) + ",\"caret\":1}",
                    "unknown-clause");
            for (String caret : List.of("-1", "100001", "1.5", "\"3\"", "1e3", "{}")) {
                refused(observer, "{\"type\":\"presence\",\"clauseId\":" + q(clause) + ",\"caret\":" + caret + "}",
                        "invalid-message");
            }

            // Whoever joins now sees the observer where the join put them: nowhere.
            try (RawLiveSocket latecomer = RawLiveSocket.joined(http, live, "latecomer-1", "Latecomer")) {
                JsonNode entry = entry(joined(latecomer).get("presence"), observerConnection);
                assertTrue(entry.get("clauseId").isNull() && entry.get("caret").isNull(), entry::toString);
            }
            // A good presence after the bad ones arrives, and none of the bad ones did before it.
            observer.sendText("{\"type\":\"presence\",\"clauseId\":" + q(clause) + ",\"caret\":100000}");
            JsonNode good = awaitChange(reader, readerMark, observerConnection, 100_000);
            assertEquals(clause, good.get("clauseId").asText());
            assertEquals("observer", good.get("role").asText());
            assertEquals("Watcher 1", good.get("name").asText());
            for (JsonNode change : changes(reader, readerMark, observerConnection)) {
                assertTrue(change.get("clauseId").isNull() || change.get("clauseId").asText().equals(clause),
                        () -> "a refused presence reached a reader: " + change);
            }
            observer.sendText("{\"type\":\"presence\",\"clauseId\":" + q(clause) + ",\"caret\":0}");
            awaitChange(reader, readerMark, observerConnection, 0);
        }
    }

    /** The client id pairs a person's submissions; presence names connections and people, never it. */
    @Test
    void presenceNeverCarriesAClientId() throws Exception {
        URI live = LiveDocs.liveUri(server.port(), documentId);
        String readerSecret = "secret-of-the-reader";
        String observerSecret = "secret-of-the-observer";
        try (RawLiveSocket reader = RawLiveSocket.joined(http, live, readerSecret, "Reader");
             RawFrameSocket observer = RawFrameSocket.joined(live, observerToken(server, "watcher-2"), false,
                     observerSecret)) {
            int readerMark = reader.mark();
            observer.sendText("{\"type\":\"presence\",\"clauseId\":" + q(clause) + ",\"caret\":5}");
            reader.send("{\"type\":\"presence\",\"clauseId\":" + q(clause) + ",\"caret\":6}");
            awaitChange(reader, readerMark, connectionId(observer), 5);
            String readerConnection = joined(reader).get("connectionId").asText();
            observer.await(0, m -> presenceOf(m, readerConnection, 6), "the reader's presence");
            try (RawLiveSocket latecomer = RawLiveSocket.joined(http, live, "latecomer-2", "Latecomer")) {
                List<JsonNode> presence = new ArrayList<>();
                joined(latecomer).get("presence").forEach(presence::add);
                // Everyone already there; the latecomer's own entry follows in a presence frame.
                assertEquals(Set.of(readerConnection, connectionId(observer)), Set.copyOf(presence.stream()
                        .map(p -> p.get("connectionId").asText()).toList()), presence::toString);
                List<JsonNode> seen = new ArrayList<>(presence);
                seen.addAll(frames(reader.since(0)));
                seen.addAll(frames(observer.since(0)));
                for (JsonNode entry : seen) {
                    assertFalse(entry.has("clientId"), () -> "presence shows a client id: " + entry);
                    assertTrue(entry.has("connectionId"), entry::toString);
                    String text = entry.toString();
                    assertFalse(text.contains(readerSecret) || text.contains(observerSecret) || text.contains(
                            "latecomer-2"), () -> "presence shows a client id: " + entry);
                }
            }
        }
    }

    /**
     * Every message takes from the connection's token bucket, presence too: a flood of 40 changes
     * passes only as far as the bucket allows, the rest are refused one by one, and other readers
     * see no more of it than what passed.
     */
    @Test
    void aFloodOfPresenceIsBoundedByTheRateLimit(@TempDir Path floodDir) throws Exception {
        double rate = 10;
        int burst = 5;
        int flood = 40;
        try (RunningServer limited = RunningServer.start(floodDir, "--no-samples", "--ws-rate", "" + rate,
                "--ws-burst", "" + burst, "--ws-max-message-bytes", "1024")) {
            JsonNode created = LiveDocs.create(limited.http(), LiveDocs.STRUCTURED);
            String target = LiveDocs.ids(created).get(3);
            URI live = LiveDocs.liveUri(limited.port(), created.get("id").asText());
            String token = observerToken(limited, "flooder");
            try (RawLiveSocket reader = RawLiveSocket.joined(http, live, "flood-reader", "Reader")) {
                int readerMark = reader.mark();
                long opened = System.nanoTime();
                try (RawFrameSocket flooder = RawFrameSocket.joined(live, token, false, "flooder")) {
                    String connection = connectionId(flooder);
                    int mark = flooder.mark();
                    for (int caret = 1; caret <= flood; caret++) {
                        flooder.sendText("{\"type\":\"presence\",\"clauseId\":" + q(target) + ",\"caret\":" + caret
                                + "}");
                    }
                    // A message over the size limit is answered before the bucket is asked: its answer
                    // comes after the answers to everything sent before it, whatever the bucket holds.
                    flooder.sendText("{\"type\":\"ping\",\"t\":\"" + "x".repeat(1100) + "\"}");
                    flooder.await(mark, m -> "message-too-large".equals(m.path("code").asText()), "the barrier");
                    double seconds = (System.nanoTime() - opened) / (double) TimeUnit.SECONDS.toNanos(1);
                    List<JsonNode> errors = flooder.since(mark).stream()
                            .filter(m -> RawFrameSocket.type(m).equals("error")).toList();
                    long refused = errors.size() - 1;
                    errors.subList(0, errors.size() - 1).forEach(e -> assertEquals("rate-limited",
                            e.path("code").asText(), e::toString));
                    long passed = flood - refused;
                    // The full bucket, less the join, plus what trickled in meanwhile.
                    long allowance = burst - 1 + (long) Math.ceil(rate * seconds);
                    assertTrue(passed >= burst - 1, "the bucket's burst passes: " + passed);
                    assertTrue(passed <= allowance, passed + " of " + flood + " passed in " + seconds + " s");

                    // The room sees the last one that passed, and no more changes than passed.
                    int last;
                    try (RawLiveSocket latecomer = RawLiveSocket.joined(http, live, "flood-latecomer", "Latecomer")) {
                        last = entry(joined(latecomer).get("presence"), connection).get("caret").asInt();
                    }
                    assertTrue(last >= burst - 1 && last <= flood, "last caret " + last);
                    awaitChange(reader, readerMark, connection, last);
                    Set<Integer> carets = new TreeSet<>();
                    for (JsonNode change : changes(reader, readerMark, connection)) {
                        if (!change.get("caret").isNull()) {
                            carets.add(change.get("caret").asInt());
                        }
                    }
                    assertTrue(carets.size() <= passed, "the reader saw " + carets + " of " + passed + " that passed");
                }
            }
        }
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** A new observer of the test meeting, signed in; its display name is "Watcher N" for "watcher-N". */
    private static String observerToken(RunningServer on, String username) {
        HttpTestClient rest = on.http();
        String meetingId = HttpTestClient.json(rest.get("/api/meetings")).get("meetings").get(0).get("id").asText();
        String admin = TestPeople.signIn(rest, "admin", TestPeople.ADMIN_PASSWORD);
        String name = Character.toUpperCase(username.charAt(0)) + username.substring(1).replace('-', ' ');
        TestPeople.invite(rest, admin, meetingId, "observer", null, username, "password-of-" + username, name);
        return TestPeople.signIn(rest, username, "password-of-" + username);
    }

    /** Sends one message; it must get exactly one error, with this code and a null seq, and leave the socket open. */
    private static void refused(RawFrameSocket socket, String message, String code) throws Exception {
        int mark = socket.mark();
        socket.sendText(message);
        JsonNode error = socket.await(mark, m -> RawFrameSocket.type(m).equals("error"), code);
        assertEquals(code, error.path("code").asText(), () -> message.substring(0, Math.min(200, message.length()))
                + ": " + error);
        assertTrue(error.has("seq") && error.get("seq").isNull(), error::toString);
        socket.assertAlive();
        assertEquals(1, socket.since(mark).stream().filter(m -> RawFrameSocket.type(m).equals("error")).count(),
                () -> "one error: " + socket.since(mark));
    }

    private static JsonNode joined(RawLiveSocket socket) throws InterruptedException {
        return socket.await(0, m -> RawLiveSocket.type(m).equals("joined"), "joined");
    }

    private static String connectionId(RawFrameSocket socket) throws InterruptedException {
        return socket.await(0, m -> RawFrameSocket.type(m).equals("joined"), "joined").get("connectionId").asText();
    }

    private static JsonNode entry(JsonNode presence, String connectionId) {
        for (JsonNode p : presence) {
            if (p.path("connectionId").asText().equals(connectionId)) {
                return p;
            }
        }
        throw new AssertionError("no presence of " + connectionId + " in " + presence);
    }

    /** Waits for a presence change of {@code connectionId} with this caret; returns it. */
    private static JsonNode awaitChange(RawLiveSocket reader, int mark, String connectionId, int caret)
            throws InterruptedException {
        reader.await(mark, m -> presenceOf(m, connectionId, caret), "the presence of " + connectionId + " at " + caret);
        return changes(reader, mark, connectionId).stream()
                .filter(c -> c.path("caret").isInt() && c.get("caret").asInt() == caret).findFirst().orElseThrow();
    }

    private static boolean presenceOf(JsonNode message, String connectionId, int caret) {
        if (!RawLiveSocket.type(message).equals("presence")) {
            return false;
        }
        for (JsonNode change : message.get("changes")) {
            if (change.path("connectionId").asText().equals(connectionId) && change.path("caret").isInt()
                    && change.get("caret").asInt() == caret) {
                return true;
            }
        }
        return false;
    }

    /** The presence changes of one connection that reached {@code reader} since {@code mark}. */
    private static List<JsonNode> changes(RawLiveSocket reader, int mark, String connectionId) {
        return frames(reader.since(mark)).stream()
                .filter(c -> c.path("connectionId").asText().equals(connectionId)).toList();
    }

    /** Every entry of the presence frames among {@code messages}. */
    private static List<JsonNode> frames(List<JsonNode> messages) {
        List<JsonNode> entries = new ArrayList<>();
        for (JsonNode m : messages) {
            if (RawLiveSocket.type(m).equals("presence")) {
                m.get("changes").forEach(entries::add);
            }
        }
        return entries;
    }
}
