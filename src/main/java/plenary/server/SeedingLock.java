package plenary.server;

import plenary.store.StoreException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Held while a node creates the first admin and the samples: PostgreSQL's session advisory lock,
 * so nodes of a cluster started together do it one after another and the later ones find it done
 * (two nodes on an empty database loaded the samples twice). A server alone takes none.
 */
final class SeedingLock implements AutoCloseable {
    /** The lock's number: any constant that nothing else in the database uses ("PLENARY1"). */
    private static final long KEY = 0x504C454E41525931L;

    private final Connection connection;

    private SeedingLock(Connection connection) {
        this.connection = connection;
    }

    static SeedingLock take(DataSource dataSource, boolean cluster) {
        if (!cluster) {
            return new SeedingLock(null);
        }
        try {
            Connection c = dataSource.getConnection();
            try (Statement lock = c.createStatement()) {
                lock.execute("SELECT pg_advisory_lock(" + KEY + ")");
            } catch (SQLException e) {
                c.close();
                throw e;
            }
            return new SeedingLock(c);
        } catch (SQLException e) {
            throw new StoreException("could not take the seeding lock", e);
        }
    }

    @Override
    public void close() {
        if (connection == null) {
            return;
        }
        try (connection; Statement unlock = connection.createStatement()) {
            unlock.execute("SELECT pg_advisory_unlock(" + KEY + ")");
        } catch (SQLException e) {
            throw new StoreException("could not let go of the seeding lock", e);
        }
    }
}
