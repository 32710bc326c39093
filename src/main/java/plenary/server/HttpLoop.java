package plenary.server;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import plenary.http.ApiRouter;
import plenary.http.ConnectionGuard;
import plenary.http.HttpServices;

import java.util.List;

/**
 * One event loop's share of the HTTP server: its own router over the shared services, listening on
 * the shared address. Vert.x binds the socket once and hands each new connection to the next of
 * these in turn, so requests and live sockets spread over every loop instead of all on one.
 */
final class HttpLoop extends VerticleBase {
    private final HttpServerOptions options;
    private final HttpServices services;
    private final ConnectionGuard guard;
    private final List<HttpServer> listening;

    /** @param listening where the server goes once it listens (for its port and its shutdown) */
    HttpLoop(HttpServerOptions options, HttpServices services, ConnectionGuard guard, List<HttpServer> listening) {
        this.options = options;
        this.services = services;
        this.guard = guard;
        this.listening = listening;
    }

    @Override
    public Future<?> start() {
        return vertx.createHttpServer(options)
                .connectionHandler(guard::connected)
                .requestHandler(guard.requests(ApiRouter.create(vertx, services)))
                .listen()
                .onSuccess(listening::add);
    }
}
