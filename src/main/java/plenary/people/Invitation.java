package plenary.people;

import java.time.Instant;

/** What accepting an invitation grants: a role (and delegation) in a meeting, once, before it expires. */
public record Invitation(String meetingId, Role role, String delegation, String createdBy, Instant expiresAt) {
}
