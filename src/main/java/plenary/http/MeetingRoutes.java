package plenary.http;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import plenary.people.Action;
import plenary.people.Decision;
import plenary.people.DelegationRules;
import plenary.people.Invitation;
import plenary.people.Meeting;
import plenary.people.PermissionPolicy;
import plenary.people.Membership;
import plenary.people.Principal;
import plenary.people.Role;
import plenary.people.Tokens;
import plenary.people.User;
import plenary.store.PeopleRepository;
import plenary.store.PeopleRepository.MembershipChange;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Meetings, their members and invitations to them. A chair invites; only an admin adds an existing
 * account directly. Every membership change is recorded in {@link CurrentRoles} before it is
 * answered, so the person's open live sockets stop acting in the old role at once.
 */
final class MeetingRoutes {
    private static final Duration DEFAULT_INVITATION_LIFETIME = Duration.ofDays(7);
    private static final Duration MAX_INVITATION_LIFETIME = Duration.ofDays(30);

    private final Vertx vertx;
    private final PeopleRepository people;
    private final Access access;
    private final Supplier<String> ids;
    private final Clock clock;
    private final LiveEvents events;
    private final CurrentRoles roles;

    MeetingRoutes(Vertx vertx, PeopleRepository people, Access access, Supplier<String> ids, Clock clock,
                  LiveEvents events) {
        this.vertx = vertx;
        this.people = people;
        this.access = access;
        this.ids = ids;
        this.clock = clock;
        this.events = events;
        this.roles = CurrentRoles.of(vertx);
    }

    void mount(Router router) {
        router.get("/api/meetings").handler(this::list);
        router.post("/api/meetings").handler(this::create);
        router.get("/api/meetings/:meetingId").handler(this::get);
        router.get("/api/meetings/:meetingId/members").handler(this::members);
        router.put("/api/meetings/:meetingId/members/:userId").handler(this::putMember);
        router.delete("/api/meetings/:meetingId/members/:userId").handler(this::removeMember);
        router.post("/api/meetings/:meetingId/invitations").handler(this::invite);
        router.get("/api/meetings/:meetingId/invitations").handler(this::invitations);
        router.delete("/api/meetings/:meetingId/invitations/:invitationId").handler(this::revokeInvitation);
    }

    private void list(RoutingContext ctx) {
        Principal me = Access.principal(ctx);
        blocking(ctx, () -> {
            List<Meeting> meetings = me.admin() ? people.meetings() : people.meetingsOf(me.userId());
            JsonArray out = new JsonArray();
            meetings.forEach(m -> {
                Membership mine = people.membership(m.id(), me.userId()).orElse(null);
                // The page needs its own delegation to tell "my amendment" from another's.
                out.add(meeting(m, mine == null ? null : mine.role())
                        .put("delegation", mine == null ? null : mine.delegation()));
            });
            return new JsonObject().put("meetings", out);
        });
    }

    private void create(RoutingContext ctx) {
        Principal me = Access.principal(ctx);
        JsonObject body = JsonBody.object(ctx);
        String name = JsonBody.string(body, "name");
        if (name == null || name.isBlank() || name.length() > 500) {
            throw new ProblemException(Problem.badRequest("a meeting needs a name of 1 to 500 characters"));
        }
        Access.require(PermissionPolicy.decideInstallation(me, Action.CREATE_MEETING), "no such route");
        blocking(ctx, () -> {
            Meeting meeting = new Meeting(ids.get(), name.strip(), clock.instant());
            people.createMeeting(meeting);
            return meeting(meeting, null);
        }, 201);
    }

    private void get(RoutingContext ctx) {
        Principal me = Access.principal(ctx);
        String meetingId = MeetingIds.meeting(ctx);
        blocking(ctx, () -> {
            Role role = access.meeting(me, meetingId, Action.READ);
            return meeting(people.meeting(meetingId).orElseThrow(), role);
        });
    }

    private void members(RoutingContext ctx) {
        Principal me = Access.principal(ctx);
        String meetingId = MeetingIds.meeting(ctx);
        blocking(ctx, () -> {
            access.meeting(me, meetingId, Action.LIST_MEMBERS);
            JsonArray out = new JsonArray();
            people.members(meetingId).forEach(m -> out.add(member(m)));
            return new JsonObject().put("members", out);
        });
    }

