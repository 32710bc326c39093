package plenary.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.PreparedStatement;

/**
 * What a committed write survives before it is acknowledged. PostgreSQL flushes its write-ahead
 * log at every commit by itself. H2 hands a commit to the operating system without forcing it to
 * the disk: that survives a killed process, but not a power loss, unless the file is forced
 * ({@code CHECKPOINT SYNC}, an fsync) after the commit. Group commit makes that one fsync per
 * transaction of many changes, not one per change.
 */
public enum Durability {
    /** The database's commit is enough (PostgreSQL with its default {@code synchronous_commit}). */
    COMMIT,
    /** Force H2's file to the disk after each commit: survives a power loss. */
    FSYNC;

    void afterCommit(Connection c) throws SQLException {
        if (this == FSYNC) {
            // Prepared, so H2 finds it parsed in the session's cache instead of parsing it each time.
            try (PreparedStatement sync = c.prepareStatement("CHECKPOINT SYNC")) {
                sync.execute();
            }
        }
    }
}
