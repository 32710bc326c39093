package plenary.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16, logs: there was no access log and no request id. Now every request is one line (method,
 * route, status, duration, request id, user id), a live socket's upgrade included, the id comes back in {@code X-Request-Id} and in
 * problem JSON, and none of the secrets a session handles (passwords, bearer and CSRF tokens,
 * invitation tokens in paths, search words in queries) reaches the log.
 */
@Tag("integration")
class AccessLogTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEMO_PASSWORD = "plenary-demo-2026";
    private static final Pattern LINE = Pattern.compile(" INFO access - (\\S+) (\\S+) (\\S+) (\\d+) ms req=(\\S+) user=(\\S+)");

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private int port;

    @Test
    void oneLinePerRequestWithItsIdAndNoSecret() throws Exception {
        Path log = dir.resolve("server.log");
        try (ServerInDirectory child = ServerInDirectory.start(dir, dir.resolve("data"), log, Map.of(), "--demo")) {
            port = child.port();
            String wrongPassword = "not-the-password-" + System.nanoTime();
            HttpResponse<String> refused = call(null, "POST", "/api/session",
                    "{\"username\":\"chair\",\"password\":\"" + wrongPassword + "\"}", Map.of());
            assertEquals(401, refused.statusCode());
            String refusedId = refused.headers().firstValue("X-Request-Id").orElseThrow();
            assertEquals(refusedId, JSON.readTree(refused.body()).path("requestId").asText(), "the problem names its request");

            JsonNode session = JSON.readTree(call(null, "POST", "/api/session",
                    "{\"username\":\"chair\",\"password\":\"" + DEMO_PASSWORD + "\"}", Map.of()).body());
            String token = session.path("token").asText();
            String csrf = session.path("csrfToken").asText();
            String chairId = session.path("id").asText();
            String meeting = JSON.readTree(call(token, "GET", "/api/meetings", null, Map.of()).body())
                    .path("meetings").get(0).path("id").asText();
            String secretWord = "zebra" + System.nanoTime();
            HttpResponse<String> search = call(token, "GET", "/api/search?q=" + secretWord, null,
                    Map.of("X-Request-Id", "trace-0123456789"));
            assertEquals(200, search.statusCode(), search.body());
            assertEquals("trace-0123456789", search.headers().firstValue("X-Request-Id").orElseThrow(), "a client's id is kept");
            JsonNode invitation = JSON.readTree(call(token, "POST", "/api/meetings/" + meeting + "/invitations",
                    "{\"role\":\"observer\"}", Map.of()).body());
            String invitationToken = invitation.path("token").asText();
            String newPassword = "a-fresh-secret-" + System.nanoTime();
            assertEquals(200, call(null, "POST", "/api/invitations/" + invitationToken + "/accept",
                    "{\"username\":\"watcher\",\"password\":\"" + newPassword + "\",\"displayName\":\"W\"}", Map.of())
                    .statusCode());
            HttpResponse<String> unknown = call(token, "GET", "/api/documents/nosuchdocument1", null,
                    Map.of("X-Request-Id", "bad id with spaces"));
            assertEquals(404, unknown.statusCode());
            assertFalse(unknown.headers().firstValue("X-Request-Id").orElseThrow().contains(" "), "a malformed id is replaced");

            call(null, "GET", "/health", null, Map.of());

            // A live socket's upgrade is a request too: its line comes when it is upgraded (101), not
            // when the socket closes, hours later or never.
            String document = JSON.readTree(call(token, "GET", "/api/documents", null, Map.of()).body())
                    .path("documents").get(0).path("id").asText();
            java.net.http.WebSocket socket = http.newWebSocketBuilder().header("Authorization", "Bearer " + token)
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/api/documents/" + document + "/live"),
                            new java.net.http.WebSocket.Listener() { })
                    .get(30, java.util.concurrent.TimeUnit.SECONDS);

            // A line is written when its answer has gone: wait until all ten requests have theirs.
            String written = child.output();
            for (int tries = 0; written.lines().filter(l -> LINE.matcher(l).find()).count() < 10; tries++) {
                assertTrue(tries < 3_000, "fewer than 10 access lines:\n" + written);
                Thread.sleep(20);
                written = child.output();
            }
            socket.abort();
            for (String secret : List.of(DEMO_PASSWORD, wrongPassword, token, csrf, invitationToken, newPassword, secretWord)) {
                assertFalse(written.contains(secret), "the log holds a secret: " + secret);
            }
            List<String[]> lines = written.lines().map(LINE::matcher).filter(Matcher::find)
                    .map(m -> new String[] {m.group(1), m.group(2), m.group(3), m.group(5), m.group(6)}).toList();
            assertTrue(lines.stream().anyMatch(l -> l[0].equals("POST") && l[1].equals("/api/session") && l[2].equals("401")
                    && l[3].equals(refusedId) && l[4].equals("-")), "the refused sign-in, anonymous");
            assertTrue(lines.stream().anyMatch(l -> l[1].equals("/api/search") && l[3].equals("trace-0123456789")
                    && l[4].equals(chairId)), "the search, by the chair, without its words");
            assertTrue(lines.stream().anyMatch(l -> l[1].equals("/api/invitations/:id/accept") && l[2].equals("200")),
                    "the invitation's token is :id");
            assertTrue(lines.stream().anyMatch(l -> l[1].equals("/api/documents/:id") && l[2].equals("404")));
            assertTrue(lines.stream().anyMatch(l -> l[1].equals("/health")));
            assertTrue(lines.stream().anyMatch(l -> l[0].equals("GET") && l[1].equals("/api/documents/:id/live")
                    && l[2].equals("101") && l[4].equals(chairId)), "the socket's upgrade, while it is open:\n" + written);
        }
    }

    private HttpResponse<String> call(String token, String method, String path, String json, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
