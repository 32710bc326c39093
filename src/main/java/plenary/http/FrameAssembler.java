package plenary.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Joins one live socket's frames into messages under the protocol's rules, where Vert.x's own
 * {@code textMessageHandler} would not: a message's size is the bytes of all its frames (no
 * compression is agreed, see PlenaryServer); one over the limit is dropped as it comes and answered once
 * whole, and one over the hard limit ends the socket (1009) without being kept; a text message is
 * decoded strictly, so bytes that are not UTF-8 end the socket (1007, RFC 6455 §8.1) instead of
 * turning into U+FFFD. Runs on the socket's context only.
 */
final class FrameAssembler {
    static final short CLOSE_INVALID_TEXT = 1007;
    static final short CLOSE_TOO_BIG = 1009;

    /** What the frames add up to. */
    interface Messages {
        void text(String text);

        void binary();

        void tooLarge();

        void fail(short code, String reason);
    }

    private final LiveLimits limits;
    private final Messages messages;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private boolean inMessage;
    private boolean text;
    private long size;
    /** The text frames so far, while a text message within the limit spans several; else null. */
    private Buffer parts;
    private boolean failed;

    FrameAssembler(LiveLimits limits, Messages messages) {
        this.limits = limits;
        this.messages = messages;
    }

    void frame(WebSocketFrame frame) {
        if (failed) {
            return;
        }
        switch (frame.type()) {
            case TEXT, BINARY -> {
                inMessage = true;
                text = frame.isText();
                size = 0;
                parts = null;
            }
            case CONTINUATION -> {
                if (!inMessage) {
                    return; // Netty refuses a continuation of nothing before it gets here
                }
            }
            default -> {
                return; // ping, pong and close are Vert.x's to answer
            }
        }
        Buffer data = frame.binaryData();
        size += data.length();
        if (size > limits.hardMessageBytes()) {
            failed = true;
            parts = null;
            messages.fail(CLOSE_TOO_BIG, "message over " + limits.hardMessageBytes() + " bytes");
            return;
        }
        boolean keep = text && size <= limits.maxMessageBytes();
        if (!keep) {
            parts = null;
        } else if (parts != null || !frame.isFinal()) {
            parts = parts == null ? Buffer.buffer() : parts;
            parts.appendBuffer(data);
        }
        if (!frame.isFinal()) {
            return;
        }
        inMessage = false;
        Buffer whole = parts == null ? data : parts;
        parts = null;
        if (size > limits.maxMessageBytes()) {
            messages.tooLarge();
        } else if (!text) {
            messages.binary();
        } else {
            decode(whole);
        }
    }

    private void decode(Buffer bytes) {
        String decoded;
        try {
            decoded = utf8.decode(ByteBuffer.wrap(bytes.getBytes())).toString();
        } catch (CharacterCodingException e) {
            failed = true;
            messages.fail(CLOSE_INVALID_TEXT, "a text message that is not UTF-8");
            return;
        }
        messages.text(decoded);
    }
}