    /**
     * Sets a member's role and delegation; an admin appoints a chair this way. A chair changes
     * members only: anyone else, whether or not such an account exists, gets the same 403, so the
     * installation's accounts cannot be found or pulled into a meeting by id. A demoted chair's
     * pending invitations are revoked with the change.
     */
    private void putMember(RoutingContext ctx) {
        Principal me = Access.principal(ctx);
        String meetingId = MeetingIds.meeting(ctx);
        String userId = MeetingIds.user(ctx);
        JsonObject body = JsonBody.object(ctx);
        Role role = role(body);
        String delegation = delegation(body, role);
        blocking(ctx, () -> {
            Role mine = access.meeting(me, meetingId, Action.MANAGE_MEMBERS);
            // Nobody sets their own role or delegation: a chair could otherwise speak for a city to read its drafts.
            DelegationRules.selfChangeProblem(me.userId(), userId).ifPresent(p -> {
                throw new ProblemException(new Problem(403, "forbidden", "Not allowed", p));
            });
            boolean mayAdd = PermissionPolicy.decide(me, mine, Action.ADD_MEMBER) == Decision.ALLOW;
            if (mayAdd) {
                people.user(userId).orElseThrow(() -> new ProblemException(Problem.notFound("no user " + userId)));
            }
            MembershipChange change = roles.commit(meetingId, userId, () -> mayAdd
                    ? people.putMembership(meetingId, userId, role, delegation)
                    : people.changeMembership(meetingId, userId, role, delegation));
            if (!change.changed()) {
                throw new ProblemException(new Problem(403, "forbidden", "Not allowed in your role",
                        "user " + userId + " is not a member of this meeting: invite them (only an admin adds an"
                                + " existing account directly)"));
            }
            events.membershipChanged(userId, meetingId);
            return member(people.membership(meetingId, userId).orElseThrow(() -> new ProblemException(
                    Problem.notFound("user " + userId + " was removed meanwhile"))))
                    .put("invitationsRevoked", change.invitationsRevoked());
        });
    }

    /** Removes a member, and with them the pending invitations they made (unless they are an admin). */
    private void removeMember(RoutingContext ctx) {
        Principal me = Access.principal(ctx);
        String meetingId = MeetingIds.meeting(ctx);
        String userId = MeetingIds.user(ctx);
        blocking(ctx, () -> {
            access.meeting(me, meetingId, Action.MANAGE_MEMBERS);
            MembershipChange change = roles.commit(meetingId, userId, () -> people.removeMembership(meetingId, userId));
            if (!change.changed()) {
                throw new ProblemException(Problem.notFound("user " + userId + " is not a member"));
            }
            events.membershipChanged(userId, meetingId);
            return new JsonObject().put("removed", userId).put("invitationsRevoked", change.invitationsRevoked());
        });
    }

    /** The pending invitations, without their links: a token is shown once, to its creator. */
    private void invitations(RoutingContext ctx) {
        Principal me = Access.principal(ctx);
        String meetingId = MeetingIds.meeting(ctx);
        blocking(ctx, () -> {
            access.meeting(me, meetingId, Action.LIST_INVITATIONS);
            Map<String, Optional<User>> inviters = new HashMap<>();
            JsonArray out = new JsonArray();
            for (Invitation invitation : people.pendingInvitations(meetingId)) {
                User inviter = inviters.computeIfAbsent(invitation.createdBy(), people::user).orElse(null);
                out.add(new JsonObject().put("id", invitation.id()).put("role", invitation.role().wireName())
                        .put("delegation", invitation.delegation())
                        .put("createdBy", new JsonObject().put("userId", invitation.createdBy())
                                .put("username", inviter == null ? null : inviter.username())
                                .put("displayName", inviter == null ? null : inviter.displayName()))
                        .put("createdAt", invitation.createdAt().toString())
                        .put("expiresAt", invitation.expiresAt().toString()));
            }
            return new JsonObject().put("invitations", out);
        });
    }

