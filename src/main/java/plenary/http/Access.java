package plenary.http;

import io.vertx.ext.web.RoutingContext;
import plenary.people.Action;
import plenary.people.Decision;
import plenary.people.DelegationRules;
import plenary.people.Membership;
import plenary.people.PermissionPolicy;
import plenary.people.Principal;
import plenary.people.Role;
import plenary.store.PeopleRepository;

import java.util.Optional;

/**
 * Applies the permission policy to a request: every route that touches a meeting or a document
 * asks here, with the one action it performs. Blocking (it reads memberships): call it inside the
 * route's blocking work.
 */
final class Access {
    private final PeopleRepository people;

    Access(PeopleRepository people) {
        this.people = people;
    }

    /** The signed-in person, or a 401. */
    static Principal principal(RoutingContext ctx) {
        return Authenticator.of(ctx).map(Authenticated::principal).orElseThrow(() -> new ProblemException(
                new Problem(401, "unauthenticated", "Sign in first", "this needs a session cookie or a bearer token")));
    }

    /** Checks {@code action} in a meeting; returns the person's role there (null for an admin who is not a member). */
    Role meeting(Principal principal, String meetingId, Action action) {
        Role role = people.role(meetingId, principal.userId()).orElse(null);
        boolean exists = role != null || people.meeting(meetingId).isPresent();
        Decision decision = exists ? PermissionPolicy.decide(principal, role, action) : Decision.NOT_FOUND;
        require(decision, "no meeting " + meetingId);
        return role;
    }

    /** Checks {@code action} on a document's meeting; an unknown document and a foreign one look alike. */
    String document(Principal principal, String documentId, Action action) {
        return documentRole(principal, documentId, action).meetingId();
    }

    /** The meeting of a document and the person's role in it (null for an admin who is not a member). */
    record Grant(String meetingId, Role role) {
    }

    Grant documentRole(Principal principal, String documentId, Action action) {
        String meetingId = people.meetingOfDocument(documentId)
                .orElseThrow(() -> DocumentIds.unknown(documentId));
        Role role = people.role(meetingId, principal.userId()).orElse(null);
        require(PermissionPolicy.decide(principal, role, action), "no document " + documentId);
        return new Grant(meetingId, role);
    }

    /** A grant, and the delegation its holder speaks for (null unless a delegate). */
    record Seat(Grant grant, String delegation) {
    }

    /**
     * {@link #documentRole} and the delegation spoken for, from one read of the membership: only a
     * delegate speaks for one ({@link DelegationRules}), and role and delegation come from the same row.
     */
    Seat documentSeat(Principal principal, String documentId, Action action) {
        String meetingId = people.meetingOfDocument(documentId)
                .orElseThrow(() -> DocumentIds.unknown(documentId));
        Optional<Membership> membership = people.membership(meetingId, principal.userId());
        Role role = membership.map(Membership::role).orElse(null);
        require(PermissionPolicy.decide(principal, role, action), "no document " + documentId);
        return new Seat(new Grant(meetingId, role),
                membership.map(m -> DelegationRules.spokenFor(m.role(), m.delegation())).orElse(null));
    }

    static void require(Decision decision, String notFoundDetail) {
        switch (decision) {
            case ALLOW -> { }
            case UNAUTHENTICATED -> throw new ProblemException(new Problem(401, "unauthenticated", "Sign in first",
                    "this needs a session cookie or a bearer token"));
            case FORBIDDEN -> throw new ProblemException(new Problem(403, "forbidden", "Not allowed in your role",
                    "your role in this meeting does not allow this"));
            case NOT_FOUND -> throw new ProblemException(Problem.notFound(notFoundDetail));
        }
    }
}
