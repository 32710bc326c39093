package plenary.store;

import javax.sql.DataSource;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;

/**
 * Secrets the nodes of a cluster share, in their database: made at random by the first node that
 * asks for one, then read by every other. Never logged.
 */
public final class ClusterSecrets {
    private final DataSource dataSource;

    public ClusterSecrets(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The secret of this name, {@code length} random bytes made the first time any node asks. */
    public byte[] bytes(String name, int length) {
        byte[] fresh = new byte[length];
        new SecureRandom().nextBytes(fresh);
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO cluster_secrets (name, secret) VALUES (?, ?) ON CONFLICT (name) DO NOTHING")) {
                insert.setString(1, name);
                insert.setString(2, Base64.getEncoder().encodeToString(fresh));
                insert.executeUpdate();
            }
            try (PreparedStatement q = c.prepareStatement("SELECT secret FROM cluster_secrets WHERE name = ?")) {
                q.setString(1, name);
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    return Base64.getDecoder().decode(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("could not read the cluster's secret " + name, e);
        }
    }
}
