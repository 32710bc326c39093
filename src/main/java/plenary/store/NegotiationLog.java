package plenary.store;

import plenary.negotiation.EventJson;
import plenary.negotiation.Recorded;
import plenary.negotiation.Transition;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The negotiation's events, appended in the same transaction as the text changes they cause (see
 * {@link OperationLog#append}), and read back to rebuild the negotiation and for the audit log.
 * There is no update and no delete: the log is the record.
 */
public final class NegotiationLog {
    private final DataSource dataSource;

    public NegotiationLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    static void insert(Connection c, String documentId, List<Recorded> events) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO negotiation_events (document_id, seq, created_at, actor_id, actor_name, delegation, revision,
                                                event_type, subject, before_state, after_state, payload)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (Recorded r : events) {
                insert.setString(1, documentId);
                insert.setLong(2, r.seq());
                insert.setTimestamp(3, Timestamp.from(Instant.parse(r.at())));
                insert.setString(4, r.actorId());
                insert.setString(5, r.actorName());
                insert.setString(6, r.delegation());
                insert.setLong(7, r.revision());
                insert.setString(8, EventJson.encode(r.event()).get("type").asText());
                insert.setString(9, clip(r.transition().subject(), 300));
                insert.setString(10, clip(r.transition().before(), 1000));
                insert.setString(11, clip(r.transition().after(), 1000));
                insert.setString(12, EventJson.text(r.event()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Events with {@code seq > after}, oldest first, at most {@code limit}. */
    public List<Recorded> read(String documentId, long after, int limit) {
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement("""
                SELECT seq, created_at, actor_id, actor_name, delegation, revision, subject, before_state,
                       after_state, payload
                FROM negotiation_events WHERE document_id = ? AND seq > ? ORDER BY seq LIMIT ?""")) {
            q.setString(1, documentId);
            q.setLong(2, after);
            q.setInt(3, limit);
            try (ResultSet rs = q.executeQuery()) {
                List<Recorded> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new Recorded(rs.getLong(1), rs.getTimestamp(2).toInstant().toString(), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getLong(6), EventJson.decode(rs.getString(10)),
                            new Transition(rs.getString(7), rs.getString(8), rs.getString(9))));
                }
                return out;
            }
        } catch (SQLException e) {
            throw new StoreException("could not read the negotiation log of document " + documentId, e);
        }
    }

    private static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
