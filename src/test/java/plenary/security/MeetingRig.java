package plenary.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import plenary.http.HttpTestClient;
import plenary.http.RunningServer;
import plenary.http.TestPeople;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real server (random port, H2 in a temporary directory, or PostgreSQL through {@code --db-url}),
 * its admin, and people made the way people are made: invited, accepted, signed in. Every request
 * names its bearer token, so requests as different people may run at once.
 */
final class MeetingRig implements AutoCloseable {
    private static final AtomicInteger NAMES = new AtomicInteger();

    final RunningServer server;
    final String admin;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    /** A person with an account: their id, username, password and a session's bearer token. */
    record Member(String userId, String username, String password, String token) {
    }

    private MeetingRig(RunningServer server) {
        this.server = server;
        this.admin = TestPeople.signIn(server.http(), "admin", TestPeople.ADMIN_PASSWORD);
    }

    static MeetingRig start(Path dir, String... args) throws Exception {
        return new MeetingRig(RunningServer.start(dir, args));
    }

    HttpClient client() {
        return http;
    }

    URI live(String documentId) {
        return URI.create("ws://127.0.0.1:" + server.port() + "/api/documents/" + documentId + "/live");
    }

    static String name(String prefix) {
        return prefix + "-" + NAMES.incrementAndGet();
    }

    /** A request as the holder of {@code token} (null: anonymous); {@code json} null sends no body. */
    HttpResponse<String> call(String token, String method, String path, String json) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(60));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        if (json != null) {
            builder.header("Content-Type", "application/json");
        }
        builder.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        try {
            return http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The answer's JSON, after checking its status. */
    static JsonNode expect(int status, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), () -> response.request().method() + " " + response.uri().getPath()
                + ": " + response.body());
        return HttpTestClient.json(response);
    }

    /** Checks an RFC 9457 problem of this status and type ("/problems/…"); returns it. */
    static JsonNode problem(int status, String type, HttpResponse<String> response) {
        JsonNode problem = expect(status, response);
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                response::body);
        assertEquals(type, problem.path("type").asText(), response::body);
        return problem;
    }

    String createMeeting(String name) {
        return expect(201, call(admin, "POST", "/api/meetings", object().put("name", name).toString())).get("id").asText();
    }

    /** A new draft in the meeting, imported by {@code drafter}; returns the document as JSON. */
    JsonNode createDocument(String drafter, String meetingId, String markdown) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                        + "/api/documents?meeting=" + meetingId))
                .header("Authorization", "Bearer " + drafter).header("Content-Type", HttpTestClient.MARKDOWN)
                .POST(HttpRequest.BodyPublishers.ofString(markdown, StandardCharsets.UTF_8)).build();
        try {
            return expect(201, http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> tryInvite(String inviter, String meetingId, String role, String delegation, Double hours) {
        ObjectNode body = object().put("role", role);
        if (delegation != null) {
            body.put("delegation", delegation);
        }
        if (hours != null) {
            body.put("expiresInHours", hours);
        }
        return call(inviter, "POST", "/api/meetings/" + meetingId + "/invitations", body.toString());
    }

    /** An invitation: {id, token, url, role, delegation, expiresAt}. */
    JsonNode invite(String inviter, String meetingId, String role, String delegation, Double hours) {
        return expect(201, tryInvite(inviter, meetingId, role, delegation, hours));
    }

    /** Accepts as someone new, creating the account. */
    HttpResponse<String> acceptAsNew(String invitationToken, String username, String password) {
        return call(null, "POST", "/api/invitations/" + invitationToken + "/accept", object().put("username", username)
                .put("password", password).put("displayName", "Display " + username).toString());
    }

    /** Accepts while signed in: the role goes to that account. */
    HttpResponse<String> acceptSignedIn(String invitationToken, String token) {
        return call(token, "POST", "/api/invitations/" + invitationToken + "/accept", "{}");
    }

    String signIn(String username, String password) {
        return expect(200, call(null, "POST", "/api/session", object().put("username", username)
                .put("password", password).toString())).get("token").asText();
    }

    /** Someone invited by {@code inviter}, accepted as a new account, signed in. */
    Member member(String inviter, String meetingId, String role, String delegation, String username) {
        String password = "password-of-" + username;
        String token = invite(inviter, meetingId, role, delegation, null).get("token").asText();
        String userId = expect(200, acceptAsNew(token, username, password)).get("id").asText();
        return new Member(userId, username, password, signIn(username, password));
    }

    /** The members of a meeting as the admin sees them, by username. */
    Map<String, JsonNode> members(String meetingId) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        expect(200, call(admin, "GET", "/api/meetings/" + meetingId + "/members", null)).get("members")
                .forEach(m -> out.put(m.get("username").asText(), m));
        return out;
    }

    /** The pending invitations of a meeting as {@code token}'s holder lists them, by id. */
    Map<String, JsonNode> pending(String token, String meetingId) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        expect(200, call(token, "GET", "/api/meetings/" + meetingId + "/invitations", null)).get("invitations")
                .forEach(i -> out.put(i.get("id").asText(), i));
        return out;
    }

    HttpResponse<String> setRole(String token, String meetingId, String userId, String role, String delegation) {
        ObjectNode body = object().put("role", role);
        if (delegation != null) {
            body.put("delegation", delegation);
        }
        return call(token, "PUT", "/api/meetings/" + meetingId + "/members/" + userId, body.toString());
    }

    HttpResponse<String> remove(String token, String meetingId, String userId) {
        return call(token, "DELETE", "/api/meetings/" + meetingId + "/members/" + userId, null);
    }

    static ObjectNode object() {
        return MemberSocket.JSON.createObjectNode();
    }

    @Override
    public void close() throws Exception {
        try {
            http.close();
        } finally {
            server.close();
        }
    }
}
