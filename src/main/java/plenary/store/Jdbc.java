package plenary.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The few JDBC shapes the repositories need, so each query is one line of intent. */
class Jdbc {
    private final DataSource dataSource;

    Jdbc(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Work on one connection in one transaction: committed when it returns, rolled back if it throws. */
    <T> T inTransaction(java.util.function.Function<Jdbc, T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.apply(new OnConnection(c));
                c.commit();
                return result;
            } catch (RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("transaction failed", e);
        }
    }

    Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    void release(Connection c) throws SQLException {
        c.close();
    }

    /** The same operations, bound to one open connection (its closing is left to the transaction). */
    private static final class OnConnection extends Jdbc {
        private final Connection connection;

        OnConnection(Connection connection) {
            super(null);
            this.connection = connection;
        }

        @Override
        Connection connection() {
            return connection;
        }

        @Override
        void release(Connection c) {
            // the transaction owns it
        }
    }

    @FunctionalInterface
    interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    <T> List<T> list(String sql, Row<T> row, Object... params) {
        Connection c = null;
        try {
            c = connection();
            try (PreparedStatement q = prepare(c, sql, params); ResultSet rs = q.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(row.map(rs));
                }
                return out;
            }
        } catch (SQLException e) {
            throw new StoreException("query failed: " + firstLine(sql), e);
        } finally {
            close(c);
        }
    }

    <T> Optional<T> one(String sql, Row<T> row, Object... params) {
        List<T> rows = list(sql, row, params);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
    }

    int update(String sql, Object... params) {
        Connection c = null;
        try {
            c = connection();
            try (PreparedStatement q = prepare(c, sql, params)) {
                return q.executeUpdate();
            }
        } catch (SQLException e) {
            throw new StoreException("update failed: " + firstLine(sql), e);
        } finally {
            close(c);
        }
    }

    private void close(Connection c) {
        if (c != null) {
            try {
                release(c);
            } catch (SQLException e) {
                // closing a pooled connection only returns it; nothing to recover
            }
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement q = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            q.setObject(i + 1, p instanceof Instant instant ? Timestamp.from(instant) : p);
        }
        return q;
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static String firstLine(String sql) {
        return sql.strip().lines().findFirst().orElse("");
    }
}
