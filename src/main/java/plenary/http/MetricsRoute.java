package plenary.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import plenary.metrics.Meters;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * {@code GET /metrics}: the Prometheus text format, for a scraper that sends
 * {@code Authorization: Bearer <PLENARY_METRICS_TOKEN>}. Without that variable the route does not
 * exist (404): meters name documents and show how busy the server is, which is nobody else's business.
 */
final class MetricsRoute {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final Meters meters;
    private final byte[] token;

    MetricsRoute(Meters meters, String token) {
        this.meters = meters;
        this.token = token == null ? null : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    }

    void mount(Router router) {
        router.get("/metrics").handler(this::scrape);
    }

    private void scrape(RoutingContext ctx) {
        if (token == null || !(meters.registry() instanceof PrometheusMeterRegistry prometheus)) {
            ctx.next(); // the router's 404
            return;
        }
        String sent = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (sent == null || !MessageDigest.isEqual(token, sent.getBytes(StandardCharsets.UTF_8))) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
            ProblemResponder.send(ctx, new Problem(401, "unauthenticated", "Sign in first",
                    "/metrics needs Authorization: Bearer and the token in PLENARY_METRICS_TOKEN"));
            return;
        }
        // Scraping walks every meter: off the event loop.
        ctx.vertx().executeBlocking(prometheus::scrape, false).onSuccess(text -> ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, CONTENT_TYPE)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(text)).onFailure(ctx::fail);
    }
}
