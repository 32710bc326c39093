package plenary.store;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A migration of the embedded store cut short by a killed process (H2 commits each DDL statement
 * on its own) no longer leaves a data dir that can never start again: the next start puts back the
 * copy taken before the migration, or starts a first migration again from nothing, and migrates.
 * The half-migrated states below are what a kill in the middle of V2 (first start) and of V5 (an
 * upgrade) leave: tables or columns made, Flyway's history not told.
 */
@Tag("integration")
class H2MigrationsTest {
    @TempDir
    Path dir;

    @Test
    void aFirstMigrationCutShortStartsAgainFromNothing() throws Exception {
        Path file = Database.h2File(dir);
        Files.createFile(file.resolveSibling("plenary.mv.db.migrating-new"));
        halfMigrate(1, "CREATE TABLE operations (document_id VARCHAR(64) NOT NULL, revision BIGINT NOT NULL)");
        // What the server did before: Flyway on the half-made file fails, and would at every start.
        assertThrows(RuntimeException.class, () -> flyway().migrate());

        try (Database database = Database.open(dir, null, null, null)) {
            assertEquals(shippedMigrations(), appliedMigrations(database));
            assertTrue(hasColumn(database, "operations", "hash"));
        }
        assertFalse(Files.exists(file.resolveSibling("plenary.mv.db.migrating-new")));
    }

    @Test
    void anUpgradeCutShortIsUndoneFromTheCopyAndMigratedAgain() throws Exception {
        Path file = Database.h2File(dir);
        flywayTarget("4").migrate();
        try (Connection c = DriverManager.getConnection(Database.h2Url(dir)); Statement s = c.createStatement()) {
            s.execute("INSERT INTO meetings (id, name, created_at) VALUES ('m', 'Kept', CURRENT_TIMESTAMP)");
        }
        // The copy the upgrade took, then the upgrade killed after V5's first statement.
        Files.copy(file, file.resolveSibling("plenary.mv.db.pre-migration"));
        halfMigrate(4, "ALTER TABLE operations ADD COLUMN author_id VARCHAR(64)");
        assertThrows(RuntimeException.class, () -> flyway().migrate());

        try (Database database = Database.open(dir, null, null, null)) {
            assertEquals(shippedMigrations(), appliedMigrations(database));
            assertTrue(hasColumn(database, "operations", "author_id"));
            try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT name FROM meetings WHERE id = 'm'")) {
                assertTrue(rs.next(), "the data from before the upgrade is there");
                assertEquals("Kept", rs.getString(1));
            }
        }
        assertFalse(Files.exists(file.resolveSibling("plenary.mv.db.pre-migration")));
    }

    /** Flyway up to {@code target}, then one more statement of the next migration, unrecorded. */
    private void halfMigrate(int target, String statement) throws SQLException {
        flywayTarget(Integer.toString(target)).migrate();
        try (Connection c = DriverManager.getConnection(Database.h2Url(dir)); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private Flyway flyway() {
        return Flyway.configure().dataSource(Database.h2Url(dir), null, null).locations("classpath:db/migration").load();
    }

    private Flyway flywayTarget(String target) {
        return Flyway.configure().dataSource(Database.h2Url(dir), null, null).locations("classpath:db/migration")
                .target(target).load();
    }

    /** Every migration the code ships (SQL and Java), so that one added later counts too. */
    private static long shippedMigrations() throws java.io.IOException {
        long count = 0;
        for (String dir : new String[] {"src/main/resources/db/migration", "src/main/java/db/migration"}) {
            try (java.util.stream.Stream<Path> files = Files.list(Path.of(dir))) {
                count += files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.(sql|java)")).count();
            }
        }
        return count;
    }

    private static int appliedMigrations(Database database) throws SQLException {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM \"flyway_schema_history\""
                     + " WHERE success AND \"type\" IN ('SQL', 'JDBC')")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static boolean hasColumn(Database database, String table, String column) throws SQLException {
        try (Connection c = database.dataSource().getConnection();
             ResultSet rs = c.getMetaData().getColumns(null, null, table, column)) {
            return rs.next();
        }
    }
}
