package plenary.store;

import plenary.people.FailureLog;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Failed sign-ins in the database the nodes of a cluster share. A step runs in one transaction under
 * a PostgreSQL advisory lock, so a check and its count are one step across all nodes, as they are in
 * one process: simultaneous guesses through several nodes stay within the limit. Sign-ins are rare
 * and each step a few statements, so one lock for all of them costs nothing that matters.
 */
public final class SignInFailures implements FailureLog {
    /** The advisory lock's number ("PLENARYT"). */
    private static final long LOCK = 0x504C454E41525954L;

    private final DataSource dataSource;

    public SignInFailures(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public <T> T alone(Function<Failures, T> step) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (Statement lock = c.createStatement()) {
                    lock.execute("SELECT pg_advisory_xact_lock(" + LOCK + ")");
                }
                T result = step.apply(new InTransaction(c));
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("could not count sign-in failures", e);
        }
    }

    /** The failures as seen in one transaction; statements fail as {@link StoreException}. */
    private record InTransaction(Connection c) implements Failures {
        @Override
        public List<Instant> after(String key, Instant since) {
            try (PreparedStatement q = c.prepareStatement("""
                    SELECT failed_at FROM sign_in_failures WHERE failure_key = ? AND failed_at > ?
                    ORDER BY failed_at, id""")) {
                q.setString(1, key);
                q.setTimestamp(2, Timestamp.from(since));
                List<Instant> times = new ArrayList<>();
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        times.add(rs.getTimestamp(1).toInstant());
                    }
                }
                return times;
            } catch (SQLException e) {
                throw new StoreException("could not read sign-in failures", e);
            }
        }

        @Override
        public void add(String key, Instant at) {
            update("INSERT INTO sign_in_failures (failure_key, failed_at) VALUES (?, ?)", key, at);
        }

        @Override
        public void takeBackNewest(String key) {
            update("""
                    DELETE FROM sign_in_failures WHERE id = (SELECT id FROM sign_in_failures WHERE failure_key = ?
                                                             ORDER BY failed_at DESC, id DESC LIMIT 1)""", key, null);
        }

        @Override
        public void clear(String key) {
            update("DELETE FROM sign_in_failures WHERE failure_key = ?", key, null);
        }

        @Override
        public void forget(Instant cutoff) {
            update("DELETE FROM sign_in_failures WHERE failed_at <= ?", null, cutoff);
        }

        private void update(String sql, String key, Instant at) {
            try (PreparedStatement u = c.prepareStatement(sql)) {
                int i = 1;
                if (key != null) {
                    u.setString(i++, key);
                }
                if (at != null) {
                    u.setTimestamp(i, Timestamp.from(at));
                }
                u.executeUpdate();
            } catch (SQLException e) {
                throw new StoreException("could not count sign-in failures", e);
            }
        }
    }
}
