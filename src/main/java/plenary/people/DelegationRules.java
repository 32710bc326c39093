package plenary.people;

import java.util.Optional;

/**
 * Who speaks for a delegation, and so who reads its drafts: its delegates, and nobody else. A chair,
 * rapporteur or observer holds no delegation, and nobody changes their own role or delegation, so a
 * chair cannot make himself a delegate of a city to read what it has not yet tabled.
 */
public final class DelegationRules {
    private DelegationRules() {
    }

    /** The delegation a member speaks for: a delegate's; none for any other role, whatever was stored. */
    public static String spokenFor(Role role, String delegation) {
        return role == Role.DELEGATE ? delegation : null;
    }

    /** Why a role and delegation do not go together, or empty when they do. */
    public static Optional<String> problem(Role role, String delegation) {
        if (role == Role.DELEGATE && delegation == null) {
            return Optional.of("a delegate speaks for a delegation: give its name");
        }
        if (role != Role.DELEGATE && delegation != null) {
            return Optional.of("only a delegate speaks for a delegation; leave it out for a " + role.wireName());
        }
        return Optional.empty();
    }

    /** Why {@code actingUserId} may not set {@code memberUserId}'s role or delegation, or empty when they may. */
    public static Optional<String> selfChangeProblem(String actingUserId, String memberUserId) {
        if (actingUserId != null && actingUserId.equals(memberUserId)) {
            return Optional.of("nobody changes their own role or delegation: another chair or an admin does");
        }
        return Optional.empty();
    }
}
