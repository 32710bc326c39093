package plenary.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.nio.file.Path;

/** The connection pool and schema, over embedded H2 by default or PostgreSQL when a URL is given. */
public final class Database implements AutoCloseable {
    /**
     * For tests only, never set in production: H2's retention time in ms (45 s by default), the
     * age past which MVStore reuses the space of dead chunks. {@code UptimeKillTest} shortens it so
     * that kills past it fit in seconds rather than minutes (an H2 URL through {@code --db-url} would
     * not do: such a store is opened without {@link H2Recovery}). H2 stores the setting in the file.
     */
    public static final String RETENTION_MILLIS_PROPERTY = "plenary.h2.retentionMillis";

    private final HikariDataSource dataSource;
    private final Durability durability;

    private Database(HikariDataSource dataSource, Durability durability) {
        this.dataSource = dataSource;
        this.durability = durability;
    }

    /**
     * Opens the store and brings its schema up to date.
     *
     * @param jdbcUrl  explicit JDBC URL (PostgreSQL in production), or null for H2 under {@code dataDir}
     */
    public static Database open(Path dataDir, String jdbcUrl, String user, String password) {
        return open(dataDir, jdbcUrl, user, password, null);
    }

    /** @param meters where the pool reports its connections (hikaricp_* meters), or null */
    public static Database open(Path dataDir, String jdbcUrl, String user, String password,
                                io.micrometer.core.instrument.MeterRegistry meters) {
        if (jdbcUrl == null) {
            // In this order: a half-done migration is undone from its copy, then recovered if it
            // was not closed cleanly, then migrated all or nothing, before the pool opens it.
            H2Migrations.undoInterrupted(h2File(dataDir));
            H2Recovery.recoverIfNotClosedCleanly(h2File(dataDir));
            H2Migrations.migrate(h2File(dataDir), h2Url(dataDir));
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl != null ? jdbcUrl : h2Url(dataDir));
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        config.setPoolName("plenary-db");
        config.setMaximumPoolSize(8);
        if (meters != null) {
            config.setMetricsTrackerFactory(new com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory(meters));
        }
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            if (jdbcUrl != null) { // PostgreSQL runs each migration in a transaction of its own
                Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
            }
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        // H2 is forced to the disk after each commit; PostgreSQL's commit already is.
        return new Database(dataSource, jdbcUrl == null || jdbcUrl.startsWith("jdbc:h2:")
                ? Durability.FSYNC : Durability.COMMIT);
    }

    /**
     * WRITE_DELAY=0: H2 otherwise keeps the last half-second of commits in memory, and an
     * acknowledged write must survive kill -9 (with {@link H2Recovery} at the next open, and
     * {@link Durability#FSYNC} for a power loss). DB_CLOSE_ON_EXIT=FALSE: we close it ourselves
     * after the server has stopped taking writes, not H2's own shutdown hook halfway through.
     */
    static String h2Url(Path dataDir) {
        String retentionMillis = System.getProperty(RETENTION_MILLIS_PROPERTY);
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("plenary")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
                + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE"
                + (retentionMillis == null ? "" : ";RETENTION_TIME=" + Integer.parseInt(retentionMillis));
    }

    static Path h2File(Path dataDir) {
        return dataDir.toAbsolutePath().resolve("plenary.mv.db");
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** What a commit on this store survives before it is acknowledged. */
    public Durability durability() {
        return durability;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
