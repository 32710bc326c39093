package plenary.http;

import io.netty.channel.Channel;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps every connection within {@link ConnectionLimits}: counted from the moment it is accepted
 * (the server's connection handler), closed at once when its address, or the server, already has
 * as many as it may, closed when it sends no whole request head in time, and a socket upgrade
 * beyond the address's share answered {@code 503} with {@code Retry-After}. Connections are counted
 * until their channel closes, which is also when an upgraded socket ends: Vert.x does not tell an
 * HTTP connection's close handler once the connection became a WebSocket, so the guard listens on
 * the Netty channel itself.
 */
public final class ConnectionGuard {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);
    private static final int RETRY_AFTER_SECONDS = 10;

    private final Vertx vertx;
    private final ConnectionLimits limits;
    private final int total;
    private final ClientAddress clients;
    private final Map<HttpConnection, Tracked> tracked = new ConcurrentHashMap<>();
    private final Map<String, Share> shares = new HashMap<>(); // guarded by this
    private int open; // guarded by this
    private boolean totalWarned; // guarded by this
    private boolean internalsWarned;

    /** One connection: where from, whether it has sent a request yet, whether it holds a socket. */
    private static final class Tracked {
        final String address;
        final boolean proxy;
        long headerTimer = -1;
        boolean requestSeen;
        HttpServerRequest socketRequest; // the upgrade request holding one of the address's socket places

        Tracked(String address, boolean proxy) {
            this.address = address;
            this.proxy = proxy;
        }
    }

    /** What one address holds now. */
    private static final class Share {
        int connections;
        int sockets;
        boolean warned;
    }

    public ConnectionGuard(Vertx vertx, ConnectionLimits limits, ClientAddress clients) {
        this.vertx = vertx;
        this.limits = limits;
        this.total = limits.effectiveTotal();
        this.clients = clients;
    }

    /** The total limit in force. */
    public int total() {
        return total;
    }

    /** For {@code HttpServer.connectionHandler}: counts the connection, or closes it when over a limit. */
    public void connected(HttpConnection connection) {
        Channel channel = channelOf(connection);
        if (channel == null) {
            return;
        }
        String address = ClientAddress.canonical(connection.remoteAddress() == null ? "?"
                : connection.remoteAddress().hostAddress());
        Tracked entry = new Tracked(ClientAddress.network(address), clients.trusted(address));
        boolean admitted;
        synchronized (this) {
            open++;
            Share share = shares.computeIfAbsent(entry.address, a -> new Share());
            share.connections++;
            boolean overTotal = open > total;
            boolean overAddress = !entry.proxy && limits.perAddress() > 0 && share.connections > limits.perAddress();
            admitted = !overTotal && !overAddress;
            if (overTotal && !totalWarned) {
                totalWarned = true;
                LOG.warn("refusing connections: {} open, the limit is {} (--max-connections)", open - 1, total);
            } else if (overAddress && !share.warned) {
                share.warned = true;
                LOG.warn("refusing connections from {}: {} open from there, the limit is {} (--max-connections-per-address)",
                        entry.address, share.connections - 1, limits.perAddress());
            }
        }
        channel.closeFuture().addListener(closed -> released(connection, entry));
        if (!admitted) {
            // Closed before anything is read: the cheapest refusal, and it frees the descriptor at once.
            channel.close();
            return;
        }
        tracked.put(connection, entry);
        entry.headerTimer = vertx.setTimer(limits.headerSeconds() * 1000L, id -> {
            if (!entry.requestSeen) {
                connection.close();
            }
        });
    }

    /** Wraps the server's request handler: marks the connection's first request, and holds sockets to their share. */
    public Handler<HttpServerRequest> requests(Handler<HttpServerRequest> next) {
        return request -> {
            Tracked entry = tracked.get(request.connection());
            if (entry != null) {
                if (!entry.requestSeen) {
                    entry.requestSeen = true;
                    vertx.cancelTimer(entry.headerTimer);
                }
                if (isUpgrade(request) && entry.socketRequest == null && !takeSocket(entry, request)) {
                    refuseSocket(request);
                    return;
                }
            }
            next.handle(request);
        };
    }

    private boolean takeSocket(Tracked entry, HttpServerRequest request) {
        synchronized (this) {
            Share share = shares.get(entry.address);
            if (!entry.proxy && limits.socketsPerAddress() > 0 && share.sockets >= limits.socketsPerAddress()) {
                return false;
            }
            share.sockets++;
            entry.socketRequest = request;
        }
        // The upgrade must be done within the header timeout; one refused (401, 403, 404…) gives its place back.
        vertx.setTimer(limits.headerSeconds() * 1000L, id -> {
            if (!request.response().ended()) {
                request.connection().close();
            } else if (request.response().getStatusCode() != 101) {
                giveBackSocket(entry, request);
            }
        });
        return true;
    }

    private void giveBackSocket(Tracked entry, HttpServerRequest request) {
        synchronized (this) {
            if (entry.socketRequest != request) {
                return;
            }
            entry.socketRequest = null;
            Share share = shares.get(entry.address);
            if (share != null) {
                share.sockets--;
            }
        }
    }

    private void refuseSocket(HttpServerRequest request) {
        Problem problem = new Problem(503, "too-many-connections", "Too many connections from your address",
                "at most " + limits.socketsPerAddress() + " live sockets are open at once from one address"
                        + " (--max-sockets-per-address); close one, or try again later");
        request.response().setStatusCode(503)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS))
                .putHeader("Cache-Control", "no-store")
                .end(problem.toJson(request.path()).encode());
    }

    private void released(HttpConnection connection, Tracked entry) {
        tracked.remove(connection);
        if (entry.headerTimer >= 0) {
            vertx.cancelTimer(entry.headerTimer);
        }
        synchronized (this) {
            open--;
            if (open <= total * 9L / 10) {
                totalWarned = false;
            }
            Share share = shares.get(entry.address);
            if (share == null) {
                return;
            }
            share.connections--;
            if (entry.socketRequest != null) {
                entry.socketRequest = null;
                share.sockets--;
            }
            if (share.connections <= 0) {
                shares.remove(entry.address);
            } else if (share.connections <= limits.perAddress() * 9L / 10) {
                share.warned = false;
            }
        }
    }

    private static boolean isUpgrade(HttpServerRequest request) {
        String upgrade = request.getHeader(HttpHeaders.UPGRADE);
        return upgrade != null && upgrade.equalsIgnoreCase("websocket");
    }

    /** The connection's Netty channel (a Vert.x internal): the one place that tells when an upgraded socket closes. */
    private Channel channelOf(HttpConnection connection) {
        if (connection instanceof io.vertx.core.net.impl.ConnectionBase base) {
            return base.channel();
        }
        if (!internalsWarned) {
            internalsWarned = true;
            LOG.error("connection limits are off: {} is not a ConnectionBase (has Vert.x changed?)",
                    connection.getClass().getName());
        }
        return null;
    }
}
