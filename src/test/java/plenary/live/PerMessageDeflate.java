package plenary.live;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The client's half of permessage-deflate (RFC 7692), as browsers do it: raw DEFLATE, one compressor
 * and one decompressor kept for the whole connection (context takeover), each message ended by a
 * sync flush whose trailing {@code 00 00 ff ff} is left off the wire.
 */
final class PerMessageDeflate {
    private static final byte[] TAIL = {0, 0, (byte) 0xff, (byte) 0xff};

    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    private final Inflater inflater = new Inflater(true);
    private final boolean resetCompressor;

    /** @param resetCompressor the server asked for client_no_context_takeover */
    PerMessageDeflate(boolean resetCompressor) {
        this.resetCompressor = resetCompressor;
    }

    synchronized byte[] compress(byte[] message) {
        if (resetCompressor) {
            deflater.reset();
        }
        deflater.setInput(message);
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length / 2 + 64);
        byte[] buffer = new byte[8192];
        int n;
        // A sync flush is complete once deflate() leaves room in the buffer.
        do {
            n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
            out.write(buffer, 0, n);
        } while (n == buffer.length);
        byte[] flushed = out.toByteArray();
        int end = flushed.length - TAIL.length;
        if (end < 0 || !Arrays.equals(flushed, end, flushed.length, TAIL, 0, TAIL.length)) {
            throw new IllegalStateException("a sync flush ends with 00 00 ff ff");
        }
        return Arrays.copyOf(flushed, end);
    }

    synchronized byte[] decompress(byte[] payload) throws DataFormatException {
        byte[] input = Arrays.copyOf(payload, payload.length + TAIL.length);
        System.arraycopy(TAIL, 0, input, payload.length, TAIL.length);
        inflater.setInput(input);
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length * 4 + 64);
        byte[] buffer = new byte[8192];
        int n;
        // Output may still be pending when a full buffer came back, even with all input consumed.
        do {
            n = inflater.inflate(buffer);
            out.write(buffer, 0, n);
        } while (n == buffer.length || (n > 0 && !inflater.needsInput()));
        return out.toByteArray();
    }

    synchronized void end() {
        deflater.end();
        inflater.end();
    }
}
