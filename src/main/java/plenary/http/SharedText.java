package plenary.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;

import java.nio.charset.StandardCharsets;

/**
 * One broadcast text message, encoded to UTF-8 once per event loop and written to each of its
 * sockets as views of the same bytes. {@code writeTextMessage} encoded the string again for every
 * socket: a silence procedure's conclusion, 137 KB, was encoded 510 times for one room (issue 17).
 * Vert.x 5.0.7 has no public text frame made from bytes, so this uses its frame class from
 * {@code io.vertx.core.http.impl.ws}; a Vert.x upgrade must keep {@code SharedTextTest} passing.
 * Messages are cut into frames of at most {@link #MAX_FRAME} bytes, as {@code writeTextMessage} cuts
 * them (Vert.x's default frame size, which its own clients accept).
 */
final class SharedText {
    static final int MAX_FRAME = 65_536;

    private final ByteBuf bytes;

    private SharedText(ByteBuf bytes) {
        this.bytes = bytes;
    }

    static SharedText of(String text) {
        return new SharedText(Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Writes the message to {@code socket}: one final text frame, or a text frame and its continuations. */
    void writeTo(ServerWebSocket socket) {
        int size = bytes.readableBytes();
        if (size <= MAX_FRAME) {
            socket.writeFrame(new WebSocketFrameImpl(WebSocketFrameType.TEXT, bytes.retainedDuplicate(), true));
            return;
        }
        for (int at = 0; at < size; at += MAX_FRAME) {
            int length = Math.min(MAX_FRAME, size - at);
            WebSocketFrameType type = at == 0 ? WebSocketFrameType.TEXT : WebSocketFrameType.CONTINUATION;
            socket.writeFrame(new WebSocketFrameImpl(type, bytes.retainedSlice(at, length), at + length == size));
        }
    }
}
