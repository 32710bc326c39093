package plenary.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import plenary.document.DocumentException;

/** Turns every failure into problem JSON, so no client ever sees an HTML error page or a stack trace. */
final class ProblemResponder {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemResponder.class);

    private final long bodyLimit;

    ProblemResponder(long bodyLimit) {
        this.bodyLimit = bodyLimit;
    }

    /** For router failure handlers and for error handlers of a status code. */
    void handleFailure(RoutingContext ctx) {
        send(ctx, problemFor(ctx.failure(), ctx.statusCode(), ctx));
    }

    Problem problemFor(Throwable failure, int status, RoutingContext ctx) {
        if (failure instanceof ProblemException pe) {
            return pe.problem();
        }
        if (failure instanceof DocumentException de) {
            return Problem.unprocessable(de.getMessage());
        }
        return switch (status) {
            case 400 -> Problem.badRequest(failure != null ? "the request could not be read" : null);
            case 404 -> Problem.notFound("no resource at " + ctx.request().path());
            case 405 -> Problem.methodNotAllowed();
            case 413 -> Problem.tooLarge(bodyLimit);
            case 415 -> Problem.unsupportedMediaType(null);
            default -> {
                LOG.error("request {} {} failed", ctx.request().method(), ctx.request().path(), failure);
                yield Problem.internal();
            }
        };
    }

    /** The request's id (see {@link AccessLog}), so that a problem someone reports finds its log line. */
    private static io.vertx.core.json.JsonObject withRequestId(io.vertx.core.json.JsonObject json, RoutingContext ctx) {
        String id = AccessLog.requestId(ctx);
        return id == null ? json : json.put("requestId", id);
    }

    static void send(RoutingContext ctx, Problem problem) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.closed()) {
            return;
        }
        if (response.headWritten()) {
            response.reset();
            return;
        }
        response.setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(withRequestId(problem.toJson(ctx.request().path()), ctx).encode());
    }
}
