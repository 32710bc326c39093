package plenary.people;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import plenary.http.TestPeople;
import plenary.server.Config;
import plenary.server.PlenaryServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Plenary server in this JVM for the account and session tests. Unlike {@code RunningServer} it
 * makes no request of its own at start (RunningServer's first, failing sign-in of "drafter" would
 * count against the sign-in throttle of 127.0.0.1), and it sends exactly the credentials a test
 * names: a bearer token, a session cookie, a CSRF header, or nothing.
 */
final class AuthServer implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ADMIN_PASSWORD = TestPeople.ADMIN_PASSWORD;
    static final String COOKIE = "plenary_session";

    private final PlenaryServer server;
    private final Path dataDir;
    private final int port;
    private final URI base;
    private final HttpClient client;

    private AuthServer(PlenaryServer server, Path dataDir, int port) {
        this.server = server;
        this.dataDir = dataDir;
        this.port = port;
        this.base = URI.create("http://127.0.0.1:" + port + "/");
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** Starts a server over {@code dataDir}; the admin's password is {@link #ADMIN_PASSWORD}. */
    static AuthServer start(Path dataDir, String... extraArgs) throws Exception {
        return start(dataDir, Clock.systemUTC(), extraArgs);
    }

    /** Starts a server whose time is {@code clock} (an {@code AdjustableClock}, to move past expiries). */
    static AuthServer start(Path dataDir, Clock clock, String... extraArgs) throws Exception {
        List<String> args = new ArrayList<>(List.of("--port", "0", "--host", "127.0.0.1",
                "--data-dir", dataDir.toString()));
        args.addAll(List.of(extraArgs));
        PlenaryServer started = PlenaryServer.start(Config.from(args, Map.of("PLENARY_ADMIN_PASSWORD", ADMIN_PASSWORD)),
                clock);
        return new AuthServer(started, dataDir, started.port());
    }

    /** The same requests to a server running elsewhere (a child process) on 127.0.0.1:{@code port}. */
    static AuthServer remote(int port) {
        return new AuthServer(null, null, port);
    }

    int port() {
        return port;
    }

    Path dataDir() {
        return dataDir;
    }

    HttpClient client() {
        return client;
    }

    URI uri(String path) {
        return base.resolve(path);
    }

    URI liveUri(String documentId) {
        return URI.create("ws://127.0.0.1:" + port() + "/api/documents/" + documentId + "/live");
    }

    // ---- requests --------------------------------------------------------------------------

    /**
     * Sends a request. {@code json} null: no body. {@code headers}: name, value pairs (a null value
     * leaves that header out).
     */
    HttpResponse<String> send(String method, String path, String json, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60));
        if (json != null) {
            builder.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            if (headers[i + 1] != null) {
                builder.header(headers[i], headers[i + 1]);
            }
        }
        builder.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        try {
            return client.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A request with {@code Authorization: Bearer token} (null token: anonymous). */
    HttpResponse<String> bearer(String method, String path, String token, String json) {
        return send(method, path, json, "Authorization", token == null ? null : "Bearer " + token);
    }

    /** A request with the session cookie only, and the CSRF header when {@code csrf} is not null. */
    HttpResponse<String> cookie(String method, String path, String sessionToken, String csrf, String json) {
        return send(method, path, json, "Cookie", COOKIE + "=" + sessionToken, "X-CSRF-Token", csrf);
    }

    HttpResponse<String> trySignIn(String username, String password) {
        return send("POST", "/api/session", signInBody(username, password));
    }

    /** Signs in; fails the test on anything but 200. Returns the answer (token, csrfToken, user). */
    JsonNode signIn(String username, String password) {
        HttpResponse<String> response = trySignIn(username, password);
        assertEquals(200, response.statusCode(), () -> "sign-in of " + username + ": " + response.body());
        return json(response);
    }

    String token(String username, String password) {
        return signIn(username, password).get("token").asText();
    }

    String adminToken() {
        return token("admin", ADMIN_PASSWORD);
    }

    static String signInBody(String username, String password) {
        return JSON.createObjectNode().put("username", username).put("password", password).toString();
    }

    /** A new meeting made by the admin; returns its id. */
    String createMeeting(String adminToken, String name) {
        HttpResponse<String> created = bearer("POST", "/api/meetings", adminToken,
                JSON.createObjectNode().put("name", name).toString());
        assertEquals(201, created.statusCode(), created::body);
        return json(created).get("id").asText();
    }

    /** The id of the first meeting the token's holder sees (the sample meeting, when samples were loaded). */
    String firstMeeting(String token) {
        JsonNode meetings = json(bearer("GET", "/api/meetings", token, null)).get("meetings");
        assertTrue(meetings.size() > 0, "no meeting: " + meetings);
        return meetings.get(0).get("id").asText();
    }

    /** The id of the first draft of a meeting (the samples also hold an adopted text, which is frozen). */
    String firstDocument(String token, String meetingId) {
        JsonNode documents = json(bearer("GET", "/api/documents?meeting=" + meetingId, token, null)).get("documents");
        for (JsonNode document : documents) {
            if (!document.get("status").asText().equals("adopted")) {
                return document.get("id").asText();
            }
        }
        throw new AssertionError("no draft in meeting " + meetingId + ": " + documents);
    }

    static String invitationBody(String role, String delegation, Double expiresInHours) {
        ObjectNode body = JSON.createObjectNode().put("role", role);
        if (delegation != null) {
            body.put("delegation", delegation);
        }
        if (expiresInHours != null) {
            body.put("expiresInHours", expiresInHours);
        }
        return body.toString();
    }

    HttpResponse<String> tryInvite(String inviterToken, String meetingId, String role, String delegation,
                                   Double expiresInHours) {
        return bearer("POST", "/api/meetings/" + meetingId + "/invitations", inviterToken,
                invitationBody(role, delegation, expiresInHours));
    }

    /** An invitation; fails the test on anything but 201. Returns the answer (token, url, role, ...). */
    JsonNode invite(String inviterToken, String meetingId, String role, String delegation, Double expiresInHours) {
        HttpResponse<String> response = tryInvite(inviterToken, meetingId, role, delegation, expiresInHours);
        assertEquals(201, response.statusCode(), response::body);
        return json(response);
    }

    static String acceptBody(String username, String password, String displayName) {
        return JSON.createObjectNode().put("username", username).put("password", password)
                .put("displayName", displayName).toString();
    }

    /** Accepts as someone not signed in, creating an account. */
    HttpResponse<String> tryAccept(String invitationToken, String username, String password, String displayName) {
        return send("POST", "/api/invitations/" + invitationToken + "/accept", acceptBody(username, password, displayName));
    }

    /** A member made through the public flow: invited by {@code inviterToken}, accepted, signed in. */
    record Member(String userId, String username, String password, String token) {
    }

    Member member(String inviterToken, String meetingId, String role, String delegation, String username) {
        String password = "password-of-" + username;
        String invitation = invite(inviterToken, meetingId, role, delegation, null).get("token").asText();
        HttpResponse<String> accepted = tryAccept(invitation, username, password, "Display " + username);
        assertEquals(200, accepted.statusCode(), accepted::body);
        String userId = json(accepted).get("id").asText();
        return new Member(userId, username, password, token(username, password));
    }

    /** The members of a meeting as the admin sees them, keyed by username. */
    Map<String, JsonNode> members(String adminToken, String meetingId) {
        HttpResponse<String> response = bearer("GET", "/api/meetings/" + meetingId + "/members", adminToken, null);
        assertEquals(200, response.statusCode(), response::body);
        Map<String, JsonNode> out = new LinkedHashMap<>();
        json(response).get("members").forEach(m -> out.put(m.get("username").asText(), m));
        return out;
    }

    // ---- reading answers -------------------------------------------------------------------

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON (" + response.statusCode() + "): " + response.body(), e);
        }
    }

    /** Asserts an RFC 9457 problem answer of that status and type ("/problems/..."). */
    static JsonNode assertProblem(HttpResponse<String> response, int status, String type) {
        assertEquals(status, response.statusCode(), () -> response.request().method() + " "
                + response.uri().getPath() + ": " + response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                () -> "content type " + response.headers().firstValue("Content-Type") + " of " + response.body());
        JsonNode problem = json(response);
        assertEquals(type, problem.path("type").asText(), response::body);
        assertEquals(status, problem.path("status").asInt(), response::body);
        return problem;
    }

    /** The {@code plenary_session} Set-Cookie header of an answer, if any. */
    static Optional<String> sessionSetCookie(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(COOKIE + "=")).findFirst();
    }

    /** The value of the {@code plenary_session} cookie an answer sets. */
    static String sessionCookieValue(HttpResponse<String> response) {
        String header = sessionSetCookie(response).orElseThrow(
                () -> new AssertionError("no " + COOKIE + " cookie set: " + response.headers().map()));
        String pair = header.split(";", 2)[0];
        return pair.substring(pair.indexOf('=') + 1);
    }

    /** The attributes of a Set-Cookie header, lower-cased names mapped to their values ("" for flags). */
    static Map<String, String> cookieAttributes(String setCookie) {
        Map<String, String> out = new LinkedHashMap<>();
        String[] parts = setCookie.split(";");
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i].strip();
            int eq = part.indexOf('=');
            out.put((eq < 0 ? part : part.substring(0, eq)).toLowerCase(Locale.ROOT), eq < 0 ? "" : part.substring(eq + 1));
        }
        return out;
    }

    // ---- requests from another loopback address ---------------------------------------------

    /** A raw HTTP/1.1 answer: status, headers (lower-case names) and body. */
    record RawResponse(int status, Map<String, String> headers, String body) {
    }

    /**
     * POSTs JSON from the loopback address {@code from} (127.0.0.2, say), so the server sees another
     * client address than 127.0.0.1. Linux routes all of 127/8 to the loopback interface.
     */
    RawResponse postFrom(String from, String path, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port()), 10_000);
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port() + "\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            String[] head = text.substring(0, end).split("\r\n");
            int status = Integer.parseInt(head[0].split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < head.length; i++) {
                int colon = head[i].indexOf(':');
                headers.put(head[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), head[i].substring(colon + 1).strip());
            }
            return new RawResponse(status, headers, text.substring(end + 4));
        } catch (IOException e) {
            throw new UncheckedIOException("POST " + path + " from " + from + " failed", e);
        }
    }

    RawResponse signInFrom(String from, String username, String password) {
        return postFrom(from, "/api/session", signInBody(username, password));
    }

    @Override
    public void close() throws Exception {
        try {
            client.close();
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }
}
