package plenary.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import plenary.metrics.Meters;
import plenary.people.Tokens;
import plenary.store.PeopleRepository;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/**
 * Finds who sent a request (session cookie or {@code Authorization: Bearer}), and refuses
 * cookie-authenticated state changes that lack the session's CSRF token. Runs before every API
 * route; routes then ask {@link Access} whether that person may do what they ask. A session looked
 * up lately comes from {@link SessionCache} without a query.
 */
final class Authenticator {
    static final String COOKIE = "plenary_session";
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final Vertx vertx;
    private final PeopleRepository people;
    private final Clock clock;
    private final SessionCache cache;
    private final CurrentRoles current;
    private final Meters meters;

    Authenticator(Vertx vertx, PeopleRepository people, Clock clock) {
        this.vertx = vertx;
        this.people = people;
        this.clock = clock;
        this.cache = SessionCache.of(vertx);
        this.current = CurrentRoles.of(vertx);
        this.meters = Meters.of(vertx);
    }

    void handle(RoutingContext ctx) {
        String token = bearer(ctx).orElse(null);
        boolean viaCookie = false;
        if (token == null) {
            Cookie cookie = ctx.request().getCookie(COOKIE);
            if (cookie != null && !cookie.getValue().isEmpty()) {
                token = cookie.getValue();
                viaCookie = true;
            }
        }
        if (token == null) {
            ctx.next();
            return;
        }
        String hash = Tokens.hash(token);
        boolean cookie = viaCookie;
        if ("websocket".equalsIgnoreCase(ctx.request().getHeader("Upgrade"))) {
            // An upgrade must find its request unread after this lookup; the live route resumes it.
            ctx.request().pause();
        }
        Optional<SessionCache.Entry> cached = current.sessionHolds(hash) ? cache.get(hash, clock.instant()) : Optional.empty();
        if (cached.isPresent()) {
            meters.sessionLookup(true).increment();
            SessionCache.Entry entry = cached.get();
            admit(ctx, Optional.of(new Authenticated(entry.principal(), hash, entry.csrfToken(), cookie)));
            return;
        }
        meters.sessionLookup(false).increment();
        vertx.executeBlocking(() -> people.session(hash).flatMap(s -> people.user(s.userId()).map(u -> {
                    // Not cached when it ended meanwhile: a sign-out is recorded before it is answered.
                    if (current.sessionHolds(hash)) {
                        cache.put(hash, u.principal(), s.csrfToken(), s.expiresAt());
                    }
                    return new Authenticated(u.principal(), hash, s.csrfToken(), cookie);
                })), false)
                .onSuccess(found -> admit(ctx, found))
                .onFailure(ctx::fail);
    }

    private void admit(RoutingContext ctx, Optional<Authenticated> found) {
        if (found.isPresent()) {
            Authenticated auth = found.get();
            if (auth.viaCookie() && !SAFE.contains(ctx.request().method()) && !isSignIn(ctx)
                    && !csrfMatches(ctx, auth)) {
                ctx.fail(new ProblemException(new Problem(403, "csrf",
                        "Missing or wrong CSRF token",
                        "send the session's CSRF token in the " + CSRF_HEADER + " header")));
                return;
            }
            ctx.put(Authenticated.KEY, auth);
        }
        ctx.next();
    }

    /** Signing in again with an old cookie needs no token: the cookie is replaced, not used. */
    private static boolean isSignIn(RoutingContext ctx) {
        return ctx.request().method() == HttpMethod.POST && "/api/session".equals(ctx.request().path());
    }

    private static boolean csrfMatches(RoutingContext ctx, Authenticated auth) {
        String sent = ctx.request().getHeader(CSRF_HEADER);
        return sent != null && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                auth.csrfToken().getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<String> bearer(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = header.substring(7).strip();
            return token.isEmpty() ? Optional.empty() : Optional.of(token);
        }
        return Optional.empty();
    }

    static Optional<Authenticated> of(RoutingContext ctx) {
        return Optional.ofNullable(ctx.get(Authenticated.KEY));
    }
}
