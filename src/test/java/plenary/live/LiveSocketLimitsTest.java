package plenary.live;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import plenary.http.HttpTestClient;
import plenary.http.LiveLimits;
import plenary.http.RunningServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static plenary.live.LiveDocs.q;

/**
 * The message limit and text encoding of the live socket at the server's default limit, as a browser
 * meets them: whether or not the client offers permessage-deflate (the server declines it, and a
 * compressed frame is then a protocol error), in one frame or several. Up to 4 × the limit a
 * message gets {@code message-too-large} and the socket stays open; beyond, the socket is closed with
 * 1009; a text message that is not UTF-8 closes it with 1007. Nothing of any of them is applied.
 */
@Tag("integration")
class LiveSocketLimitsTest {
    private static final int LIMIT = LiveLimits.DEFAULTS.maxMessageBytes();
    /** {@code {"type":"ping","t":""}}: a ping of n bytes carries n − 22 of them in {@code t}. */
    private static final int PING_ENVELOPE = 22;
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    @TempDir
    static Path dir;

    static RunningServer server;
    static HttpTestClient rest;
    static String documentId;
    static String clause;
    /** Where the tests that must be applied write, so that {@link #clause} only ever changes if a refusal fails. */
    static String another;
    /** Joined throughout: it must keep working, and see no commit, whatever the others send. */
    static RawLiveSocket bystander;

