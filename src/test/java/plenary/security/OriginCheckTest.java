package plenary.security;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import plenary.http.HttpTestClient;
import plenary.http.RunningServer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15, item 2, over plain HTTP: with the chair's own cookie and CSRF token, a request that
 * names another origin (a sibling port, another host, another scheme, a sandboxed "null") changes
 * nothing and is answered 403 {@code /problems/origin}; the live socket's upgrade likewise. The
 * server's own origin, scripts (no Origin at all) and configured public origins still work.
 */
@Tag("integration")
class OriginCheckTest {
    private static final String PASSWORD = "plenary-demo-2026";
    private static final String DRAFT = "# A draft from somewhere\n\n1. *Calls upon* everyone to look;\n";

    @TempDir
    static Path dir;

    private static RunningServer server;
    private static HttpClient client;
    private static Session chair;
    private static String meetingId;
    private static String documentId;

    record Session(String token, String csrf) {
    }

    @BeforeAll
    static void start() throws Exception {
        server = RunningServer.start(dir.resolve("data"), "--demo");
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .build();
        chair = signIn(server.port(), "chair");
        JsonNode documents = json(send(server.port(), "GET", "/api/documents", null, bearer(chair))).get("documents");
        meetingId = documents.get(0).get("meetingId").asText();
        documentId = documents.get(0).get("id").asText();
    }

    @AfterAll
    static void stop() throws Exception {
        client.shutdownNow();
        server.close();
    }

    private static String own() {
        return "http://127.0.0.1:" + server.port();
    }

    @Test
    void cookieChangesFromAnotherOriginAreRefusedAndChangeNothing() {
        int before = documentCount();
        for (String origin : List.of("http://127.0.0.1:" + (server.port() + 1), "http://localhost:" + server.port(),
                "https://127.0.0.1:" + server.port(), "http://evil.example", "null",
                "http://127.0.0.1:" + server.port() + "@evil.example")) {
            HttpResponse<String> imported = send(server.port(), "POST", "/api/documents?meeting=" + meetingId, DRAFT,
                    cookie(chair, origin));
            assertOriginRefused(imported, origin);
            assertOriginRefused(send(server.port(), "DELETE", "/api/session", null, cookie(chair, origin)), origin);
        }
        assertEquals(before, documentCount(), "no draft was imported");
        assertEquals(200, send(server.port(), "GET", "/api/session", null, bearer(chair)).statusCode(),
                "the chair is still signed in");
    }

    @Test
    void theServersOwnOriginMayChangeThings() {
        int before = documentCount();
        HttpResponse<String> imported = send(server.port(), "POST", "/api/documents?meeting=" + meetingId, DRAFT,
                cookie(chair, own()));
        assertEquals(201, imported.statusCode(), imported::body);
        assertEquals(before + 1, documentCount());
    }

    /** Scripts send no Origin: a bearer token, or the cookie with its CSRF token, still works. */
    @Test
    void requestsWithoutOriginAreScriptsAndPass() {
        int before = documentCount();
        assertEquals(201, send(server.port(), "POST", "/api/documents?meeting=" + meetingId, DRAFT,
                bearer(chair)).statusCode());
        assertEquals(201, send(server.port(), "POST", "/api/documents?meeting=" + meetingId, DRAFT,
                cookie(chair, null)).statusCode());
        assertEquals(before + 2, documentCount());
    }

    /** Signing the victim in to the attacker's account (login CSRF) is a change too. */
    @Test
    void signingInFromAnotherOriginIsRefused() {
        HttpResponse<String> response = send(server.port(), "POST", "/api/session",
                "{\"username\":\"observer\",\"password\":\"" + PASSWORD + "\"}",
                "Content-Type", "application/json", "Origin", "http://127.0.0.1:" + (server.port() + 1));
        assertOriginRefused(response, "a sibling port");
        assertTrue(response.headers().allValues("Set-Cookie").isEmpty(), "no session cookie is set");
    }

