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
import plenary.people.PasswordRules;
import plenary.people.Tokens;
import plenary.people.User;
import plenary.people.Usernames;
import plenary.store.PeopleRepository;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Sign in, see who you are, sign out; change your password; sign out everywhere. Every password
 * check goes through the {@link LoginThrottle}, counted under the client's address as
 * {@link ClientAddress} finds it behind trusted proxies.
 */
final class SessionRoutes {
    static final Duration SESSION_LIFETIME = Duration.ofHours(12);
    /** The device cookie (see {@link plenary.people.KnownDevices}): sent only to the session routes. */
    static final String DEVICE_COOKIE = "plenary_device";
    private static final Duration DEVICE_LIFETIME = Duration.ofDays(90);
    // Verified when the username is unknown too, so timing does not tell which usernames exist.

    private final Vertx vertx;
    private final PeopleRepository people;
    private final PasswordHasher hasher;
    private final String dummyHash;
    private final LoginThrottle throttle;
    private final Clock clock;
    private final LiveEvents events;
    private final boolean secureCookies;
    private final ClientAddress clients;

    SessionRoutes(Vertx vertx, HttpServices services, LiveEvents events) {
        this(vertx, services.people(), services.hasher(), services.throttle(), services.clock(), events,
                services.secureCookies(), ClientAddress.trusting(services.trustedProxies()));
    }

    /** Trusts no proxy: every request is counted under its peer's address. */
    SessionRoutes(Vertx vertx, PeopleRepository people, PasswordHasher hasher, LoginThrottle throttle, Clock clock,
                  LiveEvents events, boolean secureCookies) {
        this(vertx, people, hasher, throttle, clock, events, secureCookies, ClientAddress.direct());
    }

    /**
     * Each password check costs an Argon2 hash (tens of ms of CPU and 19 MiB): they run on threads of
     * their own, never the shared pool the store uses, and a flood of them (one try per made-up
     * username) is refused with 503 past this many waiting, rather than stalling every other route.
     */
    static final int PASSWORD_CHECKS_WAITING = 32;

    private final WorkQueue passwordChecks;

    private SessionRoutes(Vertx vertx, PeopleRepository people, PasswordHasher hasher, LoginThrottle throttle,
                          Clock clock, LiveEvents events, boolean secureCookies, ClientAddress clients) {
        this.vertx = vertx;
        this.people = people;
        this.hasher = hasher;
        // Checked when the name is unknown, so that answer takes as long as a wrong password (same cost).
        this.dummyHash = hasher.decoy();
        this.throttle = throttle;
        this.clock = clock;
        this.events = events;
        this.secureCookies = secureCookies;
        this.clients = clients;
        this.passwordChecks = passwordChecks(vertx);
    }

    /**
     * The server's queue for Argon2 work (checking a password, hashing a new one): bounded, on
     * threads of its own, so that a flood of sign-ins or new accounts is refused rather than
     * filling the shared pool that the store's reads use.
     */
    static WorkQueue passwordChecks(Vertx vertx) {
        return WorkQueue.shared(vertx, "plenary-password-checks", "password checks",
                WorkQueue.halfTheCores(), WorkQueue.halfTheCores() + PASSWORD_CHECKS_WAITING, 2);
    }

    void mount(Router router) {
        router.post("/api/session").handler(this::signIn);
        router.get("/api/session").handler(this::whoAmI);
        router.delete("/api/session").handler(this::signOut);
        router.put("/api/session/password").handler(this::changePassword);
        router.delete("/api/sessions").handler(this::signOutEverywhere);
    }

    /**
     * What a password check came to: a problem to answer (with how long to wait, when throttled),
     * or the account whose password it was, and for a sign-in the answer with its new session.
     */
    private record Checked(Problem problem, Duration retryAfter, User user, JsonObject reply) {
        static Checked refused(Problem problem) {
            return new Checked(problem, null, null, null);
        }
    }

    private void signIn(RoutingContext ctx) {
        JsonObject body = JsonBody.object(ctx);
        String username = Usernames.normalise(body.getValue("username") instanceof String s ? s : null);
        String password = body.getValue("password") instanceof String s ? s : null;
        if (username == null || password == null) {
            throw new ProblemException(Problem.badRequest("send {\"username\": ..., \"password\": ...}"));
        }
        String address = ClientAddress.network(clients.of(ctx.request()));
        String device = deviceToken(ctx);
        Authenticated previous = Authenticator.of(ctx).orElse(null);
        passwordChecks.submit(() -> {
            Checked checked = check(username, password, address, device, null);
            User user = checked.user();
            if (user == null) {
                return checked;
            }
            if (people.mustChangePassword(user.id())) {
                return new Checked(mustChange(), null, user, null);
            }
            // A new session id on every sign-in; the one the browser came with (if any) ends,
            // and so do its live sockets.
            if (previous != null) {
                people.deleteSession(previous.tokenHash());
                events.sessionEnded(previous.principal().userId(), previous.tokenHash());
            }
            String token = Tokens.newToken();
            String csrf = Tokens.newToken();
            people.createSession(Tokens.hash(token), user.id(), csrf, clock.instant().plus(SESSION_LIFETIME));
            return new Checked(null, null, user, me(user).put("token", token).put("csrfToken", csrf));
        }).onSuccess(checked -> {
            if (checked.user() != null) {
                // The right password: from now on this browser is a known device for the account.
                ctx.response().addCookie(deviceCookie(throttle.deviceToken(checked.user().username())));
            }
            if (checked.problem() != null) {
                refuse(ctx, checked);
                return;
            }
            ctx.response().addCookie(sessionCookie(checked.reply().getString("token"), SESSION_LIFETIME.toSeconds()));
            json(ctx, checked.reply());
        }).onFailure(failure -> WorkQueue.fail(ctx, failure));
    }

