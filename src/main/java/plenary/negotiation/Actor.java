package plenary.negotiation;

import plenary.people.Role;

/**
 * Who does something in a negotiation: the person, their role in the meeting (null for an admin
 * who is not a member, or for the procedure itself at a deadline) and the delegation they speak for.
 */
public record Actor(String userId, String name, Role role, String delegation) {

    /** The procedure acting on its own, such as a silence procedure reaching its deadline. */
    public static final Actor PROCEDURE = new Actor(null, "the procedure", null, null);

    public boolean is(Role r) {
        return role == r;
    }
}
