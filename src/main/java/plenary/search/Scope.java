package plenary.search;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What one person may find: the meetings they belong to (null: every meeting, for an
 * administrator), and beside public entries the drafts of the delegations they speak for. The same
 * rule as the negotiation views ({@link plenary.negotiation.Visibility}): another delegation's draft
 * is never shown, not even to an administrator, nor to its author once they speak for another.
 *
 * @param userId      who searches; no entry is addressed to one person, so it widens nothing
 * @param delegations meeting id → the delegation the person speaks for there as a delegate
 *                    ({@link plenary.people.DelegationRules#spokenFor}); none for other roles
 */
public record Scope(Set<String> meetings, String userId, Map<String, String> delegations) {

    public Scope {
        meetings = meetings == null ? null : Set.copyOf(meetings);
        delegations = Map.copyOf(delegations);
    }

    /** The reader tokens this person holds: public, and each of their delegations'. */
    public Set<String> readerTokens() {
        Set<String> tokens = new HashSet<>();
        tokens.add(Entry.PUBLIC);
        delegations.forEach((meeting, delegation) -> tokens.add(delegation(meeting, delegation)));
        return tokens;
    }

    static String delegation(String meetingId, String delegation) {
        return "delegation:" + meetingId + ":" + delegation;
    }
}
