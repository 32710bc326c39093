package plenary.http;

import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * One line per request on the logger {@code plenary.access}: method, route, status, duration,
 * request id and user id. The route is the path with every segment that is not a word of some
 * route's pattern written {@code :id}, so no id, invitation token or search word ever reaches the
 * log, and the lines group by endpoint; the query string is never logged. The request id is the
 * client's {@code X-Request-Id} when it is a plain token, else a new one; it is sent back in the same
 * header and in every problem JSON ({@code requestId}), so a person's error report finds its line.
 */
final class AccessLog {
    private static final Logger LOG = LoggerFactory.getLogger("plenary.access");
    static final String REQUEST_ID = "plenary.requestId";
    private static final String LINE = "plenary.accessLine";
    static final String HEADER = "X-Request-Id";
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._-]{8,64}");

    private final Set<String> words = new HashSet<>();

    /** Before any other route: every answer, refusals of the router included, gets its id and line. */
    static AccessLog mount(Router router) {
        AccessLog log = new AccessLog();
        router.route().handler(log::handle);
        return log;
    }

    /** After every route is mounted: the literal words of their patterns. */
    void learnRoutes(List<Route> routes) {
        for (Route route : routes) {
            String path = route.getPath();
            if (path == null) {
                continue;
            }
            for (String segment : path.split("/")) {
                if (!segment.isEmpty() && !segment.startsWith(":") && !segment.equals("*")) {
                    words.add(segment);
                }
            }
        }
    }

    private void handle(RoutingContext ctx) {
        long started = System.nanoTime();
        String sent = ctx.request().getHeader(HEADER);
        String id = sent != null && CLIENT_ID.matcher(sent).matches() ? sent : newId();
        ctx.put(REQUEST_ID, id);
        ctx.response().putHeader(HEADER, id);
        // One line per request: whichever comes first writes it, the answer's end or an upgrade.
        AtomicBoolean written = new AtomicBoolean();
        Consumer<String> line = status -> {
            if (written.compareAndSet(false, true) && LOG.isInfoEnabled()) {
                String user = Authenticator.of(ctx).map(a -> a.principal().userId()).orElse("-");
                LOG.info("{} {} {} {} ms req={} user={}", ctx.request().method(), route(ctx.request().path()),
                        status, (System.nanoTime() - started) / 1_000_000, id, user);
            }
        };
        ctx.put(LINE, line);
        ctx.addEndHandler(done -> line.accept(done.succeeded() ? String.valueOf(ctx.response().getStatusCode()) : "aborted"));
        ctx.next();
    }

    /**
     * The line of a request that became a live socket, written as it is upgraded: its end handler
     * runs only when the socket closes, if at all, so upgrades had no line (found 2026-12-07).
     */
    static void upgraded(RoutingContext ctx) {
        Consumer<String> line = ctx.get(LINE);
        if (line != null) {
            line.accept("101");
        }
    }

    /** "/api/documents/w7fa6bpctzyk/export" as "/api/documents/:id/export"; the page's files as "/(page)". */
    String route(String path) {
        if (path == null || !(path.startsWith("/api/") || path.equals("/health"))) {
            return "/(page)";
        }
        StringBuilder out = new StringBuilder();
        for (String segment : path.substring(1).split("/", -1)) {
            out.append('/').append(words.contains(segment) ? segment : ":id");
        }
        return out.toString();
    }

    static String requestId(RoutingContext ctx) {
        return ctx.get(REQUEST_ID);
    }

    private static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return Long.toHexString(random.nextLong() | Long.MIN_VALUE) + Long.toHexString(random.nextLong() | Long.MIN_VALUE);
    }
}
