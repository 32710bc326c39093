package plenary.http;

import io.vertx.ext.web.RoutingContext;
import plenary.people.Action;
import plenary.people.Decision;
import plenary.people.DelegationRules;
import plenary.people.PermissionPolicy;
import plenary.people.Principal;
import plenary.people.Role;
import plenary.store.PeopleRepository;

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

    /**
     * The delegation the person speaks for under {@code grant}: only a delegate speaks for one
     * ({@link DelegationRules}); a delegation stored beside any other role counts for nothing, and so
     * does one read when the role has changed since the grant was given.
     */
    String delegation(Grant grant, Principal principal) {
        return people.membership(grant.meetingId(), principal.userId())
                .filter(m -> m.role() == grant.role())
                .map(m -> DelegationRules.spokenFor(m.role(), m.delegation())).orElse(null);
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
