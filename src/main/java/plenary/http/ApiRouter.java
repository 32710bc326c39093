package plenary.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;

/** Assembles every route of the server in one place. */
public final class ApiRouter {
    private ApiRouter() {
    }

    public static Router create(Vertx vertx, HttpServices services) {
        Router router = Router.router(vertx);
        ProblemResponder problems = new ProblemResponder(services.bodyLimit());

        // No upload directory: drafts are small and nothing should land on disk uninvited.
        // Only on methods that carry bodies, so other methods still get a 405 from the router.
        router.route("/api/*").method(HttpMethod.POST).method(HttpMethod.PUT).method(HttpMethod.PATCH)
                .handler(BodyHandler.create(false).setBodyLimit(services.bodyLimit()));
        // Who is asking, for every API route; each route then asks Access about its one action.
        router.route("/api/*").handler(new Authenticator(vertx, services.people())::handle);

        router.get("/health").handler(ctx -> vertx.executeBlocking(services.documents()::count, false)
                .onComplete(count -> ctx.response()
                        .setStatusCode(count.succeeded() ? 200 : 503)
                        .putHeader("Content-Type", "application/json")
                        .end(count.succeeded()
                                ? new JsonObject().put("status", "UP").put("store", "UP").put("documents", count.result()).encode()
                                : new JsonObject().put("status", "DOWN").put("store", "DOWN").encode())));

        Access access = new Access(services.people());
        LiveEvents events = new LiveEvents(vertx.eventBus());
        new SessionRoutes(vertx, services.people(), services.hasher(), services.throttle(), services.clock(), events,
                services.secureCookies()).mount(router);
        new MeetingRoutes(vertx, services.people(), access, services.ids(), services.clock(), events).mount(router);
        new InvitationRoutes(vertx, services.people(), services.hasher(), services.ids(), events).mount(router);
        new DocumentRoutes(vertx, services.documents(), services.people(), access, services.ids()).mount(router);
        new ExportRoutes(vertx, services.documents(), access, services.sequencers()).mount(router);
        new NegotiationRoutes(vertx, services.documents(),
                new Negotiator(vertx, services.people(), access, services.sequencers()), services.ids()).mount(router);
        new LiveRoutes(vertx, services.documents(), access, services.sequencers(), services.liveLimits()).mount(router);
        new SearchRoutes(vertx, services.documents(), services.people(), access, services.search()).mount(router);

        router.route("/*").method(HttpMethod.GET).method(HttpMethod.HEAD)
                .handler(StaticHandler.create("web").setCachingEnabled(false));

        router.route().failureHandler(problems::handleFailure);
        for (int status : new int[] {400, 401, 403, 404, 405, 413, 415, 500}) {
            router.errorHandler(status, problems::handleFailure);
        }
        return router;
    }
}
