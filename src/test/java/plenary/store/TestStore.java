package plenary.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.nio.file.Path;

/**
 * The two stores Plenary runs on, opened the way the server opens them ({@link Database#open}: pool,
 * Flyway migrations, durability): an H2 file in a test's directory, or a fresh database of the
 * JVM's throwaway PostgreSQL cluster ({@link TestPostgres}).
 */
public final class TestStore implements AutoCloseable {
    public enum Kind {
        H2, POSTGRESQL
    }

    private final Kind kind;
    private final Database database;
    private final String jdbcUrl;
    private final String user;
    private HikariDataSource secondPool;

    private TestStore(Kind kind, Database database, String jdbcUrl, String user) {
        this.kind = kind;
        this.database = database;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
    }

    /** Opens a new, empty store of this kind; an H2 file lives under {@code dir}. */
    public static TestStore open(Kind kind, Path dir) {
        return switch (kind) {
            case H2 -> new TestStore(kind, Database.open(dir, null, null, null), Database.h2Url(dir), null);
            case POSTGRESQL -> {
                TestPostgres.Db db = TestPostgres.get().createDatabase();
                yield new TestStore(kind, Database.open(dir, db.url(), db.user(), null), db.url(), db.user());
            }
        };
    }

    public Kind kind() {
        return kind;
    }

    public Database database() {
        return database;
    }

    /** The JDBC URL (for PostgreSQL, what {@code --db-url} takes), and its user (null on H2). */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String user() {
        return user;
    }

    /**
     * A second connection pool on the same database, as a second process would have. (H2 files are
     * locked by the process that opened them, so on H2 this is a second pool in the same process.)
     */
    public synchronized javax.sql.DataSource secondPool() {
        if (secondPool == null) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(jdbcUrl);
            if (user != null) {
                config.setUsername(user);
            }
            config.setPoolName("plenary-db-second");
            config.setMaximumPoolSize(8);
            secondPool = new HikariDataSource(config);
        }
        return secondPool;
    }

    @Override
    public synchronized void close() {
        if (secondPool != null) {
            secondPool.close();
        }
        database.close();
    }
}
