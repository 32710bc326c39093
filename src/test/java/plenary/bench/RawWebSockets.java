package plenary.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A minimal WebSocket client over NIO for the load generator (RFC 6455, client side: masked text
 * frames out; unmasked text, continuation, close and ping frames in). Unlike the JDK's client it
 * does not decode every message into characters: a message is classified from its first bytes, and
 * one the generator only counts (a presence list, or the joined reply of a client that does not
 * edit) is skipped in place, so thousands of clients cost the shared machine little CPU. A few
 * selector threads serve all sockets; handshakes are blocking, on a small pool.
 *
 * <p>Offering permessage-deflate (RFC 7692) as Chromium does, it inflates what the server compressed,
 * every message (with context takeover the inflater must see them all, as a browser's does); it
 * sends uncompressed, which the extension allows.
 */
final class RawWebSockets implements AutoCloseable {
    private static final int READ_BUFFER = 64 * 1024;

    private final Loop[] loops;
    private final ExecutorService handshakes;
    private final AtomicInteger next = new AtomicInteger();
    private final boolean offerDeflate;
    /** Sockets whose upgrade the server answered with permessage-deflate. */
    private final AtomicInteger deflating = new AtomicInteger();

    RawWebSockets(int threads, int handshakeThreads, boolean offerDeflate) throws IOException {
        this.offerDeflate = offerDeflate;
        loops = new Loop[threads];
        for (int i = 0; i < threads; i++) {
            loops[i] = new Loop(Selector.open());
            Thread t = new Thread(loops[i], "raw-ws-" + i);
            t.setDaemon(true);
            t.start();
        }
        AtomicInteger n = new AtomicInteger();
        handshakes = Executors.newFixedThreadPool(handshakeThreads, r -> {
            Thread t = new Thread(r, "raw-ws-connect-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * What a socket hands its messages to, on its selector thread, one message after another:
     * {@link BenchClient} is one. {@link #classify} sees a message's first 64 characters (or all of
     * a shorter one) before the rest has arrived; {@link #needsText} then says whether the rest is
     * kept for {@link #deliver} or only counted.
     */
    interface Receiver {
        void opened(BenchClient.Transport transport);

        BenchClient.Kind classify(CharSequence first);

        /** A number {@link #classify} read from the message's start, passed on to {@link #deliver}. */
        long classifiedRevision();

        boolean needsText(BenchClient.Kind kind);

        /** One whole message; {@code size} is its payload as received (compressed, if it was). */
        void deliver(BenchClient.Kind kind, long revision, Supplier<String> text, long size, long now);

        void closed(int statusCode, String reason);

        void failed(Throwable error);

        /** The bearer token the upgrade request carries, or null for none. */
        String bearerToken();
    }

    /** Opens a socket to {@code uri} (ws://host:port/path) for {@code client}; completes once upgraded. */
    CompletableFuture<Socket> open(URI uri, Receiver client) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                Socket socket = handshake(uri, client, offerDeflate);
                if (socket.inflater != null) {
                    deflating.incrementAndGet();
                }
                return socket;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, handshakes).thenCompose(socket -> loops[Math.floorMod(next.getAndIncrement(), loops.length)].register(socket));
    }

    /** How many sockets so far agreed permessage-deflate with the server. */
    int deflating() {
        return deflating.get();
    }

    private static Socket handshake(URI uri, Receiver client, boolean offerDeflate) throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            channel.socket().setTcpNoDelay(true);
            channel.socket().setSoTimeout(30_000);
            channel.connect(new InetSocketAddress(uri.getHost(), uri.getPort()));
            byte[] nonce = new byte[16];
            ThreadLocalRandom.current().nextBytes(nonce);
            String token = client.bearerToken();
            String request = "GET " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + (token == null ? "" : "\r\nAuthorization: Bearer " + token)
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
                    + Base64.getEncoder().encodeToString(nonce) + "\r\nSec-WebSocket-Version: 13"
                    // What Chromium offers on every WebSocket it opens.
                    + (offerDeflate ? "\r\nSec-WebSocket-Extensions: permessage-deflate; client_max_window_bits" : "")
                    + "\r\n\r\n";
            ByteBuffer out = ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII));
            while (out.hasRemaining()) {
                channel.write(out);
            }
            ByteBuffer in = ByteBuffer.allocateDirect(READ_BUFFER);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            int headerEnd;
            while ((headerEnd = headerEnd(in)) < 0) {
                if (channel.read(in) < 0 || System.nanoTime() > deadline) {
                    throw new IOException("no upgrade response");
                }
            }
            byte[] head = new byte[headerEnd];
            in.flip();
            in.get(head);
            String status = new String(head, StandardCharsets.US_ASCII);
            if (!status.startsWith("HTTP/1.1 101")) {
                throw new IOException("upgrade refused: " + status.lines().findFirst().orElse(""));
            }
            in.compact(); // whatever followed the headers is the first frame bytes
            long frameBytes = in.position();
            channel.configureBlocking(false);
            String extensions = status.lines().filter(l -> l.toLowerCase(java.util.Locale.ROOT)
                    .startsWith("sec-websocket-extensions:")).findFirst().orElse("").toLowerCase(java.util.Locale.ROOT);
            Socket socket = new Socket(channel, in, client);
            socket.bytesRead = frameBytes;
            if (extensions.contains("permessage-deflate")) {
                socket.inflater = new Inflater(true);
                socket.resetPerMessage = extensions.contains("server_no_context_takeover");
            }
            return socket;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Index just past "\r\n\r\n" in the bytes read so far, or -1. */
    private static int headerEnd(ByteBuffer in) {
        for (int i = 3; i < in.position(); i++) {
            if (in.get(i - 3) == '\r' && in.get(i - 2) == '\n' && in.get(i - 1) == '\r' && in.get(i) == '\n') {
                return i + 1;
            }
        }
        return -1;
    }

    @Override
    public void close() {
        handshakes.shutdownNow();
        for (Loop loop : loops) {
            loop.stop();
        }
    }

    /** One selector thread. */
    private static final class Loop implements Runnable {
        private final Selector selector;
        private final Queue<Socket> registrations = new ConcurrentLinkedQueue<>();
        private volatile boolean running = true;

        Loop(Selector selector) {
            this.selector = selector;
        }

        /**
         * Completes once the client has been told it is open ({@link Receiver#opened}), on this loop:
         * completing before then let a caller send through a client that had no transport yet, and
         * the message went nowhere (one join in 200 "unanswered" in ClusterLoad).
         */
        CompletableFuture<Socket> register(Socket socket) {
            registrations.add(socket);
            selector.wakeup();
            return socket.registered;
        }

        void stop() {
            running = false;
            selector.wakeup();
        }

        @Override
        public void run() {
            try {
                while (running) {
                    selector.select(100);
                    for (Socket s; (s = registrations.poll()) != null; ) {
                        try {
                            s.channel.register(selector, SelectionKey.OP_READ, s);
                            s.client.opened(s);
                            s.registered.complete(s);
                            if (s.in.position() > 0) {
                                s.readable(); // frames that came with the upgrade response
                            }
                        } catch (IOException e) {
                            s.registered.completeExceptionally(e);
                            s.failed(e);
                        }
                    }
                    for (SelectionKey key : selector.selectedKeys()) {
                        Socket s = (Socket) key.attachment();
                        try {
                            s.readable();
                        } catch (IOException | RuntimeException e) {
                            key.cancel();
                            s.failed(e);
                        }
                    }
                    selector.selectedKeys().clear();
                }
            } catch (IOException e) {
                System.out.println("raw websocket loop failed: " + e);
            } finally {
                for (SelectionKey key : selector.keys()) {
                    try {
                        key.channel().close();
                    } catch (IOException e) {
                        // closing anyway
                    }
                }
                try {
                    selector.close();
                } catch (IOException e) {
                    // closing anyway
                }
            }
        }
    }

    /** One connection: frame parsing on its selector thread, sends from any thread. */
    static final class Socket implements BenchClient.Transport {
        private final SocketChannel channel;
        private final ByteBuffer in;
        private final Receiver client;
        /** Completed on the selector thread once {@link Receiver#opened} has run for this socket. */
        final CompletableFuture<Socket> registered = new CompletableFuture<>();
        private boolean closed;
        /** Bytes read after the upgrade response: every frame as it came over the wire, headers included. */
        private volatile long bytesRead;

        // Frame state.
        private boolean inPayload;
        private long frameRemaining;
        private boolean frameFin;
        private int frameOpcode;
        // Message state (a message is one frame or a text frame and its continuations).
        private boolean inMessage;
        private BenchClient.Kind kind;
        private long firstRevision;
        private boolean keep;
        private byte[] message = new byte[4096];
        private int messageLength;
        private long messageBytes;
        private final byte[] control = new byte[125];
        private int controlLength;
        // permessage-deflate, when the server agreed to it: RSV1 on a message's first frame.
        private Inflater inflater;
        private boolean resetPerMessage;
        private boolean compressed;

        Socket(SocketChannel channel, ByteBuffer in, Receiver client) {
            this.channel = channel;
            this.in = in;
            this.client = client;
        }

        void readable() throws IOException {
            int read = channel.read(in);
            if (read < 0) {
                failed(new IOException("connection closed by the server"));
                return;
            }
            bytesRead += read; // one writer, this selector thread
            in.flip();
            long now = System.nanoTime();
            while (step(now)) {
                // parse as far as the bytes go
            }
            in.compact();
        }

        /** Parses one header or one run of payload; false when more bytes are needed. */
        private boolean step(long now) throws IOException {
            if (!inPayload) {
                if (in.remaining() < 2) {
                    return false;
                }
                int p = in.position();
                int b0 = in.get(p) & 0xff;
                int b1 = in.get(p + 1) & 0xff;
                int len7 = b1 & 0x7f;
                int header = 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0) + ((b1 & 0x80) != 0 ? 4 : 0);
                if (in.remaining() < header) {
                    return false;
                }
                long length = len7 == 126 ? in.getShort(p + 2) & 0xffff : len7 == 127 ? in.getLong(p + 2) : len7;
                in.position(p + header);
                frameFin = (b0 & 0x80) != 0;
                frameOpcode = b0 & 0x0f;
                frameRemaining = length;
                inPayload = true;
                controlLength = 0;
                if (frameOpcode == 1 || frameOpcode == 2) {
                    inMessage = true;
                    compressed = inflater != null && (b0 & 0x40) != 0;
                    kind = null;
                    keep = true;
                    messageLength = 0;
                    messageBytes = 0;
                }
            }
            int n = (int) Math.min(frameRemaining, in.remaining());
            if (frameOpcode >= 8) {
                in.get(control, controlLength, n);
                controlLength += n;
            } else {
                messageBytes += n;
                if (keep) {
                    if (messageLength + n > message.length) {
                        message = java.util.Arrays.copyOf(message, Math.max(message.length * 2, messageLength + n));
                    }
                    in.get(message, messageLength, n);
                    messageLength += n;
                    if (kind == null && messageLength >= 64 && !compressed) {
                        classify();
                    }
                } else {
                    in.position(in.position() + n);
                }
            }
            frameRemaining -= n;
            if (frameRemaining > 0) {
                return false; // the rest of this frame has not arrived yet
            }
            inPayload = false;
            if (frameOpcode >= 8) {
                control(now);
            } else if (frameFin && inMessage) {
                inMessage = false;
                if (compressed) {
                    inflate();
                }
                if (kind == null) {
                    classify();
                }
                byte[] bytes = message;
                int length = messageLength;
                client.deliver(kind, firstRevision, keep ? () -> new String(bytes, 0, length,
                        StandardCharsets.UTF_8) : null, messageBytes, now);
            }
            return true;
        }

        /** Replaces the message's compressed bytes with the text they hold (RFC 7692 section 7.2.2). */
        private void inflate() throws IOException {
            if (messageLength + 4 > message.length) {
                message = java.util.Arrays.copyOf(message, messageLength + 4);
            }
            message[messageLength++] = 0;
            message[messageLength++] = 0;
            message[messageLength++] = (byte) 0xff;
            message[messageLength++] = (byte) 0xff;
            inflater.setInput(message, 0, messageLength);
            byte[] out = new byte[Math.max(256, messageLength * 4)];
            int length = 0;
            try {
                while (true) {
                    if (length == out.length) {
                        out = java.util.Arrays.copyOf(out, out.length * 2);
                    }
                    int n = inflater.inflate(out, length, out.length - length);
                    length += n;
                    // There was room for more: nothing is left once the input is used up.
                    if (n == 0 && (inflater.needsInput() || inflater.needsDictionary() || inflater.finished())) {
                        break;
                    }
                }
            } catch (DataFormatException e) {
                throw new IOException("a compressed message did not inflate: " + e.getMessage(), e);
            }
            if (resetPerMessage) {
                inflater.reset();
            }
            message = out;
            messageLength = length;
        }

        private void classify() {
            String prefix = new String(message, 0, Math.min(messageLength, 64), StandardCharsets.ISO_8859_1);
            kind = client.classify(prefix);
            firstRevision = client.classifiedRevision();
            keep = client.needsText(kind);
        }

        private void control(long now) throws IOException {
            switch (frameOpcode) {
                case 8 -> {
                    int code = controlLength >= 2 ? ((control[0] & 0xff) << 8) | (control[1] & 0xff) : 1005;
                    String reason = controlLength > 2 ? new String(control, 2, controlLength - 2,
                            StandardCharsets.UTF_8) : "";
                    closeQuietly();
                    client.closed(code, reason);
                }
                case 9 -> sendFrame(0x8A, java.util.Arrays.copyOf(control, controlLength));
                default -> { } // pong
            }
        }

        /** What this socket has received since the upgrade, in bytes on the wire (frame headers included). */
        long bytesRead() {
            return bytesRead;
        }

        @Override
        public void send(String text) {
            try {
                sendFrame(0x81, text.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                failed(e);
            }
        }

        private synchronized void sendFrame(int first, byte[] payload) throws IOException {
            if (closed) {
                return;
            }
            int length = payload.length;
            int header = 2 + (length < 126 ? 0 : length < 65536 ? 2 : 8) + 4;
            ByteBuffer frame = ByteBuffer.allocate(header + length);
            frame.put((byte) first);
            if (length < 126) {
                frame.put((byte) (0x80 | length));
            } else if (length < 65536) {
                frame.put((byte) (0x80 | 126)).putShort((short) length);
            } else {
                frame.put((byte) (0x80 | 127)).putLong(length);
            }
            byte[] mask = new byte[4];
            ThreadLocalRandom.current().nextBytes(mask);
            frame.put(mask);
            for (int i = 0; i < length; i++) {
                frame.put((byte) (payload[i] ^ mask[i & 3]));
            }
            frame.flip();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (frame.hasRemaining()) {
                if (channel.write(frame) == 0) {
                    if (System.nanoTime() > deadline) {
                        throw new IOException("could not send for 10 s");
                    }
                    LockSupport.parkNanos(50_000);
                }
            }
        }

        void failed(Throwable e) {
            boolean wasOpen;
            synchronized (this) {
                wasOpen = !closed;
            }
            closeQuietly();
            if (wasOpen) {
                client.failed(e);
            }
        }

        @Override
        public void abort() {
            closeQuietly();
        }

        private void closeQuietly() {
            synchronized (this) {
                closed = true;
            }

            try {
                channel.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