    @BeforeAll
    static void start() throws Exception {
        server = RunningServer.start(dir, "--no-samples");
        rest = server.http();
        JsonNode created = LiveDocs.create(rest, LiveDocs.STRUCTURED);
        documentId = created.get("id").asText();
        clause = LiveDocs.ids(created).get(6);
        another = LiveDocs.ids(created).get(3);
        bystander = RawLiveSocket.joined(HttpClient.newHttpClient(), uri(), "limits-bystander", "Bystander");
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

    // ---- within the limit ---------------------------------------------------------------------

    @ParameterizedTest(name = "deflate offered {0}")
    @ValueSource(booleans = {false, true})
    void aMessageOfExactlyTheLimitIsReadInOneFrameOrMany(boolean deflate) throws Exception {
        try (RawFrameSocket socket = joined(deflate)) {
            for (int frames : List.of(1, 3)) {
                byte[] ping = ping(LIMIT, "exact-" + frames);
                assertEquals(LIMIT, ping.length);
                int mark = socket.mark();
                socket.sendText(ping, frames);
                JsonNode pong = socket.await(mark, m -> !type(m).equals("presence"), "an answer");
                assertEquals("pong", type(pong), () -> frames + " frame(s): " + pong);
                assertEquals(LIMIT - PING_ENVELOPE, pong.get("t").asText().length());
            }
        }
    }

    /** Characters cut between frames are joined again before decoding: only the whole message must be UTF-8. */
    @ParameterizedTest(name = "deflate offered {0}")
    @ValueSource(booleans = {false, true})
    void charactersCutBetweenFramesAreReadWhole(boolean deflate) throws Exception {
        try (RawFrameSocket socket = joined(deflate)) {
            // A replacement character sent as valid UTF-8 is text like any other.
            String inserted = "é中🌍\uFFFD ".repeat(20);
            long seq = CLIENTS.incrementAndGet();
            byte[] submit = ("{\"type\":\"submit\",\"seq\":" + seq + ",\"change\":" + textChange(another,
                    "[" + q(inserted) + "]") + "}").getBytes(StandardCharsets.UTF_8);
            int mark = bystander.mark();
            // Uncompressed, one byte per frame: every multi-byte character is cut. Compressed, the
            // inflated frames end wherever the compressed bytes let them (not one byte per frame:
            // Netty refuses a first frame that inflates to nothing).
            socket.sendText(submit, deflate ? 7 : submit.length);
            JsonNode commit = bystander.await(mark, m -> type(m).equals("ops"), "the commit").get("ops").get(0);
            assertEquals(inserted, commit.at("/change/op/0").asText());
            assertTrue(text(another).startsWith(inserted), text(another));
        }
    }

    // ---- over the limit: an error, and the socket stays open ------------------------------------

    @ParameterizedTest(name = "deflate offered {0}")
    @ValueSource(booleans = {false, true})
    void aMessageOverTheLimitUpToFourTimesItGetsMessageTooLarge(boolean deflate) throws Exception {
        try (RawFrameSocket socket = joined(deflate)) {
            for (int size : List.of(LIMIT + 1, 2 * LIMIT + 7, 4 * LIMIT)) {
                refusedAsTooLarge(socket, ping(size, "size-" + size), size + " bytes");
            }
            // A submit over the limit is not applied (and can be resent within it).
            String op = "[" + q("y".repeat(LIMIT)) + "]";
            byte[] submit = ("{\"type\":\"submit\",\"seq\":1,\"change\":" + textChange(op) + "}")
                    .getBytes(StandardCharsets.UTF_8);
            refusedAsTooLarge(socket, submit, "a submit");
        }
    }

    // ---- beyond 4 × the limit, or not UTF-8: the socket is closed ----------------------------------

    @ParameterizedTest(name = "deflate offered {0}")
    @ValueSource(booleans = {false, true})
    void aMessageOverFourTimesTheLimitClosesTheSocketWith1009(boolean deflate) throws Exception {
        for (int frames : List.of(1, 5)) {
            closes(deflate, ping(4 * LIMIT + 1, "over-" + frames), frames, 1009);
        }
        // Compressed or not, a frame over 4 × the limit is refused before it is read.
        byte[] random = new byte[8 * LIMIT];
        new SplittableRandom(7).nextBytes(random);
        String noise = Base64.getEncoder().encodeToString(random);
        closes(deflate, ping(noise.length() + PING_ENVELOPE, noise), 1, 1009);
    }

    /** RFC 6455 §8.1: a text message that is not UTF-8 fails the connection (1007); never U+FFFD. */
    @ParameterizedTest(name = "deflate offered {0}")
    @ValueSource(booleans = {false, true})
    void textThatIsNotUtf8ClosesTheSocketWith1007(boolean deflate) throws Exception {
        List<String> invalid = List.of(
                "c328",       // a lead byte followed by ASCII
                "80",         // a continuation byte alone
                "c0af",       // an overlong '/'
                "eda080",     // a UTF-16 surrogate encoded as UTF-8
                "f4908080",   // beyond U+10FFFF
                "ff",         // never in UTF-8
                "e282");      // a character cut short by the end of the message
        for (String hex : invalid) {
            for (int frames : List.of(1, 2)) {
                ByteArrayOutputStream submit = new ByteArrayOutputStream();
                String change = textChange("[\"bad \"]");
                submit.writeBytes(("{\"type\":\"submit\",\"seq\":1,\"change\":" + change.substring(0,
                        change.length() - "\"]}".length())).getBytes(StandardCharsets.UTF_8));
                submit.writeBytes(HexFormat.of().parseHex(hex));
                if (!hex.equals("e282")) {
                    submit.writeBytes(" end\"]}}".getBytes(StandardCharsets.UTF_8));
                }
                closes(deflate, submit.toByteArray(), frames, 1007);
            }
        }
        assertFalse(text(clause).contains("\uFFFD"), "nothing decoded with replacement was stored: " + text(clause));
    }

    /** A frame that breaks RFC 6455 itself (a continuation that continues nothing) closes with 1002. */
    @ParameterizedTest(name = "deflate offered {0}")
    @ValueSource(booleans = {false, true})
    void aContinuationOutsideAMessageClosesTheSocketWith1002(boolean deflate) throws Exception {
        JsonNode before = document();
        int mark = bystander.mark();
        try (RawFrameSocket socket = joined(deflate)) {
            socket.sendFrame(RawFrameSocket.CONTINUATION, true, false, ping(40, "stray"));
            assertEquals(1002, socket.awaitClose(), socket::closeReason);
        }
        unchanged(before, mark);
    }

    /**
     * A browser's offer of permessage-deflate is declined (it costs the server more than it saves:
     * see PlenaryServer), so a compressed frame (RSV1 set) is one no extension allows: 1002, and
     * nothing of it is applied.
     */
    @Test
    void aCompressedFrameAfterTheOfferWasDeclinedClosesTheSocketWith1002() throws Exception {
        JsonNode before = document();
        int mark = bystander.mark();
        try (RawFrameSocket socket = joined(true)) {
            String submit = "{\"type\":\"submit\",\"seq\":1,\"change\":" + textChange("[\"compressed \"]") + "}";
            byte[] compressed = new PerMessageDeflate(false).compress(submit.getBytes(StandardCharsets.UTF_8));
            socket.sendFrame(RawFrameSocket.TEXT, true, true, compressed);
            assertEquals(1002, socket.awaitClose(), socket::closeReason);
        }
        unchanged(before, mark);
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** Sends one message; it must get exactly one {@code message-too-large} error, and change nothing. */
    private static void refusedAsTooLarge(RawFrameSocket socket, byte[] message, String what) throws Exception {
        JsonNode before = document();
        int bystanderMark = bystander.mark();
        for (int frames : List.of(1, 3)) {
            int mark = socket.mark();
            socket.sendText(message, frames);
            JsonNode error = socket.await(mark, m -> type(m).equals("error") || type(m).equals("pong"),
                    "the answer to " + what);
            assertEquals("message-too-large", error.path("code").asText(), () -> what + " in " + frames + ": " + error);
            assertTrue(error.has("seq") && error.get("seq").isNull(), () -> what + ": " + error);
            socket.assertAlive();
            long errors = socket.since(mark).stream().filter(m -> type(m).equals("error")).count();
            assertEquals(1, errors, () -> what + " in " + frames + ": one error: " + socket.since(mark));
            assertEquals(null, socket.closeCode(), what + " in " + frames + ": the socket stays open");
        }
        unchanged(before, bystanderMark);
    }

    /** A fresh socket sends one message in {@code frames} frames: the server must close it with {@code code}. */
    private static void closes(boolean deflate, byte[] message, int frames, int code) throws Exception {
        JsonNode before = document();
        int mark = bystander.mark();
        try (RawFrameSocket socket = joined(deflate)) {
            int own = socket.mark();
            try {
                socket.sendText(message, frames);
            } catch (IOException e) {
                // Refused at the frame's header, the rest of it may meet a connection already closed.
            }
            assertEquals(code, socket.awaitClose(), () -> message.length + " bytes in " + frames + " frame(s): "
                    + socket.closeReason() + "; received " + socket.since(own));
            assertTrue(socket.since(own).stream().noneMatch(m -> type(m).equals("ops")),
                    () -> "nothing was applied: " + socket.since(own));
        }
        unchanged(before, mark);
    }

    /** The stored document is as it was, and the bystander got no commit and still answers. */
    private static void unchanged(JsonNode before, int bystanderMark) throws Exception {
        bystander.assertAlive();
        assertFalse(bystander.since(bystanderMark).stream().anyMatch(m -> type(m).equals("ops")),
                () -> "no commit reached anyone: " + bystander.since(bystanderMark));
        assertEquals(before, document(), "nothing changed");
    }

    /** A ping of exactly {@code bytes} bytes of UTF-8 whose {@code t} starts with {@code tag}. */
    private static byte[] ping(int bytes, String tag) {
        String t = (tag + "-").repeat(1 + (bytes - PING_ENVELOPE) / (tag.length() + 1)).substring(0,
                bytes - PING_ENVELOPE);
        byte[] ping = ("{\"type\":\"ping\",\"t\":\"" + t + "\"}").getBytes(StandardCharsets.UTF_8);
        assertEquals(bytes, ping.length);
        return ping;
    }

    /** A joined socket that offered permessage-deflate or not: either way it was declined. */
    private static RawFrameSocket joined(boolean deflate) throws IOException, InterruptedException {
        RawFrameSocket socket = RawFrameSocket.joined(uri(), server.token(), deflate, "limits-" + CLIENTS.incrementAndGet());
        assertFalse(socket.compressing(), "the server agreed to permessage-deflate");
        return socket;
    }

    private static String textChange(String op) {
        return textChange(clause, op);
    }

    private static String textChange(String clauseId, String op) {
        return "{\"type\":\"text\",\"clauseId\":" + q(clauseId) + ",\"version\":"
                + LiveDocs.clause(document(), clauseId).get("version").asLong() + ",\"op\":" + op + "}";
    }

    private static String text(String clauseId) {
        return LiveDocs.clause(document(), clauseId).get("text").asText();
    }

    private static JsonNode document() {
        return LiveDocs.getJson(rest, "/api/documents/" + documentId);
    }

    private static String type(JsonNode message) {
        return RawFrameSocket.type(message);
    }

    private static URI uri() {
        return LiveDocs.liveUri(server.port(), documentId);
    }
}
