package plenary.security;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import plenary.people.Invitation;
import plenary.people.Meeting;
import plenary.people.Role;
import plenary.people.Tokens;
import plenary.people.User;
import plenary.store.Database;
import plenary.store.PeopleRepository;
import plenary.store.TestPostgres;
import plenary.store.TestStore;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The inviter's role is checked again when an invitation is accepted, in the store and on both
 * databases: an invitation whose inviter is no longer chair (or admin) is void even when nothing
 * revoked it, as with one stored before V7, or a role changed by another process. And V7 itself voids
 * the open invitations of inviters already demoted or removed when it runs.
 */
@Tag("integration")
class StaleInvitationStoreTest {
    @TempDir
    Path dir;

    @Test
    void onH2AnInvitationWhoseInviterMayNoLongerInviteIsVoid() throws Exception {
        try (TestStore store = TestStore.open(TestStore.Kind.H2, dir)) {
            inviterIsCheckedAtAcceptance(store.database().dataSource());
        }
    }

    @Test
    void onPostgresqlAnInvitationWhoseInviterMayNoLongerInviteIsVoid() throws Exception {
        try (TestStore store = TestStore.open(TestStore.Kind.POSTGRESQL, dir)) {
            inviterIsCheckedAtAcceptance(store.database().dataSource());
        }
    }

    private static void inviterIsCheckedAtAcceptance(DataSource dataSource) throws SQLException {
        PeopleRepository people = new PeopleRepository(dataSource, Clock.systemUTC());
        people.createMeeting(new Meeting("m", "Meeting", Instant.now()));
        for (String id : List.of("chair", "guest", "admin-1")) {
            people.createUser(new User(id, id, id, id.startsWith("admin")), "not-a-hash");
        }
        people.putMembership("m", "chair", Role.CHAIR, null);
        String chairs = invite(people, "chair", Role.CHAIR);
        String admins = invite(people, "admin-1", Role.RAPPORTEUR);
        assertTrue(people.openInvitation(Tokens.hash(chairs)).isPresent(), "open while its inviter is chair");

        // The chair's role changes behind the repository's back: no revocation ran.
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE memberships SET role = 'observer' WHERE user_id = 'chair'");
        }
        assertTrue(people.openInvitation(Tokens.hash(chairs)).isEmpty(), "void once its inviter may not invite");
        assertEquals(List.of("admin-1"), people.pendingInvitations("m").stream().map(Invitation::createdBy).toList(),
                "a void invitation is not listed as pending");
        assertFalse(people.acceptInvitation(Tokens.hash(chairs), "guest", null, null).changed());
        assertEquals(Set.of(), roles(people, "guest"), "nothing granted");
        assertEquals(Role.OBSERVER, people.role("m", "chair").orElseThrow());
        assertFalse(people.acceptInvitation(Tokens.hash(chairs), "chair", null, null).changed(), "not even for its maker");
        assertEquals(Role.OBSERVER, people.role("m", "chair").orElseThrow());

