package plenary.live;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A WebSocket client on a plain TCP socket that sends frames exactly as told: any bytes in a text
 * frame (the JDK client cannot send invalid UTF-8), a message cut into several frames, and, when it
 * offers permessage-deflate as every browser does and a server accepts, compressed messages (the
 * JDK client never offers it; Plenary declines it). It keeps every message the server sends, in order, and the close code.
 */
final class RawFrameSocket implements AutoCloseable {
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CONTINUATION = 0x0;
    private static final long WAIT_MILLIS = 15_000;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final PerMessageDeflate deflate;
    private final List<JsonNode> messages = new ArrayList<>();
    private Integer closeCode;
    private String closeReason;
    private IOException failure;

    private RawFrameSocket(Socket socket, DataInputStream in, PerMessageDeflate deflate) throws IOException {
        this.socket = socket;
        this.in = in;
        this.out = socket.getOutputStream();
        this.deflate = deflate;
        Thread reader = new Thread(this::read, "raw-frame-socket-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Opens a socket with {@code bearer}; with {@code offerDeflate} it offers permessage-deflate as a
     * browser does, and compresses only if the server accepts ({@link #compressing()}).
     */
    static RawFrameSocket open(URI uri, String bearer, boolean offerDeflate) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 10_000);
        socket.setTcpNoDelay(true);
        DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        socket.getOutputStream().write(("GET " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":"
                + uri.getPort() + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13"
                + "\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce)
                + "\r\nAuthorization: Bearer " + bearer
                + (offerDeflate ? "\r\nSec-WebSocket-Extensions: permessage-deflate; client_max_window_bits" : "")
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        String status = readLine(in);
        if (!status.contains(" 101 ")) {
            socket.close();
            throw new IOException("handshake refused: " + status);
        }
        String extensions = "";
        for (String header = readLine(in); !header.isEmpty(); header = readLine(in)) {
            if (header.toLowerCase(Locale.ROOT).startsWith("sec-websocket-extensions:")) {
                extensions = header.substring(header.indexOf(':') + 1).trim().toLowerCase(Locale.ROOT);
            }
        }
        PerMessageDeflate deflate = null;
        if (offerDeflate && extensions.startsWith("permessage-deflate")) {
            deflate = new PerMessageDeflate(extensions.contains("client_no_context_takeover"));
        } else if (!extensions.isEmpty()) {
            socket.close();
            throw new IOException("an extension nobody offered: " + extensions);
        }
        return new RawFrameSocket(socket, in, deflate);
    }

    /** Opens a socket and joins as {@code clientId}; returns once {@code joined} has arrived. */
    static RawFrameSocket joined(URI uri, String bearer, boolean deflate, String clientId) throws IOException,
            InterruptedException {
        RawFrameSocket raw = open(uri, bearer, deflate);
        int mark = raw.mark();
        raw.sendText("{\"type\":\"join\",\"clientId\":\"" + clientId + "\",\"since\":-1}");
        JsonNode answer = raw.await(mark, m -> type(m).equals("joined") || type(m).equals("error"), "joined");
        assertEquals("joined", type(answer), answer::toString);
        return raw;
    }

    boolean compressing() {
        return deflate != null;
    }

    // ---- sending ----------------------------------------------------------------------------

    void sendText(String text) throws IOException {
        sendText(text.getBytes(StandardCharsets.UTF_8), 1);
    }

    /**
     * Sends {@code utf8} (any bytes, valid UTF-8 or not) as one text message in {@code frames}
     * frames: compressed first when deflate was negotiated (RSV1 on the first frame only, as RFC 7692
     * says), then cut into nearly equal parts, never empty (at most one frame per byte on the wire).
     */
    void sendText(byte[] utf8, int frames) throws IOException {
        sendMessage(TEXT, utf8, frames);
    }

    void sendMessage(int opcode, byte[] payload, int frames) throws IOException {
        byte[] wire = deflate == null ? payload : deflate.compress(payload);
        frames = Math.max(1, Math.min(frames, wire.length));
        synchronized (out) {
            for (int i = 0; i < frames; i++) {
                int from = (int) ((long) wire.length * i / frames);
                int to = (int) ((long) wire.length * (i + 1) / frames);
                writeFrame(i == 0 ? opcode : CONTINUATION, i == frames - 1, i == 0 && deflate != null,
                        Arrays.copyOfRange(wire, from, to));
            }
            out.flush();
        }
    }

    /** One frame as given, masked as a client must. */
    void sendFrame(int opcode, boolean fin, boolean rsv1, byte[] payload) throws IOException {
        synchronized (out) {
            writeFrame(opcode, fin, rsv1, payload);
            out.flush();
        }
    }

    private void writeFrame(int opcode, boolean fin, boolean rsv1, byte[] payload) throws IOException {
        int length = payload.length;
        byte[] header = new byte[14];
        int h = 0;
        header[h++] = (byte) ((fin ? 0x80 : 0) | (rsv1 ? 0x40 : 0) | opcode);
        if (length < 126) {
            header[h++] = (byte) (0x80 | length);
        } else if (length < 65536) {
            header[h++] = (byte) (0x80 | 126);
            header[h++] = (byte) (length >>> 8);
            header[h++] = (byte) length;
        } else {
            header[h++] = (byte) (0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                header[h++] = (byte) ((long) length >>> shift);
            }
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        System.arraycopy(mask, 0, header, h, 4);
        out.write(header, 0, h + 4);
        byte[] masked = new byte[length];
        for (int i = 0; i < length; i++) {
            masked[i] = (byte) (payload[i] ^ mask[i & 3]);
        }
        out.write(masked);
    }

    /** A ping with a fresh {@code t} must be answered by a pong with the same {@code t}. */
    void assertAlive() throws IOException, InterruptedException {
        String t = "alive-" + System.nanoTime();
        int mark = mark();
        sendText("{\"type\":\"ping\",\"t\":\"" + t + "\"}");
        await(mark, m -> type(m).equals("pong") && m.path("t").asText().equals(t), "pong " + t);
    }

    // ---- receiving --------------------------------------------------------------------------

    synchronized int mark() {
        return messages.size();
    }

    synchronized List<JsonNode> since(int mark) {
        return new ArrayList<>(messages.subList(mark, messages.size()));
    }

    /** The first message at or after {@code mark} that matches; fails after 15 s. */
    synchronized JsonNode await(int mark, Predicate<JsonNode> match, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
        for (int checked = mark; ; ) {
            for (; checked < messages.size(); checked++) {
                if (match.test(messages.get(checked))) {
                    return messages.get(checked);
                }
            }
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0 || closeCode != null || failure != null) {
                fail("no " + what + "; received since mark: " + since(mark) + "; close " + closeCode + " "
                        + closeReason + "; failure " + failure);
            }
            wait(Math.min(left, 50));
        }
    }

    /** The close code the server sent, waiting for it; fails if the socket stays open or just drops. */
    synchronized int awaitClose() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
        while (closeCode == null) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0 || failure != null) {
                fail("no close frame from the server; failure " + failure + "; messages " + messages);
            }
            wait(Math.min(left, 50));
        }
        return closeCode;
    }

    synchronized Integer closeCode() {
        return closeCode;
    }

    synchronized String closeReason() {
        return closeReason;
    }

    static String type(JsonNode message) {
        return message.path("type").asText();
    }

    /** Reads frames until the connection ends, answering a close frame as RFC 6455 asks. */
    private void read() {
        try {
            java.io.ByteArrayOutputStream message = null;
            boolean compressed = false;
            while (true) {
                int first = in.readUnsignedByte();
                int second = in.readUnsignedByte();
                long length = second & 0x7f;
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
                byte[] payload = new byte[Math.toIntExact(length)];
                in.readFully(payload);
                int opcode = first & 0x0f;
                boolean fin = (first & 0x80) != 0;
                if (opcode == 0x8) {
                    synchronized (this) {
                        closeCode = payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
                        closeReason = payload.length > 2
                                ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
                        notifyAll();
                    }
                    try {
                        sendFrame(0x8, true, false, Arrays.copyOf(payload, Math.min(payload.length, 2)));
                    } catch (IOException e) {
                        // the server may already have gone
                    }
                    socket.close();
                    return;
                }
                if (opcode == TEXT || opcode == BINARY) {
                    message = new java.io.ByteArrayOutputStream();
                    compressed = (first & 0x40) != 0;
                }
                if (opcode == TEXT || opcode == BINARY || opcode == CONTINUATION) {
                    message.writeBytes(payload);
                    if (fin) {
                        byte[] bytes = compressed ? deflate.decompress(message.toByteArray()) : message.toByteArray();
                        JsonNode parsed;
                        try {
                            parsed = RawLiveSocket.JSON.readTree(bytes);
                        } catch (IOException e) {
                            parsed = RawLiveSocket.JSON.createObjectNode().put("type", "unparseable")
                                    .put("text", new String(bytes, StandardCharsets.UTF_8));
                        }
                        synchronized (this) {
                            messages.add(parsed);
                            notifyAll();
                        }
                    }
                }
            }
        } catch (EOFException e) {
            synchronized (this) {
                failure = new IOException("the connection ended without a close frame");
                notifyAll();
            }
        } catch (Exception e) {
            synchronized (this) {
                if (closeCode == null) {
                    failure = e instanceof IOException io ? io : new IOException(e);
                }
                notifyAll();
            }
        }
    }

    private static String readLine(DataInputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
        if (deflate != null) {
            deflate.end();
        }
    }
}
