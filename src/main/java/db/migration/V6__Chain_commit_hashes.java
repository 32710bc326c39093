package db.migration;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import plenary.editing.ChangeJson;
import plenary.editing.Commit;
import plenary.editing.CommitHash;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Gives the commits logged before V5 their place in the hash chain ({@link CommitHash}), document
 * by document in revision order, so every history has one identity from its first revision. Java,
 * because the hash is computed over the change's canonical JSON, exactly as the server computes it.
 */
public class V6__Chain_commit_hashes extends BaseJavaMigration {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE = 1_000;

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        List<String> documents = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("SELECT DISTINCT document_id FROM operations WHERE hash IS NULL");
             ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                documents.add(rs.getString(1));
            }
        }
        for (String documentId : documents) {
            chain(c, documentId);
        }
    }

    private static void chain(Connection c, String documentId) throws Exception {
        String previous = CommitHash.genesis(documentId);
        long after = 0;
        try (PreparedStatement page = c.prepareStatement("""
                SELECT revision, payload, client_id, client_seq, author_id FROM operations
                WHERE document_id = ? AND revision > ? ORDER BY revision LIMIT ?""");
             PreparedStatement update = c.prepareStatement(
                     "UPDATE operations SET hash = ? WHERE document_id = ? AND revision = ?")) {
            while (true) {
                page.setString(1, documentId);
                page.setLong(2, after);
                page.setInt(3, PAGE);
                int rows = 0;
                try (ResultSet rs = page.executeQuery()) {
                    while (rs.next()) {
                        rows++;
                        Commit commit = new Commit(rs.getLong(1), ChangeJson.decode(JSON.readTree(rs.getString(2))),
                                rs.getString(3), rs.getLong(4), null, rs.getString(5), null, null);
                        previous = CommitHash.next(previous, commit);
                        update.setString(1, previous);
                        update.setString(2, documentId);
                        update.setLong(3, commit.revision());
                        update.addBatch();
                        after = commit.revision();
                    }
                }
                update.executeBatch();
                if (rows < PAGE) {
                    return;
                }
            }
        }
    }
}