        // An admin needs no membership to invite: theirs stays good.
        PeopleRepository.MembershipChange accepted = people.acceptInvitation(Tokens.hash(admins), "guest", null, null);
        assertTrue(accepted.changed());
        assertEquals(Role.RAPPORTEUR, people.role("m", "guest").orElseThrow());
    }

    private static String invite(PeopleRepository people, String inviter, Role role) {
        String token = Tokens.newToken();
        Instant now = Instant.now();
        people.createInvitation(Tokens.hash(token), new Invitation("i-" + token.substring(0, 12), "m", role, null,
                inviter, now, now.plus(Duration.ofDays(30))));
        return token;
    }

    private static Set<Role> roles(PeopleRepository people, String userId) {
        Set<Role> out = new HashSet<>();
        people.role("m", userId).ifPresent(out::add);
        return out;
    }

    @Test
    void onH2V7VoidsTheOpenInvitationsOfInvitersAlreadyDemoted() throws Exception {
        String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("plenary")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        v7VoidsStaleInvitations(url, null, () -> Database.open(dir, null, null, null));
    }

    @Test
    void onPostgresqlV7VoidsTheOpenInvitationsOfInvitersAlreadyDemoted() throws Exception {
        TestPostgres.Db db = TestPostgres.get().createDatabase();
        v7VoidsStaleInvitations(db.url(), db.user(), () -> Database.open(dir, db.url(), db.user(), null));
    }

    private interface Opener {
        Database open();
    }

    private static void v7VoidsStaleInvitations(String url, String user, Opener opener) throws Exception {
        String password = user == null ? null : ""; // H2: no account; PostgreSQL: trust authentication
        Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration").target("6").load().migrate();
        Instant later = Instant.now().plus(Duration.ofDays(20));
        try (Connection c = user == null ? DriverManager.getConnection(url) : DriverManager.getConnection(url, user, password)) {
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO meetings (id, name, created_at) VALUES ('m', 'Before V7', CURRENT_TIMESTAMP)");
                for (String[] u : new String[][] {{"admin-1", "TRUE"}, {"chair", "FALSE"}, {"demoted", "FALSE"},
                        {"removed", "FALSE"}}) {
                    s.execute("INSERT INTO users (id, username, display_name, password_hash, admin, created_at) VALUES ('"
                            + u[0] + "', '" + u[0] + "', '" + u[0] + "', 'x', " + u[1] + ", CURRENT_TIMESTAMP)");
                }
                s.execute("INSERT INTO memberships (meeting_id, user_id, role, delegation, created_at) VALUES"
                        + " ('m', 'chair', 'chair', NULL, CURRENT_TIMESTAMP), ('m', 'demoted', 'delegate', 'UCLG', CURRENT_TIMESTAMP)");
            }
            oldInvitation(c, "by-admin", "admin-1", later, null);
            oldInvitation(c, "by-chair", "chair", later, null);
            oldInvitation(c, "by-demoted", "demoted", later, null);
            oldInvitation(c, "by-removed", "removed", later, null);
            oldInvitation(c, "by-demoted-used", "demoted", later, Instant.now());
        }

        try (Database database = opener.open()) {
            PeopleRepository people = new PeopleRepository(database.dataSource(), Clock.systemUTC());
            for (String open : List.of("by-admin", "by-chair")) {
                assertTrue(people.openInvitation(Tokens.hash(open)).isPresent(), open + " stays open");
            }
            for (String voided : List.of("by-demoted", "by-removed")) {
                assertTrue(people.openInvitation(Tokens.hash(voided)).isEmpty(), voided + " is void");
            }
            List<Invitation> pending = people.pendingInvitations("m");
            assertEquals(Set.of("admin-1", "chair"), Set.copyOf(pending.stream().map(Invitation::createdBy).toList()),
                    "pending after V7: " + pending);
            try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT token_hash, id, revoked_at, used_at FROM invitations")) {
                Set<String> ids = new HashSet<>();
                while (rs.next()) {
                    assertNotNull(rs.getString("id"), "every row has an id after V7");
                    ids.add(rs.getString("id"));
                    boolean voided = rs.getString("token_hash").equals(Tokens.hash("by-demoted"))
                            || rs.getString("token_hash").equals(Tokens.hash("by-removed"));
                    assertEquals(voided, rs.getTimestamp("revoked_at") != null, rs.getString("id"));
                }
                assertEquals(5, ids.size(), "ids are unique: " + ids);
            }
        }
    }

    private static void oldInvitation(Connection c, String token, String createdBy, Instant expires, Instant used)
            throws SQLException {
        try (PreparedStatement q = c.prepareStatement("""
                INSERT INTO invitations (token_hash, meeting_id, role, delegation, created_by, created_at, expires_at, used_at)
                VALUES (?, 'm', 'chair', NULL, ?, CURRENT_TIMESTAMP, ?, ?)""")) {
            q.setString(1, Tokens.hash(token));
            q.setString(2, createdBy);
            q.setTimestamp(3, Timestamp.from(expires));
            q.setTimestamp(4, used == null ? null : Timestamp.from(used));
            q.executeUpdate();
        }
    }
}
