package plenary.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import plenary.people.LoginThrottle;
import plenary.people.PasswordHasher;
import plenary.people.Tokens;
import plenary.people.User;
import plenary.people.Usernames;
import plenary.store.PeopleRepository;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** Sign in, see who you are, sign out. */
final class SessionRoutes {
    static final Duration SESSION_LIFETIME = Duration.ofHours(12);
    // Verified when the username is unknown too, so timing does not tell which usernames exist.
    private static final String DUMMY_HASH = new PasswordHasher().hash("not a real password, only for timing");

    private final Vertx vertx;
    private final PeopleRepository people;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final Clock clock;
    private final LiveEvents events;
    private final boolean secureCookies;

    SessionRoutes(Vertx vertx, PeopleRepository people, PasswordHasher hasher, LoginThrottle throttle, Clock clock,
                  LiveEvents events, boolean secureCookies) {
        this.vertx = vertx;
        this.people = people;
        this.hasher = hasher;
        this.throttle = throttle;
        this.clock = clock;
        this.events = events;
        this.secureCookies = secureCookies;
    }

    void mount(Router router) {
        router.post("/api/session").handler(this::signIn);
        router.get("/api/session").handler(this::whoAmI);
        router.delete("/api/session").handler(this::signOut);
    }

    private void signIn(RoutingContext ctx) {
        JsonObject body = JsonBody.object(ctx);
        String username = Usernames.normalise(body.getValue("username") instanceof String s ? s : null);
        String password = body.getValue("password") instanceof String s ? s : null;
        if (username == null || password == null) {
            throw new ProblemException(Problem.badRequest("send {\"username\": ..., \"password\": ...}"));
        }
        String address = ctx.request().remoteAddress() == null ? "?" : ctx.request().remoteAddress().hostAddress();
        Duration wait = throttle.attempt(username, address);
        if (!wait.isZero()) {
            ctx.response().putHeader("Retry-After", Long.toString(Math.max(1, wait.toSeconds())));
            throw new ProblemException(new Problem(429, "too-many-attempts", "Too many failed sign-ins",
                    "try again in " + Math.max(1, wait.toSeconds()) + " seconds"));
        }
        Authenticated previous = Authenticator.of(ctx).orElse(null);
        vertx.executeBlocking(() -> {
            Optional<User> user = people.userByName(username);
            String hash = user.flatMap(u -> people.passwordHash(u.id())).orElse(DUMMY_HASH);
            boolean ok = hasher.verify(password, hash) && user.isPresent();
            if (!ok) {
                return Optional.<JsonObject>empty();
            }
            throttle.succeeded(username, address);
            // A new session id on every sign-in; the one the browser came with (if any) ends,
            // and so do its live sockets.
            if (previous != null) {
                people.deleteSession(previous.tokenHash());
                events.sessionEnded(previous.principal().userId(), previous.tokenHash());
            }
            String token = Tokens.newToken();
            String csrf = Tokens.newToken();
            people.createSession(Tokens.hash(token), user.get().id(), csrf, clock.instant().plus(SESSION_LIFETIME));
            return Optional.of(me(user.get()).put("token", token).put("csrfToken", csrf));
        }, false).onSuccess(result -> {
            if (result.isEmpty()) {
                ctx.fail(new ProblemException(new Problem(401, "bad-credentials", "Wrong username or password", null)));
                return;
            }
            JsonObject reply = result.get();
            ctx.response().addCookie(sessionCookie(reply.getString("token"), SESSION_LIFETIME.toSeconds()));
            json(ctx, reply);
        }).onFailure(ctx::fail);
    }

    private void whoAmI(RoutingContext ctx) {
        Authenticated auth = Authenticator.of(ctx).orElseThrow(() -> new ProblemException(
                new Problem(401, "unauthenticated", "Sign in first", "no session")));
        vertx.executeBlocking(() -> {
            User user = people.user(auth.principal().userId()).orElseThrow();
            JsonArray meetings = new JsonArray();
            people.meetingsOf(user.id()).forEach(m -> meetings.add(new JsonObject().put("id", m.id())
                    .put("name", m.name()).put("role", people.role(m.id(), user.id()).map(r -> r.wireName()).orElse(null))));
            return me(user).put("csrfToken", auth.csrfToken()).put("meetings", meetings);
        }, false).onSuccess(body -> json(ctx, body)).onFailure(ctx::fail);
    }

    private void signOut(RoutingContext ctx) {
        Authenticated auth = Authenticator.of(ctx).orElse(null);
        ctx.response().addCookie(sessionCookie("", 0));
        if (auth == null) {
            ctx.response().setStatusCode(204).end();
            return;
        }
        vertx.executeBlocking(() -> {
            people.deleteSession(auth.tokenHash());
            return null;
        }, false).onSuccess(v -> {
            events.sessionEnded(auth.principal().userId(), auth.tokenHash());
            ctx.response().setStatusCode(204).end();
        }).onFailure(ctx::fail);
    }

    private Cookie sessionCookie(String value, long maxAgeSeconds) {
        return Cookie.cookie(Authenticator.COOKIE, value).setPath("/").setHttpOnly(true)
                .setSameSite(CookieSameSite.STRICT).setSecure(secureCookies).setMaxAge(maxAgeSeconds);
    }

    static JsonObject me(User user) {
        return new JsonObject().put("id", user.id()).put("username", user.username())
                .put("displayName", user.displayName()).put("admin", user.admin());
    }

    private static void json(RoutingContext ctx, JsonObject body) {
        ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
                .end(body.encode());
    }
}
