package plenary.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import plenary.live.Sequencers;
import plenary.store.DocumentRepository;

import java.util.function.Supplier;

/** Assembles every route of the server in one place. */
public final class ApiRouter {
    private ApiRouter() {
    }

    public static Router create(Vertx vertx, DocumentRepository documents, Sequencers sequencers, Supplier<String> ids,
                                long bodyLimit, LiveLimits liveLimits) {
        Router router = Router.router(vertx);
        ProblemResponder problems = new ProblemResponder(bodyLimit);

        // No upload directory: drafts are small and nothing should land on disk uninvited.
        // Only on methods that carry bodies, so other methods still get a 405 from the router.
        router.route("/api/*").method(HttpMethod.POST).method(HttpMethod.PUT).method(HttpMethod.PATCH)
                .handler(BodyHandler.create(false).setBodyLimit(bodyLimit));

        router.get("/health").handler(ctx -> vertx.executeBlocking(documents::count, false)
                .onComplete(count -> ctx.response()
                        .setStatusCode(count.succeeded() ? 200 : 503)
                        .putHeader("Content-Type", "application/json")
                        .end(count.succeeded()
                                ? new JsonObject().put("status", "UP").put("store", "UP").put("documents", count.result()).encode()
                                : new JsonObject().put("status", "DOWN").put("store", "DOWN").encode())));
        new DocumentRoutes(vertx, documents, ids).mount(router);
        new LiveRoutes(vertx, documents, sequencers, liveLimits).mount(router);

        router.route("/*").method(HttpMethod.GET).method(HttpMethod.HEAD)
                .handler(StaticHandler.create("web").setCachingEnabled(false));

        router.route().failureHandler(problems::handleFailure);
        for (int status : new int[] {400, 404, 405, 413, 415, 500}) {
            router.errorHandler(status, problems::handleFailure);
        }
        return router;
    }
}
