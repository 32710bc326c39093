package plenary.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import plenary.http.HttpTestClient;
import plenary.http.RunningServer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static plenary.live.LiveDocs.q;

/**
 * Every kind of bad input on the live socket gets the error code the protocol names, on a socket
 * that stays usable, while other sockets go on working and the document does not change.
 */
@Tag("integration")
class LiveBadInputTest {
    private static final int MAX_MESSAGE = 2048;
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    @TempDir
    static Path dir;

    static RunningServer server;
    static HttpTestClient rest;
    static HttpClient http;
    static String documentId;
    static String pp1;
    static String emojiClause;
    static String op2;
    static String subA;
    static String op3;
    /** A second socket, joined throughout: it must keep answering whatever the others send. */
    static RawLiveSocket bystander;

    @BeforeAll
    static void start() throws Exception {
        server = RunningServer.start(dir, "--no-samples", "--ws-max-message-bytes", "" + MAX_MESSAGE);
        rest = server.http();
        http = HttpClient.newHttpClient();
        JsonNode created = LiveDocs.create(rest, LiveDocs.STRUCTURED);
        documentId = created.get("id").asText();
        List<String> ids = LiveDocs.ids(created);
        pp1 = ids.get(0);
        emojiClause = ids.get(2);
        op2 = ids.get(3);
        subA = ids.get(4);
        op3 = ids.get(6);
        assertEquals("sub-paragraph", created.get("clauses").get(4).get("kind").asText(), created::toString);
        assertTrue(LiveDocs.clause(created, emojiClause).get("text").asText().contains("\uD83C\uDF0D"));
        bystander = RawLiveSocket.joined(http, uri(), "bystander", "Bystander");
    }

    @AfterAll
    static void stop() throws Exception {
        if (bystander != null) {
            bystander.close();
        }
        if (server != null) {
            server.close();
        }
    }

    // ---- the message itself -----------------------------------------------------------------

    @Test
    void malformedJson() throws Exception {
        try (RawLiveSocket socket = joinedSocket()) {
            refused(socket, "{not json", "malformed-json", NullNode.getInstance());
        }
    }

    @Test
    void aJsonArrayIsNotAnObject() throws Exception {
        try (RawLiveSocket socket = joinedSocket()) {
            refused(socket, "[{\"type\":\"ping\",\"t\":1}]", "malformed-json", NullNode.getInstance());
            refused(socket, "\"ping\"", "malformed-json", NullNode.getInstance());
        }
    }

    @Test
    void aMissingOrNonStringTypeIsUnknown() throws Exception {
        try (RawLiveSocket socket = joinedSocket()) {
            refused(socket, "{\"seq\":3,\"t\":1}", "unknown-type", NullNode.getInstance());
            refused(socket, "{\"type\":5,\"seq\":3}", "unknown-type", NullNode.getInstance());
        }
    }

    @Test
    void anUnknownTypeIsRefusedWithItsSeq() throws Exception {
        try (RawLiveSocket socket = joinedSocket()) {
            refused(socket, "{\"type\":\"shout\",\"seq\":4}", "unknown-type", IntNode.valueOf(4));
        }
    }

