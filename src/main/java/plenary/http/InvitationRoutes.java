package plenary.http;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import plenary.people.DelegationRules;
import plenary.people.Invitation;
import plenary.people.PasswordHasher;
import plenary.people.PasswordRules;
import plenary.people.Tokens;
import plenary.people.User;
import plenary.people.Usernames;
import plenary.store.PeopleRepository;
import plenary.store.PeopleRepository.MembershipChange;

import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * Looking at and accepting an invitation link. Accepting while signed in adds the role to that
 * account; otherwise it creates an account with the username and password given. A link works only
 * while its inviter may still invite (chair of the meeting, or admin): a demoted or removed chair's
 * links are void, his own included.
 */
final class InvitationRoutes {
    private final Vertx vertx;
    private final PeopleRepository people;
    private final PasswordHasher hasher;
    private final Supplier<String> ids;
    private final LiveEvents events;
    private final CurrentRoles roles;
    private final WorkQueue passwordChecks;

    InvitationRoutes(Vertx vertx, PeopleRepository people, PasswordHasher hasher, Supplier<String> ids,
                     LiveEvents events) {
        this.vertx = vertx;
        this.people = people;
        this.hasher = hasher;
        this.ids = ids;
        this.events = events;
        this.roles = CurrentRoles.of(vertx);
        this.passwordChecks = SessionRoutes.passwordChecks(vertx);
    }

    void mount(Router router) {
        router.get("/api/invitations/:token").handler(this::show);
        router.post("/api/invitations/:token/accept").handler(this::accept);
    }

    private void show(RoutingContext ctx) {
        String hash = Tokens.hash(ctx.pathParam("token"));
        vertx.executeBlocking(() -> {
            Invitation invitation = people.openInvitation(hash).orElseThrow(InvitationRoutes::gone);
            String meeting = people.meeting(invitation.meetingId()).orElseThrow().name();
            return new JsonObject().put("meetingId", invitation.meetingId()).put("meeting", meeting)
                    .put("role", invitation.role().wireName())
                    .put("delegation", invitation.delegation()).put("expiresAt", invitation.expiresAt().toString());
        }, false).onSuccess(body -> json(ctx, 200, body)).onFailure(ctx::fail);
    }

    private void accept(RoutingContext ctx) {
        String hash = Tokens.hash(ctx.pathParam("token"));
        Authenticated signedIn = Authenticator.of(ctx).orElse(null);
        NewAccount account = signedIn == null ? NewAccount.read(ctx, ids.get()) : null;
        // A new account hashes its password: Argon2 work, on the bounded queue that sign-ins use.
        Callable<JsonObject> work = () -> {
            // The token first: without a usable invitation nothing else is answered, not even
            // whether a username exists.
            Invitation invitation = people.openInvitation(hash).orElseThrow(InvitationRoutes::gone);
            String meetingId = invitation.meetingId();
            if (signedIn != null) { // nobody grants themselves a role through their own invitation
                DelegationRules.selfChangeProblem(invitation.createdBy(), signedIn.principal().userId()).ifPresent(p -> {
                    throw new ProblemException(new Problem(403, "forbidden", "Not allowed", p));
                });
            }
            if (account != null && people.userByName(account.user().username()).isPresent()) {
                throw new ProblemException(new Problem(409, "username-taken", "Username taken",
                        "choose another username, or sign in first to add this role to your account"));
            }
            String userId = account != null ? account.user().id() : signedIn.principal().userId();
            String passwordHash = account != null ? hasher.hash(account.password()) : null;
            MembershipChange accepted = roles.commit(meetingId, userId, () -> people.acceptInvitation(hash, userId,
                    account == null ? null : account.user(), passwordHash));
            if (!accepted.changed()) {
                throw gone();
            }
            // A role changed for a signed-in person: their open sockets in that meeting must reconnect.
            events.membershipChanged(userId, meetingId);
            return SessionRoutes.me(people.user(userId).orElseThrow()).put("meetingId", meetingId);
        };
        (account != null ? passwordChecks.submit(work) : vertx.executeBlocking(work, false))
                .onSuccess(body -> json(ctx, 200, body)).onFailure(failure -> WorkQueue.fail(ctx, failure));
    }

    /** The account an invitation creates for someone not signed in. */
    private record NewAccount(User user, String password) {
        static NewAccount read(RoutingContext ctx, String id) {
            JsonObject body = JsonBody.object(ctx);
            String username = Usernames.normalise(JsonBody.string(body, "username"));
            String password = JsonBody.string(body, "password");
            String displayName = JsonBody.string(body, "displayName");
            Usernames.problem(username).or(() -> PasswordRules.problem(username, password)).ifPresent(p -> {
                throw new ProblemException(Problem.unprocessable(p));
            });
            if (displayName == null || displayName.isBlank() || displayName.length() > 200) {
                throw new ProblemException(Problem.unprocessable("a display name has 1 to 200 characters"));
            }
            return new NewAccount(new User(id, username, displayName.strip(), false), password);
        }
    }

    /** Used, expired, revoked and unknown invitations look alike, so a stolen link tells nothing. */
    private static ProblemException gone() {
        return new ProblemException(new Problem(410, "invitation-unavailable", "Invitation unavailable",
                "this invitation has been used, has expired or been revoked, or does not exist"));
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }
}
