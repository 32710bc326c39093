package plenary.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import plenary.document.Document;
import plenary.editing.ChangeJson;
import plenary.editing.ClientMark;
import plenary.editing.Commit;
import plenary.editing.CommitHash;
import plenary.negotiation.Recorded;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The durable operation log and the snapshots beside it. Blocking JDBC; the sequencer calls it from
 * a worker thread. {@link #append} is one transaction: when it returns, the commits are durable and
 * may be acknowledged.
 */
public final class OperationLog {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource dataSource;
    private final NegotiationLog negotiation;
    private final Durability durability;

    public OperationLog(DataSource dataSource, Durability durability) {
        this.dataSource = dataSource;
        this.negotiation = new NegotiationLog(dataSource);
        this.durability = durability;
    }

    /** The negotiation events of a document with {@code seq > after}, oldest first (the audit log). */
    public List<Recorded> events(String documentId, long after, int limit) {
        return negotiation.read(documentId, after, limit);
    }

    /**
     * A document as stored: its newest snapshot, the commits logged after it, and the hash of the
     * history at the snapshot ({@link CommitHash}).
     */
    public record Stored(Document snapshot, Map<String, ClientMark> clients, List<Commit> after, String snapshotHash) {
    }

    /**
     * Appends commits (group commit: many in one transaction) and moves the document head, for a
     * document whose negotiation has no events yet. When {@code snapshot} is given it is stored
     * too, at its own revision, with the client marks.
     */
    public void append(String documentId, List<Commit> commits, Document head, Document snapshot,
                       Map<String, ClientMark> clients) {
        append(documentId, commits, List.of(), head, 0, snapshot, clients);
    }

    /**
     * As above, with the negotiation events that belong to the same step, in the same transaction.
     * The write is fenced: it states the head it follows (the revision before its first commit, the
     * event before its first event; {@code negotiationSeq} is the document's last event after it)
     * and fails, changing nothing, when the stored head is elsewhere: a gap, or another writer.
     */
    public void append(String documentId, List<Commit> commits, List<Recorded> events, Document head,
                       long negotiationSeq, Document snapshot, Map<String, ClientMark> clients) {
        append(documentId, commits, events, head, negotiationSeq, snapshot, clients, UNLEASED);
    }

    /** A writer that holds no lease: a server alone, where the head's revision and event are the fence. */
    public static final long UNLEASED = -1;

    /**
     * As above, by the holder of the document's lease ({@link DocumentLeases}) whose token is
     * {@code ownerToken}: the write also fails, changing nothing, once another node has taken the
     * document, even where the head has not moved yet (a former owner paused past its lease).
     */
    public void append(String documentId, List<Commit> commits, List<Recorded> events, Document head,
                       long negotiationSeq, Document snapshot, Map<String, ClientMark> clients, long ownerToken) {
        long revisionBefore = commits.isEmpty() ? head.revision() : commits.getFirst().revision() - 1;
        long seqBefore = events.isEmpty() ? negotiationSeq : events.getFirst().seq() - 1;
        // The fence checks where the batch starts; the batch itself must leave no gap either.
        for (int i = 0; i < commits.size(); i++) {
            if (commits.get(i).revision() != revisionBefore + 1 + i) {
                throw new StoreException("document " + documentId + ": commits must follow each other, but "
                        + commits.get(i).revision() + " comes after " + (revisionBefore + i), null);
            }
        }
        if (head.revision() != revisionBefore + commits.size()) {
            throw new StoreException("document " + documentId + ": head at revision " + head.revision()
                    + " after commits ending at " + (revisionBefore + commits.size()), null);
        }
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).seq() != seqBefore + 1 + i) {
                throw new StoreException("document " + documentId + ": events must follow each other, but "
                        + events.get(i).seq() + " comes after " + (seqBefore + i), null);
            }
        }
        if (negotiationSeq != seqBefore + events.size()) {
            throw new StoreException("document " + documentId + ": negotiation at event " + negotiationSeq
                    + " after events ending at " + (seqBefore + events.size()), null);
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                updateHead(c, head, commits.isEmpty() ? null : commits.getLast(), negotiationSeq, revisionBefore,
                        seqBefore, ownerToken);
                // A typed edit has no events and a decision often no commits: no statement for nothing
                // (preparing one is a parse in H2, about a tenth of a lone edit's write).
                if (!commits.isEmpty()) {
                    insertCommits(c, documentId, commits);
                }
                if (!events.isEmpty()) {
                    NegotiationLog.insert(c, documentId, events);
                }
                if (snapshot != null) {
                    insertSnapshot(c, snapshot, clients);
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
            durability.afterCommit(c);
        } catch (SQLException e) {
            throw new StoreException("could not append to the log of document " + documentId, e);
        }
    }

    private static void insertCommits(Connection c, String documentId, List<Commit> commits) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO operations (document_id, revision, clause_id, change_type, payload, client_id,
                                        client_seq, author, created_at, author_id, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (Commit commit : commits) {
                ObjectNode change = ChangeJson.encode(commit.change());
                insert.setString(1, documentId);
                insert.setLong(2, commit.revision());
                insert.setString(3, commit.change().clauseId());
                insert.setString(4, change.get("type").asText());
                insert.setString(5, change.toString());
                insert.setString(6, commit.clientId());
                insert.setLong(7, commit.seq());
                insert.setString(8, commit.author());
                insert.setTimestamp(9, Timestamp.from(commit.at()));
                insert.setString(10, commit.authorId());
                insert.setString(11, commit.hash());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Moves the head, in SQL only from where this write says it is (the fence), first in the transaction. */
    private static void updateHead(Connection c, Document head, Commit last, long negotiationSeq,
                                   long revisionBefore, long seqBefore, long ownerToken) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("""
                UPDATE documents SET title = ?, status = ?, revision = ?, clause_count = ?, updated_at = ?,
                                     negotiation_seq = ?
                WHERE id = ? AND revision = ? AND negotiation_seq = ? AND (? < 0 OR owner_token = ?)""")) {
            update.setString(1, head.title());
            update.setString(2, head.status().wireName());
            update.setLong(3, head.revision());
            update.setInt(4, head.clauses().size());
            update.setTimestamp(5, Timestamp.from(last != null ? last.at() : java.time.Instant.now()));
            update.setLong(6, negotiationSeq);
            update.setString(7, head.id());
            update.setLong(8, revisionBefore);
            update.setLong(9, seqBefore);
            update.setLong(10, ownerToken);
            update.setLong(11, ownerToken);
            if (update.executeUpdate() != 1) {
                throw new FencedWriteException("document " + head.id() + " is not where this write follows"
                        + " (revision " + revisionBefore + ", event " + seqBefore
                        + (ownerToken < 0 ? "" : ", lease " + ownerToken) + "): it is at "
                        + storedHead(c, head.id()) + "; another writer, or a gap");
            }
        }
    }

    private static String storedHead(Connection c, String documentId) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(
                "SELECT revision, negotiation_seq, owner_token FROM documents WHERE id = ?")) {
            q.setString(1, documentId);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? "revision " + rs.getLong(1) + ", event " + rs.getLong(2) + ", lease " + rs.getLong(3)
                        : "no head row";
            }
        }
    }

    private static void insertSnapshot(Connection c, Document snapshot, Map<String, ClientMark> clients)
            throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO document_snapshots (document_id, revision, body, created_at, clients)
                VALUES (?, ?, ?, ?, ?)""")) {
            insert.setString(1, snapshot.id());
            insert.setLong(2, snapshot.revision());
            insert.setString(3, SnapshotCodec.encode(snapshot));
            insert.setTimestamp(4, Timestamp.from(java.time.Instant.now()));
            insert.setString(5, encodeClients(clients));
            insert.executeUpdate();
        }
    }

    /** The newest snapshot at or before {@code revision} (use Long.MAX_VALUE for the newest) and the commits after it up to it. */
    public Optional<Stored> load(String documentId, long revision) {
        try (Connection c = dataSource.getConnection()) {
            Document snapshot;
            Map<String, ClientMark> clients;
            try (PreparedStatement q = c.prepareStatement("""
                    SELECT body, clients FROM document_snapshots WHERE document_id = ? AND revision <= ?
                    ORDER BY revision DESC LIMIT 1""")) {
                q.setString(1, documentId);
                q.setLong(2, revision);
                try (ResultSet rs = q.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    snapshot = SnapshotCodec.decode(rs.getString(1));
                    clients = decodeClients(rs.getString(2));
                }
            }
            return Optional.of(new Stored(snapshot, clients,
                    commits(c, documentId, snapshot.revision(), revision, Integer.MAX_VALUE),
                    hashAt(c, documentId, snapshot.revision())));
        } catch (SQLException e) {
            throw new StoreException("could not load document " + documentId, e);
        }
    }

    /** The hash of the history at {@code revision}: the genesis at 0, else its commit's; null past the head. */
    public String hashAt(String documentId, long revision) {
        try (Connection c = dataSource.getConnection()) {
            return hashAt(c, documentId, revision);
        } catch (SQLException e) {
            throw new StoreException("could not read the log of document " + documentId, e);
        }
    }

    private static String hashAt(Connection c, String documentId, long revision) throws SQLException {
        if (revision == 0) {
            return CommitHash.genesis(documentId);
        }
        try (PreparedStatement q = c.prepareStatement(
                "SELECT hash FROM operations WHERE document_id = ? AND revision = ?")) {
            q.setString(1, documentId);
            q.setLong(2, revision);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** Commits with {@code from < revision <= to}, oldest first, at most {@code limit}. */
    public List<Commit> commits(String documentId, long from, long to, int limit) {
        try (Connection c = dataSource.getConnection()) {
            return commits(c, documentId, from, to, limit);
        } catch (SQLException e) {
            throw new StoreException("could not read the log of document " + documentId, e);
        }
    }

    private static List<Commit> commits(Connection c, String documentId, long from, long to, int limit)
            throws SQLException {
        try (PreparedStatement q = c.prepareStatement("""
                SELECT revision, payload, client_id, client_seq, author, created_at, author_id, hash FROM operations
                WHERE document_id = ? AND revision > ? AND revision <= ? ORDER BY revision LIMIT ?""")) {
            q.setString(1, documentId);
            q.setLong(2, from);
            q.setLong(3, to);
            q.setInt(4, limit);
            try (ResultSet rs = q.executeQuery()) {
                List<Commit> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new Commit(rs.getLong(1), ChangeJson.decode(JSON.readTree(rs.getString(2))),
                            rs.getString(3), rs.getLong(4), rs.getString(5), rs.getString(7),
                            rs.getTimestamp(6).toInstant(), rs.getString(8)));
                }
                return out;
            } catch (JsonProcessingException e) {
                throw new StoreException("a logged change of document " + documentId + " is not valid JSON", e);
            }
        }
    }

    private static String encodeClients(Map<String, ClientMark> clients) {
        ObjectNode node = JSON.createObjectNode();
        clients.forEach((id, mark) -> node.putObject(id).put("seq", mark.seq()).put("revision", mark.revision()));
        return node.toString();
    }

    private static Map<String, ClientMark> decodeClients(String json) {
        try {
            Map<String, ClientMark> out = new HashMap<>();
            for (Map.Entry<String, JsonNode> e : JSON.readTree(json).properties()) {
                out.put(e.getKey(), new ClientMark(e.getValue().get("seq").asLong(), e.getValue().get("revision").asLong()));
            }
            return out;
        } catch (JsonProcessingException e) {
            throw new StoreException("stored client marks are not valid JSON", e);
        }
    }
}