    /** Revokes a pending invitation: its link then gets the same 410 as a used one. */
    private void revokeInvitation(RoutingContext ctx) {
        Principal me = Access.principal(ctx);
        String meetingId = MeetingIds.meeting(ctx);
        String invitationId = MeetingIds.id(ctx, "invitationId", "an invitation id");
        blocking(ctx, () -> {
            access.meeting(me, meetingId, Action.REVOKE_INVITATION);
            if (!people.revokeInvitation(meetingId, invitationId, me.userId())) {
                Invitation.State state = people.invitationState(meetingId, invitationId).orElseThrow(() ->
                        new ProblemException(Problem.notFound("no invitation " + invitationId + " in this meeting")));
                String why = switch (state) {
                    case USED -> "it has been accepted; remove the member instead";
                    case REVOKED -> "it was revoked already";
                    case EXPIRED -> "it has expired";
                    case PENDING -> "it changed meanwhile; try again";
                };
                throw new ProblemException(new Problem(409, "invitation-not-pending", "Invitation not pending",
                        "invitation " + invitationId + " cannot be revoked: " + why));
            }
            return new JsonObject().put("revoked", invitationId);
        });
    }

    /** A single-use link; the token is shown once, here, and stored only as a hash. */
    private void invite(RoutingContext ctx) {
        Principal me = Access.principal(ctx);
        String meetingId = MeetingIds.meeting(ctx);
        JsonObject body = JsonBody.object(ctx);
        Role role = role(body);
        String delegation = delegation(body, role);
        Object hours = body.getValue("expiresInHours");
        Duration lifetime = hours == null ? DEFAULT_INVITATION_LIFETIME
                : hours instanceof Number n && n.doubleValue() * 3600 >= 1 ? Duration.ofMillis((long) (n.doubleValue() * 3_600_000))
                : null;
        if (lifetime == null || lifetime.compareTo(MAX_INVITATION_LIFETIME) > 0) {
            throw new ProblemException(Problem.badRequest("expiresInHours must be a number from 1 second (0.0003) up to 720"));
        }
        blocking(ctx, () -> {
            access.meeting(me, meetingId, Action.INVITE_MEMBER);
            String token = Tokens.newToken();
            // To the millisecond, as stored: the times answered here are those the listing shows later.
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            Invitation invitation = new Invitation(ids.get(), meetingId, role, delegation, me.userId(), now,
                    now.plus(lifetime));
            people.createInvitation(Tokens.hash(token), invitation);
            return new JsonObject().put("id", invitation.id()).put("token", token).put("url", "/#/invitations/" + token)
                    .put("role", role.wireName()).put("delegation", delegation)
                    .put("expiresAt", invitation.expiresAt().toString());
        }, 201);
    }

    static Role role(JsonObject body) {
        String name = JsonBody.string(body, "role");
        return Role.fromWireName(name).orElseThrow(() -> new ProblemException(
                Problem.badRequest("role must be chair, rapporteur, delegate or observer")));
    }

    static String delegation(JsonObject body, Role role) {
        String delegation = JsonBody.string(body, "delegation");
        if (delegation != null && (delegation.isBlank() || delegation.length() > 200)) {
            throw new ProblemException(Problem.badRequest("a delegation name has 1 to 200 characters"));
        }
        String named = delegation == null ? null : delegation.strip();
        DelegationRules.problem(role, named).ifPresent(p -> {
            throw new ProblemException(Problem.badRequest(p));
        });
        return named;
    }

    static JsonObject meeting(Meeting meeting, Role role) {
        return new JsonObject().put("id", meeting.id()).put("name", meeting.name())
                .put("createdAt", meeting.createdAt().toString()).put("role", role == null ? null : role.wireName());
    }

    static JsonObject member(Membership m) {
        return new JsonObject().put("userId", m.userId()).put("username", m.username())
                .put("displayName", m.displayName()).put("role", m.role().wireName()).put("delegation", m.delegation());
    }

    private void blocking(RoutingContext ctx, java.util.concurrent.Callable<JsonObject> work) {
        blocking(ctx, work, 200);
    }

    private void blocking(RoutingContext ctx, java.util.concurrent.Callable<JsonObject> work, int status) {
        vertx.executeBlocking(work, false)
                .onSuccess(body -> ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                        .end(body.encode()))
                .onFailure(ctx::fail);
    }
}
