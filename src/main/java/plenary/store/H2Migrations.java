package plenary.store;

import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Flyway's migrations of the embedded H2 file, all or nothing.
 *
 * <p>Why: H2 commits every DDL statement by itself, so a migration cut short by a killed process
 * (on the very first start, or during an upgrade) leaves some of its tables or columns behind and
 * no record of it in Flyway's history. The next start runs it again, fails on "table already
 * exists", and so does every start after it: the data dir is stuck. PostgreSQL runs each migration
 * in one transaction and has no such problem.
 *
 * <p>So, when migrations are pending, the closed file is first copied aside (or, for a new store,
 * a marker says so), and the copy is deleted once Flyway has finished. A start that finds the copy
 * (or the marker) knows a migration was interrupted: it puts the copy back (or removes the half-made
 * file) and migrates again from there.
 */
final class H2Migrations {
    private static final Logger LOG = LoggerFactory.getLogger(H2Migrations.class);

    private H2Migrations() {
    }

    /** Undoes an interrupted migration of {@code file}, if any. Call before anything opens it. */
    static void undoInterrupted(Path file) {
        Path copy = copyOf(file);
        Path marker = newMarker(file);
        try {
            Files.deleteIfExists(sibling(copy, ".tmp"));
            if (Files.exists(copy)) {
                Files.move(copy, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                syncDirectory(file);
                LOG.warn("a migration of {} was interrupted: the store is back as it was before it", file);
            } else if (Files.exists(marker)) {
                Files.deleteIfExists(file);
                Files.delete(marker);
                syncDirectory(file);
                LOG.warn("the first migration of {} was interrupted: starting again from an empty store", file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not undo an interrupted migration of " + file, e);
        }
    }

    /** Brings the (closed) H2 file at {@code file}, reached by {@code url}, up to the latest schema. */
    static void migrate(Path file, String url) {
        Flyway flyway = Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration").load();
        // Flyway's own connections come and go: between its calls the file is closed (DB_CLOSE_DELAY 0).
        boolean existed = Files.exists(file);
        if (flyway.info().pending().length == 0) {
            return;
        }
        try {
            if (existed) {
                Path tmp = sibling(copyOf(file), ".tmp");
                Files.copy(file, tmp, StandardCopyOption.REPLACE_EXISTING);
                force(tmp);
                Files.move(tmp, copyOf(file), StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.deleteIfExists(file); // made by the look at the pending migrations
                Files.createFile(newMarker(file));
            }
            syncDirectory(file);
            flyway.migrate();
            Files.deleteIfExists(copyOf(file));
            Files.deleteIfExists(newMarker(file));
            syncDirectory(file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not set " + file + " aside before migrating it", e);
        }
    }

    private static Path copyOf(Path file) {
        return sibling(file, ".pre-migration");
    }

    private static Path newMarker(Path file) {
        return sibling(file, ".migrating-new");
    }

    private static Path sibling(Path file, String suffix) {
        return file.resolveSibling(file.getFileName() + suffix);
    }

    private static void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /** A rename or a new file is durable only once its directory is. */
    private static void syncDirectory(Path file) throws IOException {
        try (FileChannel directory = FileChannel.open(file.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
            directory.force(true);
        }
    }
}
