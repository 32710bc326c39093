package plenary.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import plenary.metrics.Meters;

/** Assembles every route of the server in one place. */
public final class ApiRouter {
    private ApiRouter() {
    }

    public static Router create(Vertx vertx, HttpServices services) {
        Router router = Router.router(vertx);
        ProblemResponder problems = new ProblemResponder(services.bodyLimit());

        AccessLog accessLog = AccessLog.mount(router);
        router.route().handler(SecurityHeaders::handle);
        // Before the body is read or the session looked up: a page of another origin gets nothing done.
        router.route("/api/*").handler(new OriginCheck(services.publicOrigins())::handle);
        // No upload directory: drafts are small and nothing should land on disk uninvited.
        // Only on methods that carry bodies, so other methods still get a 405 from the router.
        router.route("/api/*").method(HttpMethod.POST).method(HttpMethod.PUT).method(HttpMethod.PATCH)
                .handler(BodyHandler.create(false).setBodyLimit(services.bodyLimit()));
        // Text PostgreSQL cannot store (NUL, lone surrogates) is refused at the edge, the same on every store.
        router.route("/api/*").handler(StorableText::screen);
        // Who is asking, for every API route; each route then asks Access about its one action.
        router.route("/api/*").handler(new Authenticator(vertx, services.people(), services.clock())::handle);

        new HealthRoute(vertx, services.documents()).mount(router);
        new MetricsRoute(Meters.of(vertx), services.metricsToken()).mount(router);

        Access access = new Access(services.people());
        LiveEvents events = new LiveEvents(vertx);
        new SessionRoutes(vertx, services, events).mount(router);
        new MeetingRoutes(vertx, services.people(), access, services.ids(), services.clock(), events).mount(router);
        new InvitationRoutes(vertx, services.people(), services.hasher(), services.ids(), events).mount(router);
        new DocumentRoutes(vertx, services.documents(), services.people(), access, services.ids(), services.work()).mount(router);
        new ExportRoutes(vertx, services.documents(), access, services.sequencers(), services.work()).mount(router);
        new NegotiationRoutes(vertx, services.documents(),
                new Negotiator(vertx, services.people(), access, services.sequencers()), services.ids()).mount(router);
        new LiveRoutes(vertx, services.documents(), access, services.sequencers(), services.liveLimits()).mount(router);
        new SearchRoutes(vertx, services.documents(), services.people(), access, services.search()).mount(router);

        WebFiles.of(services.webDir()).mount(router);

        accessLog.learnRoutes(router.getRoutes());
        router.route().failureHandler(problems::handleFailure);
        for (int status : new int[] {400, 401, 403, 404, 405, 413, 415, 500}) {
            router.errorHandler(status, problems::handleFailure);
        }
        return router;
    }
}
