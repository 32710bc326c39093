package plenary.store;

import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds every committed write in an H2 file that was not closed cleanly, before H2 opens it.
 *
 * <p>Why: H2 (through 2.5.252) writes each commit as a new chunk, and once chunks are older than
 * its retention time (45 s) their space is reused. When a chunk lands somewhere other than where
 * the chunk before it predicted, H2 rewrites the file header, but with the position of that
 * previous chunk (it only becomes the store's last chunk after the write), whose prediction is
 * the wrong one. After a killed process, H2's quick recovery follows the header and the
 * predictions, stops at that previous chunk and opens an older, consistent state: every commit
 * written since (up to 20 of them) is silently gone, though it is in the file. That is why
 * kills after about 45 s of uptime lost acknowledged edits and kills before never did.
 *
 * <p>H2's own recovery mode does not trust the header: it scans the whole file for chunks and
 * takes the newest one whose chunks are all intact. Opening the file that way and closing it
 * cleanly writes a header that points at that chunk, and H2 then opens everything that was
 * committed. It costs a scan of the file (about 2 s for 160 MB) and only runs when the last
 * close was not clean.
 */
final class H2Recovery {
    private static final Logger LOG = LoggerFactory.getLogger(H2Recovery.class);
    private static final int HEADER_BLOCK = 4096;

    private H2Recovery() {
    }

    /** Recovers {@code file} (an H2 {@code .mv.db}) if it exists and was not closed cleanly. */
    static void recoverIfNotClosedCleanly(Path file) {
        if (!Files.exists(file) || closedCleanly(file)) {
            return;
        }
        long started = System.nanoTime();
        MVStore store = new MVStore.Builder().fileName(file.toString()).recoveryMode().open();
        long version = store.getCurrentVersion();
        store.close();
        LOG.info("store {} was not closed cleanly: recovered up to version {} by a full scan in {} ms", file,
                version, (System.nanoTime() - started) / 1_000_000);
    }

    /** Both header blocks carry H2's clean-shutdown mark (what H2 itself requires to skip recovery). */
    static boolean closedCleanly(Path file) {
        byte[] header = new byte[2 * HEADER_BLOCK];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(header, 0, header.length);
        } catch (IOException e) {
            return false;
        }
        if (read < header.length) {
            return false;
        }
        return hasCleanMark(new String(header, 0, HEADER_BLOCK, StandardCharsets.ISO_8859_1))
                && hasCleanMark(new String(header, HEADER_BLOCK, HEADER_BLOCK, StandardCharsets.ISO_8859_1));
    }

    private static boolean hasCleanMark(String block) {
        int end = block.indexOf('\n');
        String line = end < 0 ? block : block.substring(0, end);
        return line.startsWith("H:2,") && line.contains(",clean:1,");
    }
}
