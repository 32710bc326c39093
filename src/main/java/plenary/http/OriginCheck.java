package plenary.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Refuses a browser page of another origin that acts through this server's session: a live socket's
 * upgrade, or any API request that changes something. The session cookie is {@code SameSite=Strict},
 * but a page on a sibling port or subdomain is the same site, so its requests carry the cookie too;
 * only {@code Origin}, which browsers always send on these requests, tells the pages apart.
 *
 * <p>The origins allowed are the configured public origins, or else the request's own scheme and
 * {@code Host}. A request without {@code Origin} comes from a script, not a browser, and passes: a
 * cookie-authenticated change still needs the session's CSRF token ({@link Authenticator}), and a bearer
 * token is never sent by a browser on its own.
 */
final class OriginCheck {
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    private static final int MAX_ECHO = 200;

    private final List<WebOrigin> allowed;

    /** @param publicOrigins e.g. {@code https://plenary.example}; empty: each request's own origin */
    OriginCheck(List<String> publicOrigins) {
        this.allowed = publicOrigins.stream().map(origin -> WebOrigin.parse(origin).orElseThrow(
                () -> new IllegalArgumentException("not an origin (scheme://host[:port], http or https, nothing after): "
                        + origin))).toList();
    }

    void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin == null || (SAFE.contains(request.method()) && !isUpgrade(request)) || allows(origin, request)) {
            ctx.next();
            return;
        }
        String shown = origin.length() > MAX_ECHO ? origin.substring(0, MAX_ECHO) + "…" : origin;
        ctx.fail(new ProblemException(Problem.origin("this server acts only for pages from "
                + (allowed.isEmpty() ? "its own origin" : String.join(", ", allowed.stream().map(WebOrigin::toString)
                .toList())) + "; this request came from " + shown)));
    }

    private boolean allows(String header, HttpServerRequest request) {
        Optional<WebOrigin> origin = WebOrigin.parse(header);
        if (origin.isEmpty()) {
            return false; // "null" (a sandboxed frame, a file), or something no browser sends
        }
        if (!allowed.isEmpty()) {
            return allowed.contains(origin.get());
        }
        HostAndPort authority = request.authority();
        return authority != null && origin.get().equals(WebOrigin.of(request.scheme(), authority.host(), authority.port()));
    }

    private static boolean isUpgrade(HttpServerRequest request) {
        return "websocket".equalsIgnoreCase(request.getHeader(HttpHeaders.UPGRADE));
    }

    /** Scheme, host and port, compared as browsers serialise them: lower case, default ports filled in. */
    record WebOrigin(String scheme, String host, int port) {
        static WebOrigin of(String scheme, String host, int port) {
            String s = scheme.toLowerCase(Locale.ROOT);
            String h = host.toLowerCase(Locale.ROOT);
            if (h.startsWith("[") && h.endsWith("]")) {
                h = h.substring(1, h.length() - 1);
            }
            return new WebOrigin(s, h, port >= 0 ? port : "https".equals(s) ? 443 : 80);
        }

        static Optional<WebOrigin> parse(String text) {
            try {
                URI uri = new URI(text.strip());
                String scheme = uri.getScheme();
                boolean web = "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
                String path = uri.getRawPath();
                if (!web || uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                        || uri.getRawFragment() != null || path != null && !path.isEmpty() && !"/".equals(path)) {
                    return Optional.empty();
                }
                return Optional.of(of(scheme, uri.getHost(), uri.getPort()));
            } catch (URISyntaxException e) {
                return Optional.empty();
            }
        }

        @Override
        public String toString() {
            boolean usual = "https".equals(scheme) ? port == 443 : port == 80;
            String h = host.contains(":") ? "[" + host + "]" : host;
            return scheme + "://" + h + (usual ? "" : ":" + port);
        }
    }
}
