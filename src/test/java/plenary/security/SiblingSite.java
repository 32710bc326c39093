package plenary.security;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The attacker's pages: a plain web server on another port of 127.0.0.1, which a browser counts as
 * the same site as Plenary's own port (so a SameSite=Strict cookie goes along) but another origin.
 */
final class SiblingSite implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, String> pages = new ConcurrentHashMap<>();

    private SiblingSite(HttpServer server) {
        this.server = server;
    }

    static SiblingSite start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        SiblingSite site = new SiblingSite(server);
        server.createContext("/", exchange -> {
            String page = site.pages.get(exchange.getRequestURI().getPath());
            byte[] body = (page == null ? "not here" : page).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", page == null ? "text/plain" : "text/html; charset=utf-8");
            exchange.sendResponseHeaders(page == null ? 404 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return site;
    }

    /** Serves {@code html} at {@code path}; returns the page's address. */
    String page(String path, String html) {
        pages.put(path, html);
        return origin() + path;
    }

    String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
