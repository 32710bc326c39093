package plenary.http;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * The headers every answer carries, whatever route (or failure) wrote it: what the page may load and
 * who may frame it, no sniffing, no referrer beyond this origin, and no caching of API answers, which
 * hold what a signed-in person may see.
 */
final class SecurityHeaders {
    /**
     * For the page: its own scripts, styles and connections only (nothing inline, no eval), never in a
     * frame. {@code data:} is for the empty favicon of index.html. {@code connect-src 'self'} covers the
     * live socket (ws/wss of the same host).
     */
    static final String PAGE_POLICY = String.join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'");
    static final String NO_FRAMES = "frame-ancestors 'none'";

    private SecurityHeaders() {
    }

    static void handle(RoutingContext ctx) {
        boolean privateAnswer = ctx.normalizedPath().startsWith("/api/") || "/health".equals(ctx.normalizedPath());
        ctx.addHeadersEndHandler(v -> {
            MultiMap headers = ctx.response().headers();
            if (headers.contains("Content-Security-Policy")) {
                // A route's own policy (an exported HTML file) stays as it is; a second policy is
                // enforced alongside it and adds what it leaves out.
                headers.add("Content-Security-Policy", NO_FRAMES);
            } else {
                headers.set("Content-Security-Policy", PAGE_POLICY);
            }
            headers.set("X-Frame-Options", "DENY");
            headers.set("X-Content-Type-Options", "nosniff");
            // Not no-referrer: with it, browsers send "Origin: null" on the page's own POSTs (Fetch
            // standard), which OriginCheck would have to refuse.
            headers.set("Referrer-Policy", "same-origin");
            headers.set("Cross-Origin-Opener-Policy", "same-origin");
            headers.set("Cross-Origin-Resource-Policy", "same-origin");
            if (privateAnswer) {
                headers.set("Cache-Control", "no-store");
                // Never compressed (BREACH): the server's compressor skips an answer marked identity.
                headers.set(HttpHeaders.CONTENT_ENCODING, HttpHeaders.IDENTITY);
            }
        });
        ctx.next();
    }
}
