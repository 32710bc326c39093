package plenary.store;

import plenary.document.Document;
import plenary.document.DocumentStatus;
import plenary.editing.DocumentState;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Documents in the store: their heads, snapshots and logged changes. Blocking JDBC: callers keep it off event loops.
 * Each write is one transaction that has committed when the method returns, which is what lets the
 * HTTP layer acknowledge it.
 */
public final class DocumentRepository {
    private final DataSource dataSource;
    private final Clock clock;
    private final OperationLog log;
    private final Durability durability;

    public DocumentRepository(DataSource dataSource, Durability durability, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.log = new OperationLog(dataSource, durability);
        this.durability = durability;
    }

    public void create(Document document, String meetingId) {
        Timestamp now = Timestamp.from(clock.instant());
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement head = c.prepareStatement("""
                    INSERT INTO documents (id, title, status, revision, clause_count, meta, created_at, updated_at,
                                           meeting_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""");
                 PreparedStatement snapshot = c.prepareStatement("""
                    INSERT INTO document_snapshots (document_id, revision, body, created_at) VALUES (?, ?, ?, ?)""")) {
                head.setString(1, document.id());
                head.setString(2, document.title());
                head.setString(3, document.status().wireName());
                head.setLong(4, document.revision());
                head.setInt(5, document.clauses().size());
                head.setString(6, SnapshotCodec.encodeMeta(document.meta()));
                head.setTimestamp(7, now);
                head.setTimestamp(8, now);
                head.setString(9, meetingId);
                head.executeUpdate();
                snapshot.setString(1, document.id());
                snapshot.setLong(2, document.revision());
                snapshot.setString(3, SnapshotCodec.encode(document));
                snapshot.setTimestamp(4, now);
                snapshot.executeUpdate();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
            durability.afterCommit(c);
        } catch (SQLException e) {
            throw new StoreException("could not store document " + document.id(), e);
        }
    }

    /** The document at its newest revision: the newest snapshot with the logged commits replayed. */
    public Optional<Document> find(String id) {
        return at(id, Long.MAX_VALUE);
    }

    /** The document as it was at {@code revision}, or at its newest when it has not got that far. */
    public Optional<Document> at(String id, long revision) {
        return log.load(id, revision).map(stored -> {
            DocumentState state = new DocumentState(stored.snapshot(), () -> {
                throw new IllegalStateException("replay never invents clause ids");
            });
            stored.after().forEach(state::replay);
            return state.document();
        });
    }

    public OperationLog log() {
        return log;
    }

    public List<DocumentSummary> list() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("""
                     SELECT id, title, status, revision, clause_count, meta, created_at, updated_at, meeting_id
                     FROM documents ORDER BY created_at, id""");
             ResultSet rs = q.executeQuery()) {
            List<DocumentSummary> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new DocumentSummary(rs.getString(1), rs.getString(9), rs.getString(2),
                        DocumentStatus.fromWireName(rs.getString(3)).orElseThrow(), rs.getLong(4), rs.getInt(5),
                        SnapshotCodec.decodeMeta(rs.getString(6)), instant(rs.getTimestamp(7)),
                        instant(rs.getTimestamp(8))));
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("could not list documents", e);
        }
    }

    public boolean exists(String id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("SELECT 1 FROM documents WHERE id = ?")) {
            q.setString(1, id);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new StoreException("could not look up document " + id, e);
        }
    }

    public long count() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("SELECT COUNT(*) FROM documents");
             ResultSet rs = q.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new StoreException("could not count documents", e);
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp.toInstant();
    }
}
