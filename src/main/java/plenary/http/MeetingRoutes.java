package plenary.http;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import plenary.people.Action;
import plenary.people.Invitation;
import plenary.people.Meeting;
import plenary.people.PermissionPolicy;
import plenary.people.Membership;
import plenary.people.Principal;
import plenary.people.Role;
import plenary.people.Tokens;
import plenary.store.PeopleRepository;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/** Meetings, their members and invitations to them. */
final class MeetingRoutes {
    private static final Duration DEFAULT_INVITATION_LIFETIME = Duration.ofDays(7);
    private static final Duration MAX_INVITATION_LIFETIME = Duration.ofDays(30);

    private final Vertx vertx;
    private final PeopleRepository people;
    private final Access access;
    private final Supplier<String> ids;
    private final Clock clock;
    private final LiveEvents events;

    MeetingRoutes(Vertx vertx, PeopleRepository people, Access access, Supplier<String> ids, Clock clock,
                  LiveEvents events) {
        this.vertx = vertx;
        this.people = people;
        this.access = access;
        this.ids = ids;
        this.clock = clock;
        this.events = events;
    }

    void mount(Router router) {
        router.get("/api/meetings").handler(this::list);
        router.post("/api/meetings").handler(this::create);
        router.get("/api/meetings/:meetingId").handler(this::get);
        router.get("/api/meetings/:meetingId/members").handler(this::members);
        router.put("/api/meetings/:meetingId/members/:userId").handler(this::putMember);
        router.delete("/api/meetings/:meetingId/members/:userId").handler(this::removeMember);
        router.post("/api/meetings/:meetingId/invitations").handler(this::invite);
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

    /** Sets a member's role and delegation; an admin appoints a chair this way. */
    private void putMember(RoutingContext ctx) {
        Principal me = Access.principal(ctx);
        String meetingId = MeetingIds.meeting(ctx);
        String userId = MeetingIds.user(ctx);
        JsonObject body = JsonBody.object(ctx);
        Role role = role(body);
        String delegation = delegation(body, role);
        blocking(ctx, () -> {
            access.meeting(me, meetingId, Action.MANAGE_MEMBERS);
            people.user(userId).orElseThrow(() -> new ProblemException(Problem.notFound("no user " + userId)));
            people.putMembership(meetingId, userId, role, delegation);
            events.membershipChanged(userId, meetingId);
            return member(people.membership(meetingId, userId).orElseThrow());
        });
    }

    private void removeMember(RoutingContext ctx) {
        Principal me = Access.principal(ctx);
        String meetingId = MeetingIds.meeting(ctx);
        String userId = MeetingIds.user(ctx);
        blocking(ctx, () -> {
            access.meeting(me, meetingId, Action.MANAGE_MEMBERS);
            if (!people.removeMembership(meetingId, userId)) {
                throw new ProblemException(Problem.notFound("user " + userId + " is not a member"));
            }
            events.membershipChanged(userId, meetingId);
            return new JsonObject().put("removed", userId);
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
            Invitation invitation = new Invitation(meetingId, role, delegation, me.userId(), clock.instant().plus(lifetime));
            people.createInvitation(Tokens.hash(token), invitation);
            return new JsonObject().put("token", token).put("url", "/#/invitations/" + token)
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
        if (role == Role.DELEGATE && delegation == null) {
            throw new ProblemException(Problem.badRequest("a delegate speaks for a delegation: give its name"));
        }
        return delegation == null ? null : delegation.strip();
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
