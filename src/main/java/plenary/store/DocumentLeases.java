package plenary.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Which node of a cluster writes each document: a lease on the document's head row in PostgreSQL,
 * timed by the database's clock, with a fencing token that every taking moves on. The owner states
 * its token in each write ({@link OperationLog#append}), in the statement that moves the head, so a
 * node that lost the lease (paused, or cut off, past its end) cannot write once another has taken it.
 *
 * <p>Blocking JDBC, called from worker threads. The statements are PostgreSQL's; a server alone on
 * H2 never takes a lease.
 */
public final class DocumentLeases {
    private final DataSource dataSource;

    public DocumentLeases(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** What {@link #claim} found. */
    public sealed interface Claim {
    }

    /**
     * The document is this node's until the lease ends, with {@code token} for its writes.
     *
     * @param takeover another writer held it before without letting go (it died, was paused or cut
     *                 off): clients that followed that writer must resynchronise
     */
    public record Taken(long token, boolean takeover) implements Claim {
    }

    /** Another node holds a lease that has not ended: ask it. */
    public record HeldBy(String node) implements Claim {
    }

    /** No such document. */
    public record Missing() implements Claim {
    }

    /**
     * Takes the document for {@code node} when nobody holds a running lease on it, or when the lease
     * is {@code node}'s own (a writer of this node that stopped: the new one gets a new token, so
     * anything the old one still had in flight is refused).
     */
    public Claim claim(String documentId, String node, Duration lease) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Claim claim = claim(c, documentId, node, lease);
                c.commit();
                return claim;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("could not claim document " + documentId, e);
        }
    }

    private static Claim claim(Connection c, String documentId, String node, Duration lease) throws SQLException {
        String holder;
        boolean running;
        try (PreparedStatement q = c.prepareStatement("""
                SELECT owner_node, lease_until IS NOT NULL AND lease_until > clock_timestamp()
                FROM documents WHERE id = ? FOR UPDATE""")) {
            q.setString(1, documentId);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    return new Missing();
                }
                holder = rs.getString(1);
                running = rs.getBoolean(2);
            }
        }
        if (holder != null && running && !holder.equals(node)) {
            return new HeldBy(holder);
        }
        try (PreparedStatement take = c.prepareStatement("""
                UPDATE documents SET owner_token = owner_token + 1, owner_node = ?,
                                     lease_until = clock_timestamp() + ? * INTERVAL '1 millisecond'
                WHERE id = ? RETURNING owner_token""")) {
            take.setString(1, node);
            take.setDouble(2, lease.toMillis());
            take.setString(3, documentId);
            try (ResultSet rs = take.executeQuery()) {
                rs.next();
                return new Taken(rs.getLong(1), holder != null);
            }
        }
    }

    /** Extends the lease of the holder of {@code token}; false when it is no longer theirs. */
    public boolean renew(String documentId, String node, long token, Duration lease) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement renew = c.prepareStatement("""
                     UPDATE documents SET lease_until = clock_timestamp() + ? * INTERVAL '1 millisecond'
                     WHERE id = ? AND owner_node = ? AND owner_token = ?""")) {
            renew.setDouble(1, lease.toMillis());
            renew.setString(2, documentId);
            renew.setString(3, node);
            renew.setLong(4, token);
            return renew.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("could not renew the lease on document " + documentId, e);
        }
    }

    /**
     * Documents whose writer held a lease that ended without being let go: its node died, or is
     * paused or cut off. At most {@code limit}.
     */
    public List<String> orphans(int limit) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("""
                     SELECT id FROM documents WHERE owner_node IS NOT NULL AND lease_until < clock_timestamp()
                     ORDER BY lease_until LIMIT ?""")) {
            q.setInt(1, limit);
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new StoreException("could not look for documents without a writer", e);
        }
    }

    /** Lets go of the lease of {@code token}, if still held, so another node may take it at once. */
    public void release(String documentId, long token) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement release = c.prepareStatement("""
                     UPDATE documents SET owner_node = NULL, lease_until = NULL
                     WHERE id = ? AND owner_token = ?""")) {
            release.setString(1, documentId);
            release.setLong(2, token);
            release.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("could not release the lease on document " + documentId, e);
        }
    }
}
