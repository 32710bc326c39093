package plenary.store;

import plenary.people.Action;
import plenary.people.Decision;
import plenary.people.Invitation;
import plenary.people.Meeting;
import plenary.people.Membership;
import plenary.people.PermissionPolicy;
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

    /**
     * What a change of one membership did: whether anything changed, the role it left ({@code null}:
     * not a member), and how many of that person's pending invitations to the meeting it revoked.
     */
    public record MembershipChange(boolean changed, Role role, int invitationsRevoked) {
        static final MembershipChange NONE = new MembershipChange(false, null, 0);
    }

    /**
     * Adds the person to the meeting, or changes their role and delegation if already there; in the
     * same transaction, revokes the invitations they made if their new role may no longer invite.
     */
    public MembershipChange putMembership(String meetingId, String userId, Role role, String delegation) {
        return jdbc.inTransaction(tx -> {
            if (!updateMembership(tx, meetingId, userId, role, delegation)) {
                tx.update("INSERT INTO memberships (meeting_id, user_id, role, delegation, created_at) VALUES (?, ?, ?, ?, ?)",
                        meetingId, userId, role.wireName(), delegation, clock.instant());
            }
            return new MembershipChange(true, role, revokeIfNoLongerInviting(tx, meetingId, userId));
        });
    }

    /**
     * Changes the role and delegation of someone who is a member already (and revokes their
     * invitations if they may no longer invite); a non-member is left as they are: nothing changes.
     */
    public MembershipChange changeMembership(String meetingId, String userId, Role role, String delegation) {
        return jdbc.inTransaction(tx -> updateMembership(tx, meetingId, userId, role, delegation)
                ? new MembershipChange(true, role, revokeIfNoLongerInviting(tx, meetingId, userId))
                : MembershipChange.NONE);
    }

    private static boolean updateMembership(Jdbc tx, String meetingId, String userId, Role role, String delegation) {
        return tx.update("UPDATE memberships SET role = ?, delegation = ? WHERE meeting_id = ? AND user_id = ?",
                role.wireName(), delegation, meetingId, userId) == 1;
    }

    /** Removes a member, and in the same transaction the invitations they made, unless they still may invite (an admin). */
    public MembershipChange removeMembership(String meetingId, String userId) {
        return jdbc.inTransaction(tx -> tx.update("DELETE FROM memberships WHERE meeting_id = ? AND user_id = ?",
                meetingId, userId) == 1
                ? new MembershipChange(true, null, revokeIfNoLongerInviting(tx, meetingId, userId))
                : MembershipChange.NONE);
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

    private static final String INVITATION = """
            SELECT id, meeting_id, role, delegation, created_by, created_at, expires_at FROM invitations""";
    /** Neither used nor revoked nor expired (the one parameter: now). */
    private static final String PENDING = " used_at IS NULL AND revoked_at IS NULL AND expires_at > ?";

    public void createInvitation(String tokenHash, Invitation invitation) {
        jdbc.update("""
                INSERT INTO invitations (token_hash, id, meeting_id, role, delegation, created_by, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", tokenHash, invitation.id(), invitation.meetingId(),
                invitation.role().wireName(), invitation.delegation(), invitation.createdBy(), invitation.createdAt(),
                invitation.expiresAt());
    }

    /** A pending invitation whose inviter may still invite: one that can be accepted now. */
    public Optional<Invitation> openInvitation(String tokenHash) {
        return usable(jdbc, tokenHash, clock.instant());
    }

    private static Optional<Invitation> usable(Jdbc j, String tokenHash, Instant now) {
        return j.one(INVITATION + " WHERE token_hash = ? AND" + PENDING, PeopleRepository::invitation, tokenHash, now)
                .filter(invitation -> mayInvite(j, invitation.meetingId(), invitation.createdBy()));
    }

    /**
     * The meeting's pending invitations that can be accepted, oldest first: not those of an inviter
     * who may no longer invite (one made while its maker was being demoted, say), which are void.
     */
    public List<Invitation> pendingInvitations(String meetingId) {
        java.util.Map<String, Boolean> inviters = new java.util.HashMap<>();
        return jdbc.list(INVITATION + " WHERE meeting_id = ? AND" + PENDING + " ORDER BY created_at, id",
                        PeopleRepository::invitation, meetingId, clock.instant()).stream()
                .filter(i -> inviters.computeIfAbsent(i.createdBy(), by -> mayInvite(jdbc, meetingId, by)))
                .toList();
    }

    /** Where an invitation of the meeting stands; empty when the meeting has none with that id. */
    public Optional<Invitation.State> invitationState(String meetingId, String invitationId) {
        Instant now = clock.instant();
        return jdbc.one("SELECT used_at, revoked_at, expires_at FROM invitations WHERE meeting_id = ? AND id = ?",
                rs -> rs.getTimestamp(1) != null ? Invitation.State.USED
                        : rs.getTimestamp(2) != null ? Invitation.State.REVOKED
                        : !Jdbc.instant(rs, "expires_at").isAfter(now) ? Invitation.State.EXPIRED
                        : Invitation.State.PENDING, meetingId, invitationId);
    }

    /** Revokes a pending invitation of the meeting; false, changing nothing, when there is none such. */
    public boolean revokeInvitation(String meetingId, String invitationId, String revokedBy) {
        Instant now = clock.instant();
        return jdbc.update("UPDATE invitations SET revoked_at = ?, revoked_by = ? WHERE meeting_id = ? AND id = ? AND"
                + PENDING, now, revokedBy, meetingId, invitationId, now) == 1;
    }

    /**
     * Accepts an invitation in one transaction: marks it used (only if still pending and its inviter
     * may still invite: a chair demoted or removed since has voided it), creates the account when
     * {@code newUser} is given, grants the membership, and revokes the accepting person's own
     * invitations if the role taken means they may no longer invite. Changes nothing when the
     * invitation cannot be used.
     */
    public MembershipChange acceptInvitation(String tokenHash, String userId, User newUser, String passwordHash) {
        Instant now = clock.instant();
        return jdbc.inTransaction(tx -> {
            Optional<Invitation> invitation = usable(tx, tokenHash, now);
            if (invitation.isEmpty() || tx.update("UPDATE invitations SET used_at = ?, used_by = ? WHERE token_hash = ? AND"
                    + PENDING, now, userId, tokenHash, now) != 1) {
                return MembershipChange.NONE;
            }
            if (newUser != null) {
                tx.update("INSERT INTO users (id, username, display_name, password_hash, admin, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                        newUser.id(), newUser.username(), newUser.displayName(), passwordHash, false, now);
            }
            Invitation granted = invitation.get();
            tx.update("DELETE FROM memberships WHERE meeting_id = ? AND user_id = ?", granted.meetingId(), userId);
            tx.update("INSERT INTO memberships (meeting_id, user_id, role, delegation, created_at) VALUES (?, ?, ?, ?, ?)",
                    granted.meetingId(), userId, granted.role().wireName(), granted.delegation(), now);
            return new MembershipChange(true, granted.role(), revokeIfNoLongerInviting(tx, granted.meetingId(), userId));
        });
    }

    /** Whether the person may invite to the meeting now, as the permission policy has it. */
    private static boolean mayInvite(Jdbc j, String meetingId, String userId) {
        Optional<User> user = j.one("SELECT id, username, display_name, admin FROM users WHERE id = ?",
                PeopleRepository::user, userId);
        Role role = j.one("SELECT role FROM memberships WHERE meeting_id = ? AND user_id = ?",
                rs -> Role.fromWireName(rs.getString(1)).orElseThrow(), meetingId, userId).orElse(null);
        return user.isPresent()
                && PermissionPolicy.decide(user.get().principal(), role, Action.INVITE_MEMBER) == Decision.ALLOW;
    }

    /**
     * Revokes the pending invitations the person made to the meeting when they may no longer invite
     * (demoted or removed), so no old link brings them, or anyone, back. {@code revoked_by} stays
     * null: the server revoked them, not a person. Returns how many.
     */
    private int revokeIfNoLongerInviting(Jdbc tx, String meetingId, String userId) {
        if (mayInvite(tx, meetingId, userId)) {
            return 0;
        }
        Instant now = clock.instant();
        return tx.update("UPDATE invitations SET revoked_at = ? WHERE meeting_id = ? AND created_by = ? AND" + PENDING,
                now, meetingId, userId, now);
    }

    private static Invitation invitation(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Invitation(rs.getString("id"), rs.getString("meeting_id"),
                Role.fromWireName(rs.getString("role")).orElseThrow(), rs.getString("delegation"),
                rs.getString("created_by"), Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "expires_at"));
    }

    // ---- one account's password and sessions (added for issue 15, area D) ------------------

    /** Whether the account must choose a new password before it may sign in (the generated first admin). */
    public boolean mustChangePassword(String userId) {
        return jdbc.one("SELECT must_change_password FROM users WHERE id = ?", rs -> rs.getBoolean(1), userId)
                .orElse(false);
    }

    public void requirePasswordChange(String userId) {
        jdbc.update("UPDATE users SET must_change_password = TRUE WHERE id = ?", userId);
    }

    /**
     * Sets a new password hash and ends every session of the account but {@code keepTokenHash}
     * (null: all of them), in one transaction. Returns the hashes of the sessions it ended, so their
     * live sockets can be closed.
     */
    public List<String> changePassword(String userId, String passwordHash, String keepTokenHash) {
        return jdbc.inTransaction(tx -> {
            tx.update("UPDATE users SET password_hash = ?, must_change_password = FALSE WHERE id = ?", passwordHash, userId);
            return endSessions(tx, userId, keepTokenHash);
        });
    }

    /** Ends every session of the account ("sign out everywhere"); the hashes of those it ended. */
    public List<String> endSessionsOf(String userId) {
        return jdbc.inTransaction(tx -> endSessions(tx, userId, null));
    }

    private static List<String> endSessions(Jdbc tx, String userId, String keepTokenHash) {
        List<String> ended = new java.util.ArrayList<>(tx.list("SELECT token_hash FROM sessions WHERE user_id = ?",
                rs -> rs.getString(1), userId));
        ended.remove(keepTokenHash);
        tx.update("DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?", userId,
                keepTokenHash == null ? "" : keepTokenHash);
        return ended;
    }
}
