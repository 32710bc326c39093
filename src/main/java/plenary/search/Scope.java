package plenary.search;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What one person may find: the meetings they belong to (null: every meeting, for an
 * administrator), and beside public entries the drafts of their own delegations and their own.
 * The same rule as the negotiation views: another delegation's draft is never shown, not even to
 * an administrator.
 *
 * @param delegations meeting id → the person's delegation in it, for the meetings where they have one
 */
public record Scope(Set<String> meetings, String userId, Map<String, String> delegations) {

    public Scope {
        meetings = meetings == null ? null : Set.copyOf(meetings);
        delegations = Map.copyOf(delegations);
    }

    /** The reader tokens this person holds: public, their own, and each of their delegations'. */
    public Set<String> readerTokens() {
        Set<String> tokens = new HashSet<>();
        tokens.add(Entry.PUBLIC);
        if (userId != null) {
            tokens.add(user(userId));
        }
        delegations.forEach((meeting, delegation) -> tokens.add(delegation(meeting, delegation)));
        return tokens;
    }

    static String user(String userId) {
        return "user:" + userId;
    }

    static String delegation(String meetingId, String delegation) {
        return "delegation:" + meetingId + ":" + delegation;
    }
}
