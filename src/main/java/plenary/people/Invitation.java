package plenary.people;

import java.time.Instant;

/**
 * What accepting an invitation grants: a role (and delegation) in a meeting, once, before it
 * expires, unless it is revoked first. {@code id} names it for listing and revoking; the token that
 * accepts it is another thing, shown once to its creator.
 */
public record Invitation(String id, String meetingId, Role role, String delegation, String createdBy,
                         Instant createdAt, Instant expiresAt) {

    /** Where an invitation stands. Only a pending one can be accepted or revoked. */
    public enum State {
        PENDING, USED, REVOKED, EXPIRED
    }
}