    @Test
    void theLiveSocketOpensOnlyForTheServersOwnOrigin() throws Exception {
        for (String origin : List.of("http://127.0.0.1:" + (server.port() + 1), "http://evil.example", "null")) {
            CompletionException refused = assertThrows(CompletionException.class, () -> {
                openSocket(origin).abort(); // opened: the attack worked
            }, origin);
            WebSocketHandshakeException handshake = assertInstanceOf(WebSocketHandshakeException.class,
                    refused.getCause(), () -> "refused how? " + refused);
            assertEquals(403, handshake.getResponse().statusCode(), origin);
            String body = handshake.getResponse().body() instanceof byte[] bytes
                    ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(handshake.getResponse().body());
            assertTrue(body.contains("/problems/origin"), body);
        }
        WebSocket socket = openSocket(own());
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(30, TimeUnit.SECONDS);
        socket.abort();
    }

    /** Behind a proxy the server sees its own address; the configured public origin decides instead. */
    @Test
    void configuredPublicOriginsDecide() throws Exception {
        try (RunningServer behindProxy = RunningServer.start(dir.resolve("proxied"), "--demo",
                "--public-origin", "https://plenary.example, https://plenary.example:8443")) {
            Session session = signIn(behindProxy.port(), "chair");
            String meeting = json(send(behindProxy.port(), "GET", "/api/meetings", null, bearer(session)))
                    .get("meetings").get(0).get("id").asText();
            String path = "/api/documents?meeting=" + meeting;
            assertEquals(201, send(behindProxy.port(), "POST", path, DRAFT, cookie(session, "https://plenary.example"))
                    .statusCode());
            assertEquals(201, send(behindProxy.port(), "POST", path, DRAFT,
                    cookie(session, "https://plenary.example:8443")).statusCode());
            for (String origin : List.of("http://127.0.0.1:" + behindProxy.port(), "http://plenary.example",
                    "https://evil.plenary.example")) {
                assertOriginRefused(send(behindProxy.port(), "POST", path, DRAFT, cookie(session, origin)), origin);
            }
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private static void assertOriginRefused(HttpResponse<String> response, String origin) {
        assertEquals(403, response.statusCode(), () -> origin + ": " + response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        JsonNode problem = json(response);
        assertEquals("/problems/origin", problem.path("type").asText(), response.body());
        assertFalse(problem.path("detail").asText().isBlank());
    }

    private static WebSocket openSocket(String origin) {
        return client.newWebSocketBuilder()
                .header("Cookie", "plenary_session=" + chair.token())
                .header("Origin", origin)
                .connectTimeout(Duration.ofSeconds(30))
                .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/api/documents/" + documentId + "/live"),
                        new WebSocket.Listener() {
                        })
                .join();
    }

    private static int documentCount() {
        return json(send(server.port(), "GET", "/api/documents?meeting=" + meetingId, null, bearer(chair)))
                .get("documents").size();
    }

    private static Session signIn(int port, String username) {
        HttpResponse<String> response = send(port, "POST", "/api/session",
                "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\"}", "Content-Type", "application/json");
        assertEquals(200, response.statusCode(), response::body);
        JsonNode body = json(response);
        return new Session(body.get("token").asText(), body.get("csrfToken").asText());
    }

    private static String[] bearer(Session session) {
        return new String[] {"Authorization", "Bearer " + session.token()};
    }

    /** The browser's way: the cookie, the CSRF token, and the page's origin (null: none). */
    private static String[] cookie(Session session, String origin) {
        List<String> headers = new ArrayList<>(List.of("Cookie", "plenary_session=" + session.token(),
                "X-CSRF-Token", session.csrf()));
        if (origin != null) {
            headers.addAll(List.of("Origin", origin));
        }
        return headers.toArray(String[]::new);
    }

    private static HttpResponse<String> send(int port, String method, String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null && path.startsWith("/api/documents")) {
            request.header("Content-Type", HttpTestClient.MARKDOWN);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new AssertionError(method + " " + path + " failed", e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        return HttpTestClient.json(response);
    }
}