    /**
     * {@code PUT /api/session/password} {"currentPassword", "newPassword"}: signed in, for your own
     * account; otherwise with "username" too (how the first admin replaces a generated password).
     * Ends every other session of the account, and their sockets.
     */
    private void changePassword(RoutingContext ctx) {
        JsonObject body = JsonBody.object(ctx);
        String current = RequestFields.required(body, "currentPassword");
        String fresh = RequestFields.required(body, "newPassword");
        Authenticated auth = Authenticator.of(ctx).orElse(null);
        String named = auth == null ? Usernames.normalise(RequestFields.required(body, "username")) : null;
        if (fresh.equals(current)) {
            throw new ProblemException(Problem.unprocessable("the new password must differ from the current one"));
        }
        String address = ClientAddress.network(clients.of(ctx.request()));
        String device = deviceToken(ctx);
        passwordChecks.submit(() -> {
            String username = auth == null ? named
                    : people.user(auth.principal().userId()).map(User::username).orElseThrow();
            // The rules first: they reveal nothing about the account, and a refusal uses no attempt.
            Optional<String> weak = PasswordRules.problem(username, fresh);
            if (weak.isPresent()) {
                return Checked.refused(Problem.unprocessable(weak.get()));
            }
            Checked checked = check(username, current, address, device, auth);
            if (checked.user() == null) {
                return checked;
            }
            List<String> ended = people.changePassword(checked.user().id(), hasher.hash(fresh),
                    auth == null ? null : auth.tokenHash());
            ended.forEach(hash -> events.sessionEnded(checked.user().id(), hash));
            return checked;
        }).onSuccess(checked -> {
            if (checked.problem() != null) {
                refuse(ctx, checked);
                return;
            }
            ctx.response().putHeader("Cache-Control", "no-store").setStatusCode(204).end();
        }).onFailure(failure -> WorkQueue.fail(ctx, failure));
    }

    /** {@code DELETE /api/sessions}: ends every session of your account, this one too, and closes their sockets. */
    private void signOutEverywhere(RoutingContext ctx) {
        Authenticated auth = Authenticator.of(ctx).orElseThrow(() -> new ProblemException(
                new Problem(401, "unauthenticated", "Sign in first", "no session")));
        ctx.response().addCookie(sessionCookie("", 0));
        String userId = auth.principal().userId();
        vertx.executeBlocking(() -> people.endSessionsOf(userId), false).onSuccess(ended -> {
            ended.forEach(hash -> events.sessionEnded(userId, hash));
            ctx.response().setStatusCode(204).end();
        }).onFailure(ctx::fail);
    }

    /**
     * Checks a password through the throttle (blocking: runs on a worker). The account when it is
     * right, else the problem to answer. {@code auth}: the session of a signed-in person checking
     * their own password, whose wrong password is a 403 rather than a failed sign-in's 401.
     */
    private Checked check(String username, String password, String address, String device, Authenticated auth) {
        Duration wait = throttle.attempt(username, address, device);
        if (!wait.isZero()) {
            long seconds = Math.max(1, wait.toSeconds());
            return new Checked(new Problem(429, "too-many-attempts", "Too many failed sign-ins",
                    "try again in " + seconds + " seconds"), wait, null, null);
        }
        Optional<User> user = people.userByName(username);
        String hash = user.flatMap(u -> people.passwordHash(u.id())).orElse(dummyHash);
        boolean ok = hasher.verify(password, hash) && user.isPresent();
        if (!ok) {
            return Checked.refused(auth != null
                    ? new Problem(403, "wrong-password", "The current password is wrong", null)
                    : new Problem(401, "bad-credentials", "Wrong username or password", null));
        }
        throttle.succeeded(username, address, device);
        return new Checked(null, null, user.get(), null);
    }

    private static Problem mustChange() {
        return new Problem(403, "password-change-required", "Choose a new password first",
                "this account's password was generated and must be replaced before it can sign in: send "
                        + "PUT /api/session/password {\"username\", \"currentPassword\", \"newPassword\"}, then sign in");
    }

    private void refuse(RoutingContext ctx, Checked checked) {
        if (checked.retryAfter() != null) {
            ctx.response().putHeader("Retry-After", Long.toString(Math.max(1, checked.retryAfter().toSeconds())));
        }
        ctx.fail(new ProblemException(checked.problem()));
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

    private static String deviceToken(RoutingContext ctx) {
        Cookie cookie = ctx.request().getCookie(DEVICE_COOKIE);
        return cookie == null || cookie.getValue().isEmpty() ? null : cookie.getValue();
    }

    private Cookie deviceCookie(String value) {
        return Cookie.cookie(DEVICE_COOKIE, value).setPath("/api/session").setHttpOnly(true)
                .setSameSite(CookieSameSite.STRICT).setSecure(secureCookies).setMaxAge(DEVICE_LIFETIME.toSeconds());
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
