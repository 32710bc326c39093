package plenary.people;

import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The policy table, written out a second time by hand: a change to who may do what must be made
 * in both places, and an action added without a decision fails here.
 */
class PermissionPolicyTest {
    private static final Principal MEMBER = new Principal("u", "u", "U", false);
    private static final Principal ADMIN = new Principal("a", "admin", "Admin", true);

    /** Expected: the roles allowed, and whether an admin who is not a member may. */
    static Map<Action, PermissionPolicy.Row> expected() {
        Map<Action, PermissionPolicy.Row> t = new EnumMap<>(Action.class);
        Set<Role> all = EnumSet.allOf(Role.class);
        t.put(Action.READ, new PermissionPolicy.Row(all, true));
        t.put(Action.EXPORT, new PermissionPolicy.Row(all, true));
        t.put(Action.CREATE_DOCUMENT, new PermissionPolicy.Row(EnumSet.of(Role.CHAIR, Role.RAPPORTEUR), false));
        t.put(Action.EDIT_TEXT, new PermissionPolicy.Row(EnumSet.of(Role.CHAIR, Role.RAPPORTEUR), false));
        t.put(Action.LIST_MEMBERS, new PermissionPolicy.Row(all, true));
        t.put(Action.INVITE_MEMBER, new PermissionPolicy.Row(EnumSet.of(Role.CHAIR), true));
        t.put(Action.LIST_INVITATIONS, new PermissionPolicy.Row(EnumSet.of(Role.CHAIR), true));
        t.put(Action.REVOKE_INVITATION, new PermissionPolicy.Row(EnumSet.of(Role.CHAIR), true));
        t.put(Action.MANAGE_MEMBERS, new PermissionPolicy.Row(EnumSet.of(Role.CHAIR), true));
        t.put(Action.ADD_MEMBER, new PermissionPolicy.Row(EnumSet.noneOf(Role.class), true));
        t.put(Action.CREATE_MEETING, new PermissionPolicy.Row(EnumSet.noneOf(Role.class), true));
        Set<Role> delegates = EnumSet.of(Role.DELEGATE);
        Set<Role> drafters = EnumSet.of(Role.CHAIR, Role.RAPPORTEUR);
        t.put(Action.TABLE_AMENDMENT, new PermissionPolicy.Row(delegates, false));
        t.put(Action.COMMENT, new PermissionPolicy.Row(EnumSet.of(Role.CHAIR, Role.RAPPORTEUR, Role.DELEGATE), false));
        t.put(Action.INDICATIVE_VOTE, new PermissionPolicy.Row(delegates, false));
        t.put(Action.DECIDE_AMENDMENT, new PermissionPolicy.Row(drafters, false));
        t.put(Action.SET_CLAUSE_STATUS, new PermissionPolicy.Row(drafters, false));
        t.put(Action.RUN_PROCEDURE, new PermissionPolicy.Row(EnumSet.of(Role.CHAIR), false));
        t.put(Action.CAST_BALLOT, new PermissionPolicy.Row(delegates, false));
        t.put(Action.BREAK_SILENCE, new PermissionPolicy.Row(delegates, false));
        t.put(Action.ADOPT, new PermissionPolicy.Row(EnumSet.of(Role.CHAIR), false));
        t.put(Action.READ_AUDIT, new PermissionPolicy.Row(EnumSet.of(Role.CHAIR), true));
        return t;
    }

    @Test
    void everyActionHasTheExpectedDecisionForEveryRole() {
        Map<Action, PermissionPolicy.Row> expected = expected();
        for (Action action : Action.values()) {
            PermissionPolicy.Row row = expected.get(action);
            assertEquals(true, row != null, action + " is new: decide who may do it here and in PermissionPolicy");
            for (Role role : Role.values()) {
                Decision want = row.roles().contains(role) ? Decision.ALLOW : Decision.FORBIDDEN;
                assertEquals(want, PermissionPolicy.decide(MEMBER, role, action), role + " × " + action);
            }
            assertEquals(Decision.NOT_FOUND, PermissionPolicy.decide(MEMBER, null, action),
                    "a non-member learns nothing about " + action);
            assertEquals(Decision.UNAUTHENTICATED, PermissionPolicy.decide(null, null, action), action.name());
            assertEquals(row.admin() ? Decision.ALLOW : Decision.FORBIDDEN, PermissionPolicy.decide(ADMIN, null, action),
                    "admin × " + action);
        }
    }
}
