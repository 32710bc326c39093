package plenary.people;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The one table of who may do what inside a meeting, consulted by every REST route and every live
 * message. Admins run the installation (meetings, chairs) but hold no role in a meeting's
 * negotiation unless they are also members.
 */
public final class PermissionPolicy {
    private static final Set<Role> EVERY_MEMBER = EnumSet.allOf(Role.class);
    private static final Set<Role> DRAFTERS = EnumSet.of(Role.CHAIR, Role.RAPPORTEUR);
    private static final Set<Role> CHAIR = EnumSet.of(Role.CHAIR);
    /** Delegations speak through their delegates: amendments, straw polls, ballots, silence. */
    private static final Set<Role> DELEGATES = EnumSet.of(Role.DELEGATE);
    /** Everyone at the table; observers only follow. */
    private static final Set<Role> SPEAKERS = EnumSet.of(Role.CHAIR, Role.RAPPORTEUR, Role.DELEGATE);
    private static final Set<Role> NOBODY = EnumSet.noneOf(Role.class);

    /** One row: the meeting roles allowed, and whether an admin may do it in any meeting. */
    public record Row(Set<Role> roles, boolean admin) {
    }

    private static final Map<Action, Row> TABLE = table();

    private PermissionPolicy() {
    }

    private static Map<Action, Row> table() {
        Map<Action, Row> t = new EnumMap<>(Action.class);
        t.put(Action.READ, new Row(EVERY_MEMBER, true));
        t.put(Action.EXPORT, new Row(EVERY_MEMBER, true));
        t.put(Action.CREATE_DOCUMENT, new Row(DRAFTERS, false));
        t.put(Action.EDIT_TEXT, new Row(DRAFTERS, false));
        t.put(Action.LIST_MEMBERS, new Row(EVERY_MEMBER, true));
        t.put(Action.INVITE_MEMBER, new Row(CHAIR, true));
        t.put(Action.LIST_INVITATIONS, new Row(CHAIR, true));
        t.put(Action.REVOKE_INVITATION, new Row(CHAIR, true));
        t.put(Action.MANAGE_MEMBERS, new Row(CHAIR, true));
        t.put(Action.ADD_MEMBER, new Row(NOBODY, true));
        t.put(Action.CREATE_MEETING, new Row(NOBODY, true));
        t.put(Action.TABLE_AMENDMENT, new Row(DELEGATES, false));
        t.put(Action.COMMENT, new Row(SPEAKERS, false));
        t.put(Action.INDICATIVE_VOTE, new Row(DELEGATES, false));
        t.put(Action.DECIDE_AMENDMENT, new Row(DRAFTERS, false));
        t.put(Action.SET_CLAUSE_STATUS, new Row(DRAFTERS, false));
        t.put(Action.RUN_PROCEDURE, new Row(CHAIR, false));
        t.put(Action.CAST_BALLOT, new Row(DELEGATES, false));
        t.put(Action.BREAK_SILENCE, new Row(DELEGATES, false));
        t.put(Action.ADOPT, new Row(CHAIR, false));
        t.put(Action.READ_AUDIT, new Row(CHAIR, true));
        for (Action action : Action.values()) {
            if (!t.containsKey(action)) {
                throw new IllegalStateException("the permission policy has no row for " + action);
            }
        }
        return t;
    }

    public static Row row(Action action) {
        return TABLE.get(action);
    }

    /** Decides an installation-wide action (one not inside any meeting, such as creating a meeting). */
    public static Decision decideInstallation(Principal principal, Action action) {
        if (principal == null) {
            return Decision.UNAUTHENTICATED;
        }
        return principal.admin() && TABLE.get(action).admin() ? Decision.ALLOW : Decision.FORBIDDEN;
    }

    /**
     * Decides a request by someone about a meeting.
     *
     * @param role the person's role in the meeting, or null when they are not a member
     */
    public static Decision decide(Principal principal, Role role, Action action) {
        if (principal == null) {
            return Decision.UNAUTHENTICATED;
        }
        Row row = TABLE.get(action);
        if (principal.admin() && row.admin()) {
            return Decision.ALLOW;
        }
        if (role == null) {
            // Not a member: do not reveal that the meeting or its documents exist.
            return principal.admin() ? Decision.FORBIDDEN : Decision.NOT_FOUND;
        }
        return row.roles().contains(role) ? Decision.ALLOW : Decision.FORBIDDEN;
    }
}