    @Test
    void aBinaryFrameIsUnsupported() throws Exception {
        try (RawLiveSocket socket = joinedSocket()) {
            JsonNode before = document();
            int mark = socket.mark();
            socket.sendBinary("{\"type\":\"ping\",\"t\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            JsonNode error = socket.awaitError(mark);
            assertError(error, "unsupported-message", NullNode.getInstance());
            stillFine(socket, before, mark);
        }
    }

    // ---- join -------------------------------------------------------------------------------

    @Test
    void submitAndPresenceBeforeJoinAreNotJoined() throws Exception {
        try (RawLiveSocket socket = RawLiveSocket.open(http, uri())) {
            refused(socket, submit(41, textChange(op3, 0, "[\"Early: \"]")), "not-joined", IntNode.valueOf(41));
            refused(socket, "{\"type\":\"presence\",\"clauseId\":" + q(op3) + ",\"caret\":1}", "not-joined",
                    NullNode.getInstance());
            // The same socket can still join and is then a full participant.
            JsonNode joined = socket.join("late-joiner", "Late");
            assertEquals("joined", joined.get("type").asText(), joined::toString);
        }
    }

    @Test
    void joinWithAnInvalidClientIdIsRefusedAndAGoodJoinStillWorks() throws Exception {
        try (RawLiveSocket socket = RawLiveSocket.open(http, uri())) {
            for (String join : List.of(
                    "{\"type\":\"join\",\"clientId\":\"has space\",\"name\":\"X\"}",
                    "{\"type\":\"join\",\"clientId\":\"\",\"name\":\"X\"}",
                    "{\"type\":\"join\",\"clientId\":\"" + "k".repeat(65) + "\",\"name\":\"X\"}",
                    "{\"type\":\"join\",\"clientId\":\"semi;colon\",\"name\":\"X\"}",
                    "{\"type\":\"join\",\"name\":\"X\"}")) {
                refused(socket, join, "invalid-message", NullNode.getInstance());
            }
            JsonNode joined = socket.join("k".repeat(64), "Long id");
            assertEquals("joined", joined.get("type").asText(), joined::toString);
        }
    }

    @Test
    void joiningTwiceIsRefused() throws Exception {
        try (RawLiveSocket socket = joinedSocket()) {
            refused(socket, "{\"type\":\"join\",\"clientId\":\"another-id\",\"name\":\"Again\",\"since\":-1}",
                    "invalid-message", NullNode.getInstance());
            refused(socket, "{\"type\":\"join\",\"clientId\":\"twice-again\",\"name\":\"Again\"}",
                    "invalid-message", NullNode.getInstance());
        }
    }

    /**
     * A join refused for a badly typed field must leave the socket un-joined, so that a corrected
     * join succeeds (and not a half-joined socket that was never subscribed to broadcasts and answers
     * every later join with "this socket has already joined").
     */
    @Test
    void aJoinRefusedForABadSinceLeavesTheSocketFreeToJoin() throws Exception {
        try (RawLiveSocket socket = RawLiveSocket.open(http, uri())) {
            refused(socket, "{\"type\":\"join\",\"clientId\":\"half-joined\",\"name\":\"Half\",\"since\":\"abc\"}",
                    "invalid-message", NullNode.getInstance());
            JsonNode answer = socket.join("half-joined", "Half");
            assertEquals("joined", answer.get("type").asText(),
                    "a corrected join after a refused one must be answered by joined, got " + answer);
        }
    }

    // ---- submit: the envelope ---------------------------------------------------------------

    @Test
    void submitWithANonIntegerSeqIsInvalid() throws Exception {
        try (RawLiveSocket socket = joinedSocket()) {
            String change = textChange(op3, 0, "[\"Never: \"]");
            refused(socket, "{\"type\":\"submit\",\"seq\":\"abc\",\"change\":" + change + "}", "invalid-message",
                    TextNode.valueOf("abc"));
            refused(socket, "{\"type\":\"submit\",\"seq\":-1,\"change\":" + change + "}", "invalid-message",
                    IntNode.valueOf(-1));
            refused(socket, "{\"type\":\"submit\",\"change\":" + change + "}", "invalid-message",
                    NullNode.getInstance());
            refused(socket, "{\"type\":\"submit\",\"seq\":3}", "invalid-message", IntNode.valueOf(3));
            refused(socket, "{\"type\":\"submit\",\"seq\":3,\"change\":\"text\"}", "invalid-message",
                    IntNode.valueOf(3));
        }
    }

    /**
     * {@code seq} is an integer; 1.5 is "of the wrong type" (invalid-message). Fails today:
     * LiveConnection.submit accepts any Number and truncates it with longValue(), so 1.5 is applied
     * as seq 1 (and 1e0, 1.0 likewise).
     */
    @Test
    void aFractionalSeqIsRefusedNotTruncated() throws Exception {
        try (RawLiveSocket socket = joinedSocket()) {
            refused(socket, "{\"type\":\"submit\",\"seq\":1.5,\"change\":" + textChange(op3, version(op3),
                    "[\"Fractional: \"]") + "}", "invalid-message", DoubleNode.valueOf(1.5));
        }
    }

    // ---- submit: the change -----------------------------------------------------------------

    @Test
    void anOpBeyondTheClauseIsOutOfRange() throws Exception {
        try (RawLiveSocket socket = joinedSocket()) {
            int length = text(op3).length();
            long version = version(op3);
            refused(socket, submit(11, textChange(op3, version, "[" + (length + 1) + ",\"x\"]")), "op-out-of-range",
                    IntNode.valueOf(11));
            refused(socket, submit(12, textChange(op3, version, "[" + length + ",-1]")), "op-out-of-range",
                    IntNode.valueOf(12));
            refused(socket, submit(13, textChange(op3, version, "[-" + (length + 1) + "]")), "op-out-of-range",
                    IntNode.valueOf(13));
        }
    }

    /**
     * The protocol forbids cutting a surrogate pair but names no code; the server answers
     * invalid-change ("splits a surrogate pair"), and that is what is pinned here.
     */
    @Test
    void anOpSplittingASurrogatePairIsRefused() throws Exception {
        try (RawLiveSocket socket = joinedSocket()) {
            String text = text(emojiClause);
            int high = text.indexOf('\uD83C');
            assertTrue(high > 0 && Character.isLowSurrogate(text.charAt(high + 1)), text);
            long version = version(emojiClause);
            JsonNode e = refused(socket, submit(21, textChange(emojiClause, version, "[" + (high + 1) + ",\"x\"]")),
                    "invalid-change", IntNode.valueOf(21));
            assertTrue(e.get("message").asText().contains("surrogate"), e::toString);
            refused(socket, submit(22, textChange(emojiClause, version, "[" + high + ",-1]")), "invalid-change",
                    IntNode.valueOf(22));
            refused(socket, submit(23, textChange(emojiClause, version, "[" + (high + 1) + ",-1]")), "invalid-change",
                    IntNode.valueOf(23));
            // A lone surrogate sent as a JSON escape is text no store can hold: refused before the
            // sequencer, like a NUL, as invalid-text (plenary.security.SocketNulTest).
            refused(socket, submit(24, textChange(emojiClause, version, "[\"\\ud83c\"]")), "invalid-text",
                    IntNode.valueOf(24));
        }
    }

    @Test
    void anUnknownClauseIsRefused() throws Exception {
        try (RawLiveSocket socket = joinedSocket()) {
            refused(socket, submit(31, textChange("nope", 0, "[\"x\"]")), "unknown-clause", IntNode.valueOf(31));
            refused(socket, submit(32, "{\"type\":\"delete\",\"clauseId\":\"nope\"}"), "unknown-clause",
                    IntNode.valueOf(32));
            refused(socket, submit(33, "{\"type\":\"move\",\"clauseId\":\"nope\",\"after\":null}"), "unknown-clause",
                    IntNode.valueOf(33));
            refused(socket, submit(34, "{\"type\":\"set-kind\",\"clauseId\":\"nope\",\"kind\":\"operative\"}"),
                    "unknown-clause", IntNode.valueOf(34));
            refused(socket, submit(35, "{\"type\":\"move\",\"clauseId\":" + q(op3) + ",\"after\":\"nope\"}"),
                    "unknown-clause", IntNode.valueOf(35));
        }
    }

    @Test
    void aVersionNewerThanTheClauseIsBad() throws Exception {
        try (RawLiveSocket socket = joinedSocket()) {
            long version = version(op2);
            refused(socket, submit(41, textChange(op2, version + 1, "[\"x\"]")), "bad-version", IntNode.valueOf(41));
            refused(socket, submit(42, textChange(op2, version + 1000, "[\"x\"]")), "bad-version",
                    IntNode.valueOf(42));
            refused(socket, submit(43, textChange(op2, -1, "[\"x\"]")), "bad-version", IntNode.valueOf(43));
        }
    }

    @Test
    void anUnknownChangeTypeIsInvalid() throws Exception {
        try (RawLiveSocket socket = joinedSocket()) {
            refused(socket, submit(51, "{\"type\":\"split\",\"clauseId\":" + q(op2) + "}"), "invalid-change",
                    IntNode.valueOf(51));
            refused(socket, submit(52, "{\"clauseId\":" + q(op2) + "}"), "invalid-change", IntNode.valueOf(52));
            refused(socket, submit(53, "{\"type\":\"text\",\"clauseId\":" + q(op2) + ",\"version\":0,\"op\":[0]}"),
                    "invalid-change", IntNode.valueOf(53));
        }
    }

    @Test
    void anUnknownClauseKindIsInvalid() throws Exception {
        try (RawLiveSocket socket = joinedSocket()) {
            refused(socket, submit(61, "{\"type\":\"insert\",\"after\":" + q(op3) + ",\"kind\":\"amendment\","
                    + "\"text\":\"x\"}"), "invalid-change", IntNode.valueOf(61));
            refused(socket, submit(62, "{\"type\":\"insert\",\"after\":" + q(op3) + ",\"text\":\"x\"}"),
                    "invalid-change", IntNode.valueOf(62));
            refused(socket, submit(63, "{\"type\":\"set-kind\",\"clauseId\":" + q(op3) + ",\"kind\":\"Operative\"}"),
                    "invalid-change", IntNode.valueOf(63));
        }
    }

    @Test
    void anInsertAfterAnUnknownClauseIsRefused() throws Exception {
        try (RawLiveSocket socket = joinedSocket()) {
            refused(socket, submit(71, "{\"type\":\"insert\",\"clauseId\":\"orphan-1\",\"after\":\"nope\","
                    + "\"kind\":\"operative\",\"text\":\"x\"}"), "unknown-clause", IntNode.valueOf(71));
        }
    }

    @Test
    void changesThatWouldOrphanASubParagraphAreInvalid() throws Exception {
        try (RawLiveSocket socket = joinedSocket()) {
            // (a) to the very top; PP1 between operative 2 and its (a); operative 2 made preambular;
            // a preambular inserted between operative 2 and (a); a sub-paragraph inserted at the top.
            refused(socket, submit(81, "{\"type\":\"move\",\"clauseId\":" + q(subA) + ",\"after\":null}"),
                    "invalid-change", IntNode.valueOf(81));
            refused(socket, submit(82, "{\"type\":\"move\",\"clauseId\":" + q(pp1) + ",\"after\":" + q(op2) + "}"),
                    "invalid-change", IntNode.valueOf(82));
            refused(socket, submit(83, "{\"type\":\"set-kind\",\"clauseId\":" + q(op2) + ",\"kind\":\"preambular\"}"),
                    "invalid-change", IntNode.valueOf(83));
            refused(socket, submit(84, "{\"type\":\"insert\",\"after\":" + q(op2) + ",\"kind\":\"preambular\","
                    + "\"text\":\"*Wedged* in,\"}"), "invalid-change", IntNode.valueOf(84));
            refused(socket, submit(85, "{\"type\":\"insert\",\"after\":null,\"kind\":\"sub-paragraph\","
                    + "\"text\":\"on nothing;\"}"), "invalid-change", IntNode.valueOf(85));
            refused(socket, submit(86, "{\"type\":\"move\",\"clauseId\":" + q(op3) + ",\"after\":" + q(op3) + "}"),
                    "invalid-change", IntNode.valueOf(86));
        }
    }

    @Test
    void aDuplicateInsertedClauseIdIsRefused() throws Exception {
        try (RawLiveSocket socket = joinedSocket()) {
            refused(socket, submit(91, "{\"type\":\"insert\",\"clauseId\":" + q(op2) + ",\"after\":" + q(op3)
                    + ",\"kind\":\"operative\",\"text\":\"Copy\"}"), "duplicate-clause", IntNode.valueOf(91));
            refused(socket, submit(92, "{\"type\":\"insert\",\"clauseId\":" + q(pp1) + ",\"after\":null"
                    + ",\"kind\":\"preambular\",\"text\":\"*Copy*\"}"), "duplicate-clause", IntNode.valueOf(92));
        }
    }

    // ---- limits -----------------------------------------------------------------------------

    @Test
    void aMessageOverTheLimitIsRefusedAndTheSocketStaysOpen() throws Exception {
        try (RawLiveSocket socket = joinedSocket()) {
            String big = "{\"type\":\"ping\",\"t\":\"" + "x".repeat(5000 - 22) + "\"}";
            assertEquals(5000, big.length());
            refused(socket, big, "message-too-large", NullNode.getInstance());
            refused(socket, submit(5, textChange(op3, version(op3), "[" + q("y".repeat(3000)) + "]")),
                    "message-too-large", NullNode.getInstance());
            assertEquals(null, socket.closeCode(), "still open");
        }
    }

    /**
     * The limit is in bytes (UTF-8), as LiveLimits and the protocol say, not in UTF-16 code units:
     * a message of 1,122 characters but 2,222 bytes is over a limit of 2,048.
     */
    @Test
    void theMessageLimitCountsUtf8Bytes() throws Exception {
        try (RawLiveSocket socket = joinedSocket()) {
            // 1,000 'é' are 2,000 bytes: with the envelope 2,022, under the limit of 2,048.
            String underInBytes = "{\"type\":\"ping\",\"t\":\"" + "é".repeat(1000) + "\"}";
            int mark = socket.mark();
            socket.send(underInBytes);
            JsonNode pong = socket.await(mark, m -> RawLiveSocket.type(m).equals("pong")
                    || RawLiveSocket.type(m).equals("error"), "the answer to a 2,020-byte ping");
            assertEquals("pong", pong.get("type").asText(), pong::toString);
            refused(socket, "{\"type\":\"ping\",\"t\":\"" + "é".repeat(1100) + "\"}", "message-too-large",
                    NullNode.getInstance());
            assertEquals(null, socket.closeCode(), "still open");
        }
    }

    /**
     * Over 4 × the limit Vert.x stops reading the message; the protocol (and LiveLimits) say the
     * socket is then closed with 1009. Fails today: Vert.x only reports the overflow to
     * LiveConnection's exception handler (LiveConnection.java:47, {@code e -> onClose()}), which
     * marks the connection closed and leaves the document's presence but never closes the socket:
     * the client is left with an open socket that answers nothing.
     */
    @Test
    void aMessageOverFourTimesTheLimitClosesTheSocketWith1009() throws Exception {
        try (RawLiveSocket socket = joinedSocket()) {
            JsonNode before = document();
            String huge = "{\"type\":\"ping\",\"t\":\"" + "x".repeat(4 * MAX_MESSAGE + 1000) + "\"}";
            socket.sendNoWait(huge);
            assertEquals(1009, socket.awaitClose(5_000), "close code; reason " + socket.closeReason());
            bystander.assertAlive();
            assertEquals(before, document());
        }
    }

    @Test
    void tooFrequentMessagesAreRateLimitedThenAllowedAgain(@TempDir Path rateDir) throws Exception {
        try (RunningServer limited = RunningServer.start(rateDir, "--no-samples", "--ws-rate", "5", "--ws-burst", "5")) {
            JsonNode created = LiveDocs.create(limited.http(), LiveDocs.STRUCTURED);
            URI live = LiveDocs.liveUri(limited.port(), created.get("id").asText());
            try (RawLiveSocket fast = RawLiveSocket.joined(http, live, "fast", "Fast");
                 RawLiveSocket calm = RawLiveSocket.joined(http, live, "calm", "Calm")) {
                int mark = fast.mark();
                for (int i = 1; i <= 20; i++) {
                    fast.send("{\"type\":\"ping\",\"t\":" + i + "}");
                }
                fast.await(mark, m -> answers(fast, mark) >= 20, "20 answers");
                List<JsonNode> answers = fast.since(mark).stream()
                        .filter(m -> RawLiveSocket.type(m).equals("pong") || RawLiveSocket.type(m).equals("error"))
                        .toList();
                long pongs = answers.stream().filter(m -> RawLiveSocket.type(m).equals("pong")).count();
                List<JsonNode> errors = answers.stream().filter(m -> RawLiveSocket.type(m).equals("error")).toList();
                assertEquals(20, answers.size(), answers::toString);
                for (JsonNode error : errors) {
                    assertError(error, "rate-limited", NullNode.getInstance());
                }
                // Burst 5, one token spent on the join: about 4 pass, the rest are refused.
                assertTrue(pongs >= 3 && pongs <= 10, "pongs: " + pongs + " of " + answers);
                assertTrue(errors.size() >= 10, "rate-limited: " + errors.size());
                assertEquals(null, fast.closeCode(), "rate limiting does not close the socket");
                // Another connection has its own allowance.
                calm.assertAlive();
                // After a pause the bucket refills: poll with a ping every 250 ms (refused pings cost nothing).
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                boolean answered = false;
                while (!answered && System.nanoTime() < deadline) {
                    Thread.sleep(250);
                    int before = fast.mark();
                    fast.send("{\"type\":\"ping\",\"t\":\"again\"}");
                    JsonNode reply = fast.await(before, m -> RawLiveSocket.type(m).equals("pong")
                            || RawLiveSocket.type(m).equals("error"), "an answer");
                    answered = RawLiveSocket.type(reply).equals("pong");
                }
                assertTrue(answered, "the socket works again after waiting");
                assertEquals(null, fast.closeCode());
            }
        }
    }

    private static long answers(RawLiveSocket socket, int mark) {
        return socket.since(mark).stream()
                .filter(m -> RawLiveSocket.type(m).equals("pong") || RawLiveSocket.type(m).equals("error")).count();
    }

    // ---- the upgrade ------------------------------------------------------------------------

    @Test
    void theUpgradeForAnUnknownDocumentIs404Problem() throws Exception {
        assertUpgradeRefused("nosuchdocument", 404, "/problems/not-found");
    }

    @Test
    void theUpgradeForAMalformedIdIs400Problem() throws Exception {
        assertUpgradeRefused("bad.id", 400, "/problems/bad-request");
        assertUpgradeRefused("x".repeat(65), 400, "/problems/bad-request");
    }

    /**
     * A plain GET (no upgrade) of the live URL of an existing document is a client error, answered
     * with problem JSON like every other. Fails today: an HTTP/1.1 GET gets 400 with a text/plain
     * body ("Connection" header must be "Upgrade".), and the JDK client's default (HTTP/2 upgrade
     * attempt) gets 500 internal; both log an ERROR with a stack trace (ProblemResponder falls to its
     * default branch because LiveRoutes.upgrade passes toWebSocket()'s failure to ctx.fail as is).
     */
    @Test
    void aPlainGetOfAnExistingDocumentsLiveUrlIsAClientErrorProblem() throws Exception {
        for (HttpClient.Version version : List.of(HttpClient.Version.HTTP_1_1, HttpClient.Version.HTTP_2)) {
            try (HttpClient client = HttpClient.newBuilder().version(version).connectTimeout(Duration.ofSeconds(10))
                    .build()) {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                                + server.port() + "/api/documents/" + documentId + "/live")).timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + plenary.http.TestAccounts.token(server.port(), null))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertTrue(response.statusCode() == 400 || response.statusCode() == 426,
                        version + ": status " + response.statusCode() + " " + response.body());
                assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""),
                        version + ": " + response.body());
            }
        }
    }

    private static void assertUpgradeRefused(String id, int status, String problemType) throws Exception {
        URI live = URI.create("ws://127.0.0.1:" + server.port() + "/api/documents/" + id + "/live");
        try {
            RawLiveSocket socket = RawLiveSocket.open(http, live);
            socket.close();
            fail("the upgrade for " + id + " was accepted");
        } catch (ExecutionException e) {
            WebSocketHandshakeException handshake = assertInstanceOf(WebSocketHandshakeException.class, e.getCause());
            HttpResponse<?> response = handshake.getResponse();
            assertEquals(status, response.statusCode());
            assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
            if (response.body() instanceof String body) {
                JsonNode problem = HttpTestClient.JSON.readTree(body);
                assertEquals(status, problem.get("status").asInt(), body);
                assertEquals(problemType, problem.get("type").asText(), body);
            }
        }
        // The same answer to a plain GET, with a body to read.
        HttpResponse<String> plain = rest.get("/api/documents/" + id + "/live");
        LiveDocs.assertProblem(plain, status, problemType);
    }

    // ---- a socket that was refused still edits ------------------------------------------------

    @Test
    void afterRefusalsTheSameSocketStillEditsAndOthersSeeIt() throws Exception {
        String clientId = "persistent-" + CLIENTS.incrementAndGet();
        try (RawLiveSocket socket = RawLiveSocket.joined(http, uri(), clientId, "Persistent");
             LiveTestClient watcher = new LiveTestClient(http, uri(), "watcher").connect()) {
            refused(socket, "{not json", "malformed-json", NullNode.getInstance());
            refused(socket, submit(1, textChange("nope", 0, "[\"x\"]")), "unknown-clause", IntNode.valueOf(1));
            refused(socket, submit(2, textChange(op3, version(op3) + 5, "[\"x\"]")), "bad-version",
                    IntNode.valueOf(2));
            // A refused seq is not consumed: seq 1 can still be used for a good change.
            int mark = socket.submit(1, textChange(op3, version(op3), "[\"Still: \"]"));
            JsonNode commit = socket.awaitCommit(mark, clientId, 1);
            assertEquals("Persistent", commit.get("author").asText());
            assertTrue(text(op3).startsWith("Still: "), text(op3));
            LiveDocs.assertConverged(rest, documentId, List.of(watcher));
            assertTrue(watcher.text(op3).startsWith("Still: "));
        }
    }

    // ---- helpers ----------------------------------------------------------------------------

    private static URI uri() {
        return LiveDocs.liveUri(server.port(), documentId);
    }

    private static RawLiveSocket joinedSocket() throws Exception {
        String id = "bad-" + CLIENTS.incrementAndGet();
        RawLiveSocket socket = RawLiveSocket.open(http, uri());
        JsonNode answer = socket.join(id, "Tester " + id);
        assertEquals("joined", answer.get("type").asText(), answer::toString);
        return socket;
    }

    private static JsonNode document() {
        return LiveDocs.getJson(rest, "/api/documents/" + documentId);
    }

    private static String text(String clauseId) {
        return LiveDocs.clause(document(), clauseId).get("text").asText();
    }

    private static long version(String clauseId) {
        return LiveDocs.clause(document(), clauseId).get("version").asLong();
    }

    private static String submit(long seq, String change) {
        return "{\"type\":\"submit\",\"seq\":" + seq + ",\"change\":" + change + "}";
    }

    private static String textChange(String clauseId, long version, String op) {
        return "{\"type\":\"text\",\"clauseId\":" + q(clauseId) + ",\"version\":" + version + ",\"op\":" + op + "}";
    }

    /**
     * Sends one message and checks: exactly one error with {@code code} and {@code seq}; the socket
     * still answers a ping; another socket still answers one; the stored document is unchanged.
     */
    private static JsonNode refused(RawLiveSocket socket, String message, String code, JsonNode seq)
            throws Exception {
        JsonNode before = document();
        int mark = socket.mark();
        socket.send(message);
        JsonNode error = socket.awaitErrorOrOwnCommit(mark);
        assertEquals("error", error.get("type").asText(), () -> "refused, not applied: " + error);
        assertError(error, code, seq);
        stillFine(socket, before, mark);
        return error;
    }

    private static void stillFine(RawLiveSocket socket, JsonNode before, int mark) throws Exception {
        socket.assertAlive();
        long errors = socket.since(mark).stream().filter(m -> RawLiveSocket.type(m).equals("error")).count();
        assertEquals(1, errors, () -> "one error only: " + socket.since(mark));
        assertFalse(socket.since(mark).stream().anyMatch(m -> RawLiveSocket.type(m).equals("ops")),
                () -> "no commit: " + socket.since(mark));
        bystander.assertAlive();
        assertEquals(before, document(), "a refused message changes nothing");
        assertEquals(null, socket.closeCode(), "the socket stays open");
    }

    private static void assertError(JsonNode error, String code, JsonNode seq) {
        assertNotNull(error);
        assertEquals("error", error.get("type").asText());
        assertEquals(code, error.path("code").asText(), error::toString);
        assertTrue(error.has("seq"), () -> "an error carries seq (or null): " + error);
        assertEquals(seq, error.get("seq"), () -> "seq echoed: " + error);
        assertFalse(error.path("message").asText().isBlank(), error::toString);
    }
}
