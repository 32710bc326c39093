package plenary.store;

import plenary.people.Invitation;
import plenary.people.Meeting;
import plenary.people.Membership;
import plenary.people.Role;
import plenary.people.User;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Accounts, meetings, memberships, sessions and invitations. Tokens (sessions, invitations) are
 * stored only as SHA-256 hashes: callers pass the hash, never the token.
 */
public final class PeopleRepository {
    private final Jdbc jdbc;
    private final Clock clock;

    public PeopleRepository(DataSource dataSource, Clock clock) {
        this.jdbc = new Jdbc(dataSource);
        this.clock = clock;
    }

    // ---- users -----------------------------------------------------------------------------

    public void createUser(User user, String passwordHash) {
        jdbc.update("INSERT INTO users (id, username, display_name, password_hash, admin, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                user.id(), user.username(), user.displayName(), passwordHash, user.admin(), clock.instant());
    }

    public long countUsers() {
        return jdbc.one("SELECT COUNT(*) FROM users", rs -> rs.getLong(1)).orElse(0L);
    }

    public Optional<User> user(String id) {
        return jdbc.one("SELECT id, username, display_name, admin FROM users WHERE id = ?", PeopleRepository::user, id);
    }

    public Optional<User> userByName(String username) {
        return jdbc.one("SELECT id, username, display_name, admin FROM users WHERE username = ?",
                PeopleRepository::user, username);
    }

    public Optional<String> passwordHash(String userId) {
        return jdbc.one("SELECT password_hash FROM users WHERE id = ?", rs -> rs.getString(1), userId);
    }

    private static User user(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new User(rs.getString("id"), rs.getString("username"), rs.getString("display_name"),
                rs.getBoolean("admin"));
    }

    // ---- meetings and memberships ----------------------------------------------------------

    public void createMeeting(Meeting meeting) {
        jdbc.update("INSERT INTO meetings (id, name, created_at) VALUES (?, ?, ?)",
                meeting.id(), meeting.name(), meeting.createdAt());
    }

    public Optional<Meeting> meeting(String id) {
        return jdbc.one("SELECT id, name, created_at FROM meetings WHERE id = ?", PeopleRepository::meeting, id);
    }

    public List<Meeting> meetings() {
        return jdbc.list("SELECT id, name, created_at FROM meetings ORDER BY created_at, id", PeopleRepository::meeting);
    }

    public List<Meeting> meetingsOf(String userId) {
        return jdbc.list("""
                SELECT m.id, m.name, m.created_at FROM meetings m JOIN memberships s ON s.meeting_id = m.id
                WHERE s.user_id = ? ORDER BY m.created_at, m.id""", PeopleRepository::meeting, userId);
    }

    private static Meeting meeting(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Meeting(rs.getString("id"), rs.getString("name"), Jdbc.instant(rs, "created_at"));
    }

    public Optional<Role> role(String meetingId, String userId) {
        return jdbc.one("SELECT role FROM memberships WHERE meeting_id = ? AND user_id = ?",
                rs -> Role.fromWireName(rs.getString(1)).orElseThrow(), meetingId, userId);
    }

    public Optional<Membership> membership(String meetingId, String userId) {
        return jdbc.one(MEMBERS + " WHERE s.meeting_id = ? AND s.user_id = ?", PeopleRepository::membership,
                meetingId, userId);
    }

    public List<Membership> members(String meetingId) {
        return jdbc.list(MEMBERS + " WHERE s.meeting_id = ? ORDER BY s.role, u.display_name", PeopleRepository::membership,
                meetingId);
    }

    private static final String MEMBERS = """
            SELECT s.meeting_id, s.user_id, u.username, u.display_name, s.role, s.delegation
            FROM memberships s JOIN users u ON u.id = s.user_id""";

    private static Membership membership(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Membership(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                Role.fromWireName(rs.getString(5)).orElseThrow(), rs.getString(6));
    }

    /** Adds the person to the meeting, or changes their role and delegation if already there. */
    public void putMembership(String meetingId, String userId, Role role, String delegation) {
        int changed = jdbc.update("UPDATE memberships SET role = ?, delegation = ? WHERE meeting_id = ? AND user_id = ?",
                role.wireName(), delegation, meetingId, userId);
        if (changed == 0) {
            jdbc.update("INSERT INTO memberships (meeting_id, user_id, role, delegation, created_at) VALUES (?, ?, ?, ?, ?)",
                    meetingId, userId, role.wireName(), delegation, clock.instant());
        }
    }

    public boolean removeMembership(String meetingId, String userId) {
        return jdbc.update("DELETE FROM memberships WHERE meeting_id = ? AND user_id = ?", meetingId, userId) == 1;
    }

    /** The meeting a document belongs to. */
    public Optional<String> meetingOfDocument(String documentId) {
        return jdbc.one("SELECT meeting_id FROM documents WHERE id = ?", rs -> rs.getString(1), documentId);
    }

    public void assignDocument(String documentId, String meetingId) {
        jdbc.update("UPDATE documents SET meeting_id = ? WHERE id = ?", meetingId, documentId);
    }

    // ---- sessions --------------------------------------------------------------------------

    public record Session(String userId, String csrfToken, Instant expiresAt) {
    }

    public void createSession(String tokenHash, String userId, String csrfToken, Instant expiresAt) {
        jdbc.update("INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                tokenHash, userId, csrfToken, clock.instant(), expiresAt);
    }

    public Optional<Session> session(String tokenHash) {
        return jdbc.one("SELECT user_id, csrf_token, expires_at FROM sessions WHERE token_hash = ? AND expires_at > ?",
                rs -> new Session(rs.getString(1), rs.getString(2), Jdbc.instant(rs, "expires_at")),
                tokenHash, clock.instant());
    }

    public void deleteSession(String tokenHash) {
        jdbc.update("DELETE FROM sessions WHERE token_hash = ?", tokenHash);
    }

    // ---- invitations -----------------------------------------------------------------------

    public void createInvitation(String tokenHash, Invitation invitation) {
        jdbc.update("""
                INSERT INTO invitations (token_hash, meeting_id, role, delegation, created_by, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", tokenHash, invitation.meetingId(), invitation.role().wireName(),
                invitation.delegation(), invitation.createdBy(), clock.instant(), invitation.expiresAt());
    }

    /** An unused, unexpired invitation. */
    public Optional<Invitation> openInvitation(String tokenHash) {
        return jdbc.one("""
                SELECT meeting_id, role, delegation, created_by, expires_at FROM invitations
                WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?""",
                PeopleRepository::invitation, tokenHash, clock.instant());
    }

    /**
     * Accepts an invitation in one transaction: marks it used (only if still unused and unexpired),
     * creates the account when {@code newUser} is given, and grants the membership. Returns false,
     * changing nothing, when the invitation cannot be used.
     */
    public boolean acceptInvitation(String tokenHash, String userId, User newUser, String passwordHash) {
        Instant now = clock.instant();
        return jdbc.inTransaction(tx -> {
            Optional<Invitation> invitation = tx.one("""
                    SELECT meeting_id, role, delegation, created_by, expires_at FROM invitations
                    WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?""", PeopleRepository::invitation,
                    tokenHash, now);
            if (invitation.isEmpty() || tx.update("""
                    UPDATE invitations SET used_at = ?, used_by = ?
                    WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?""", now, userId, tokenHash, now) != 1) {
                return false;
            }
            if (newUser != null) {
                tx.update("INSERT INTO users (id, username, display_name, password_hash, admin, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                        newUser.id(), newUser.username(), newUser.displayName(), passwordHash, false, now);
            }
            Invitation granted = invitation.get();
            tx.update("DELETE FROM memberships WHERE meeting_id = ? AND user_id = ?", granted.meetingId(), userId);
            tx.update("INSERT INTO memberships (meeting_id, user_id, role, delegation, created_at) VALUES (?, ?, ?, ?, ?)",
                    granted.meetingId(), userId, granted.role().wireName(), granted.delegation(), now);
            return true;
        });
    }

    private static Invitation invitation(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Invitation(rs.getString(1), Role.fromWireName(rs.getString(2)).orElseThrow(), rs.getString(3),
                rs.getString(4), Jdbc.instant(rs, "expires_at"));
    }
}
