package plenary.people;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static plenary.people.AuthServer.assertProblem;
import static plenary.people.AuthServer.json;

/**
 * Sessions: sign-in answers, cookie and bearer authentication, sign-out, session-id rotation, CSRF,
 * and the sign-in throttle (5 failures per account and address in 15 minutes; it never holds an
 * account at an address that did not fail, see {@link LoginThrottle} and plenary.security.LockoutWeaponTest).
 *
 * <p>Every test here runs from 127.0.0.1, and the throttle counts per address: the shared server
 * never sees a wrong password, and each throttle test starts its own server.
 */
@Tag("integration")
class SessionSecurityTest {
    @TempDir
    static Path sharedDir;

    private static AuthServer server;
    private static String meetingId;
    private static AuthServer.Member chair;

    @BeforeAll
    static void start() throws Exception {
        server = AuthServer.start(sharedDir, "--no-samples");
        String admin = server.adminToken();
        meetingId = server.createMeeting(admin, "Session tests");
        chair = server.member(admin, meetingId, "chair", null, "session-chair");
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    // ---- sign-in, bearer and cookie ---------------------------------------------------------

    @Test
    void signInAnswersATokenACsrfTokenAndAStrictHttpOnlyCookie() {
        HttpResponse<String> response = server.trySignIn("admin", AuthServer.ADMIN_PASSWORD);
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(null),
                "a sign-in answer carries secrets and must not be cached");
        JsonNode body = json(response);
        String token = body.path("token").asText();
        String csrf = body.path("csrfToken").asText();
        assertTrue(token.length() >= 32, "token: " + body);
        assertTrue(csrf.length() >= 32, "csrfToken: " + body);
        assertNotEquals(token, csrf);
        assertEquals("admin", body.path("username").asText());
        assertTrue(body.path("admin").asBoolean());

        String setCookie = AuthServer.sessionSetCookie(response).orElseThrow(
                () -> new AssertionError("no plenary_session cookie: " + response.headers().map()));
        assertEquals(token, AuthServer.sessionCookieValue(response), "the cookie carries the session token");
        Map<String, String> attributes = AuthServer.cookieAttributes(setCookie);
        assertTrue(attributes.containsKey("httponly"), "HttpOnly: " + setCookie);
        assertEquals("strict", attributes.getOrDefault("samesite", "").toLowerCase(), "SameSite=Strict: " + setCookie);
        assertEquals("/", attributes.get("path"), setCookie);
        assertTrue(Long.parseLong(attributes.getOrDefault("max-age", "0")) > 0, "a lasting cookie: " + setCookie);

        assertNoSecretIn(body, AuthServer.ADMIN_PASSWORD);
    }

    @Test
    void theTokenWorksAsBearerAndTheCookieWorksToo() {
        JsonNode signedIn = server.signIn(chair.username(), chair.password());
        String token = signedIn.get("token").asText();

        assertEquals(200, server.bearer("GET", "/api/documents", token, null).statusCode());
        assertEquals(200, server.cookie("GET", "/api/documents", token, null, null).statusCode(),
                "a GET with the cookie needs no CSRF token");
        HttpResponse<String> viaCookie = server.cookie("GET", "/api/session", token, null, null);
        assertEquals(200, viaCookie.statusCode(), viaCookie.body());
        assertEquals(chair.userId(), json(viaCookie).path("id").asText());
        HttpResponse<String> viaBearer = server.bearer("GET", "/api/session", token, null);
        assertEquals(chair.userId(), json(viaBearer).path("id").asText());

        assertProblem(server.bearer("GET", "/api/documents", null, null), 401, "/problems/unauthenticated");
        assertProblem(server.bearer("GET", "/api/documents", Tokens.newToken(), null), 401, "/problems/unauthenticated");
        assertProblem(server.cookie("GET", "/api/documents", Tokens.newToken(), null, null), 401,
                "/problems/unauthenticated");
    }

    @Test
    void theSessionShowsTheUserAndTheirRolesButNeverAPasswordOrHash() {
        JsonNode signedIn = server.signIn(chair.username(), chair.password());
        String token = signedIn.get("token").asText();
        HttpResponse<String> response = server.bearer("GET", "/api/session", token, null);
        assertEquals(200, response.statusCode(), response.body());
        JsonNode me = json(response);
        assertEquals(chair.userId(), me.path("id").asText());
        assertEquals(chair.username(), me.path("username").asText());
        assertEquals("Display " + chair.username(), me.path("displayName").asText());
        assertFalse(me.path("admin").asBoolean());
        assertEquals(signedIn.get("csrfToken").asText(), me.path("csrfToken").asText(),
                "a page that lost its CSRF token gets it back here");
        JsonNode meeting = only(me.path("meetings"));
        assertEquals(meetingId, meeting.path("id").asText());
        assertEquals("chair", meeting.path("role").asText());
        assertNoSecretIn(me, chair.password());
        assertFalse(response.body().contains(token), "the session answer does not repeat the bearer token");

        JsonNode admin = json(server.bearer("GET", "/api/session", server.adminToken(), null));
        assertTrue(admin.path("admin").asBoolean(), admin.toString());
        assertNoSecretIn(admin, AuthServer.ADMIN_PASSWORD);

        assertProblem(server.bearer("GET", "/api/session", null, null), 401, "/problems/unauthenticated");
    }

    @Test
    void signingOutEndsTheSession() {
        String token = server.token(chair.username(), chair.password());
        assertEquals(200, server.bearer("GET", "/api/documents", token, null).statusCode());

        HttpResponse<String> out = server.bearer("DELETE", "/api/session", token, null);
        assertEquals(204, out.statusCode(), out.body());
        String cleared = AuthServer.sessionSetCookie(out).orElseThrow(
                () -> new AssertionError("sign-out must clear the cookie: " + out.headers().map()));
        assertEquals("", AuthServer.sessionCookieValue(out));
        assertEquals("0", AuthServer.cookieAttributes(cleared).get("max-age"), cleared);

        assertProblem(server.bearer("GET", "/api/documents", token, null), 401, "/problems/unauthenticated");
        assertProblem(server.cookie("GET", "/api/documents", token, null, null), 401, "/problems/unauthenticated");
        assertProblem(server.bearer("GET", "/api/session", token, null), 401, "/problems/unauthenticated");
    }

    @Test
    void signingOutWithTheCookieNeedsTheCsrfTokenAndEndsTheSession() {
        JsonNode signedIn = server.signIn(chair.username(), chair.password());
        String token = signedIn.get("token").asText();
        String csrf = signedIn.get("csrfToken").asText();

        assertProblem(server.cookie("DELETE", "/api/session", token, null, null), 403, "/problems/csrf");
        assertEquals(200, server.cookie("GET", "/api/documents", token, null, null).statusCode(),
                "a refused sign-out leaves the session alone");

        HttpResponse<String> out = server.cookie("DELETE", "/api/session", token, csrf, null);
        assertEquals(204, out.statusCode(), out.body());
        assertProblem(server.cookie("GET", "/api/documents", token, null, null), 401, "/problems/unauthenticated");
        assertProblem(server.bearer("GET", "/api/documents", token, null), 401, "/problems/unauthenticated");
    }

    @Test
    void everySignInGetsANewSessionAndTheOneTheBrowserCameWithEnds() {
        JsonNode first = server.signIn(chair.username(), chair.password());
        JsonNode second = server.signIn(chair.username(), chair.password());
        String firstToken = first.get("token").asText();
        String secondToken = second.get("token").asText();
        assertNotEquals(firstToken, secondToken);
        assertNotEquals(first.get("csrfToken").asText(), second.get("csrfToken").asText());
        assertEquals(200, server.bearer("GET", "/api/documents", firstToken, null).statusCode(),
                "signing in on another device leaves the first session alone");
        assertEquals(200, server.bearer("GET", "/api/documents", secondToken, null).statusCode());

        // The browser holding the first session signs in again: it sends its cookie (and, as the
        // page's script does for every POST, that session's CSRF token).
        HttpResponse<String> again = server.send("POST", "/api/session",
                AuthServer.signInBody(chair.username(), chair.password()),
                "Cookie", AuthServer.COOKIE + "=" + firstToken, "X-CSRF-Token", first.get("csrfToken").asText());
        assertEquals(200, again.statusCode(), again.body());
        String third = json(again).get("token").asText();
        assertEquals(third, AuthServer.sessionCookieValue(again));
        assertNotEquals(firstToken, third);
        assertNotEquals(secondToken, third);

        assertProblem(server.cookie("GET", "/api/documents", firstToken, null, null), 401, "/problems/unauthenticated");
        assertProblem(server.bearer("GET", "/api/documents", firstToken, null), 401, "/problems/unauthenticated");
        assertEquals(200, server.cookie("GET", "/api/documents", third, null, null).statusCode());
        assertEquals(200, server.bearer("GET", "/api/documents", secondToken, null).statusCode(),
                "only the session the request came with ends");
    }

    /** A page that lost its CSRF token can still sign in again; the old cookie's session ends. */
    @Test
    void signingInAgainWithAnOldCookieNeedsNoCsrfTokenAndEndsThatSession() {
        String old = server.token(chair.username(), chair.password());
        HttpResponse<String> again = server.send("POST", "/api/session",
                AuthServer.signInBody(chair.username(), chair.password()), "Cookie", AuthServer.COOKIE + "=" + old);
        assertEquals(200, again.statusCode(), again.body());
        String fresh = json(again).get("token").asText();
        assertNotEquals(old, fresh);
        assertProblem(server.cookie("GET", "/api/documents", old, null, null), 401, "/problems/unauthenticated");
        assertEquals(200, server.cookie("GET", "/api/documents", fresh, null, null).statusCode());
        // The exemption is for signing in only: other state changes with the cookie still need the token.
        assertProblem(server.cookie("POST", "/api/meetings/" + meetingId + "/invitations", fresh, null,
                AuthServer.invitationBody("observer", null, null)), 403, "/problems/csrf");
        assertProblem(server.cookie("DELETE", "/api/session", fresh, null, null), 403, "/problems/csrf");
    }

    @Test
    void signingInWithABearerTokenEndsThatSession() {
        String first = server.token(chair.username(), chair.password());
        HttpResponse<String> again = server.send("POST", "/api/session",
                AuthServer.signInBody(chair.username(), chair.password()), "Authorization", "Bearer " + first);
        assertEquals(200, again.statusCode(), again.body());
        assertNotEquals(first, json(again).get("token").asText());
        assertProblem(server.bearer("GET", "/api/documents", first, null), 401, "/problems/unauthenticated");
    }

    // ---- CSRF -------------------------------------------------------------------------------

    @Test
    void cookieRequestsThatChangeStateNeedTheSessionsCsrfTokenAsAdmin() {
        assertCsrfEnforced("admin", AuthServer.ADMIN_PASSWORD);
    }

    @Test
    void cookieRequestsThatChangeStateNeedTheSessionsCsrfTokenAsChair() {
        assertCsrfEnforced(chair.username(), chair.password());
    }

    private static void assertCsrfEnforced(String username, String password) {
        JsonNode session = server.signIn(username, password);
        JsonNode other = server.signIn(username, password);
        String token = session.get("token").asText();
        String csrf = session.get("csrfToken").asText();
        String path = "/api/meetings/" + meetingId + "/invitations";
        String body = AuthServer.invitationBody("observer", null, null);

        JsonNode missing = assertProblem(server.cookie("POST", path, token, null, body), 403, "/problems/csrf");
        assertTrue(missing.path("detail").asText().contains("X-CSRF-Token"), missing.toString());
        assertProblem(server.cookie("POST", path, token, "wrong-" + csrf, body), 403, "/problems/csrf");
        assertProblem(server.cookie("POST", path, token, "", body), 403, "/problems/csrf");
        assertProblem(server.cookie("POST", path, token, other.get("csrfToken").asText(), body), 403,
                "/problems/csrf");

        HttpResponse<String> withHeader = server.cookie("POST", path, token, csrf, body);
        assertEquals(201, withHeader.statusCode(), withHeader.body());
        assertFalse(json(withHeader).path("token").asText().isEmpty());

        HttpResponse<String> bearer = server.bearer("POST", path, token, body);
        assertEquals(201, bearer.statusCode(), "a bearer token needs no CSRF header: " + bearer.body());

        HttpResponse<String> read = server.cookie("GET", "/api/meetings/" + meetingId + "/members", token, null, null);
        assertEquals(200, read.statusCode(), "a GET with the cookie needs no CSRF header: " + read.body());
    }

    // ---- the sign-in throttle (a fresh server each, see the class comment) -----------------------

    @Test
    void fiveWrongPasswordsThenEvenTheRightOneIsRefused(@TempDir Path dir) throws Exception {
        try (AuthServer fresh = AuthServer.start(dir, "--no-samples")) {
            String admin = fresh.adminToken();
            String meeting = fresh.createMeeting(admin, "Throttle");
            AuthServer.Member other = fresh.member(admin, meeting, "observer", null, "bystander");
            for (int i = 1; i <= 5; i++) {
                JsonNode problem = assertProblem(fresh.trySignIn("admin", "wrong-password-" + i), 401,
                        "/problems/bad-credentials");
                assertFalse(problem.toString().contains("wrong-password-"), problem.toString());
            }
            HttpResponse<String> sixth = fresh.trySignIn("admin", AuthServer.ADMIN_PASSWORD);
            JsonNode problem = assertProblem(sixth, 429, "/problems/too-many-attempts");
            long retryAfter = Long.parseLong(sixth.headers().firstValue("Retry-After").orElseThrow(
                    () -> new AssertionError("a 429 without Retry-After: " + sixth.headers().map())));
            assertTrue(retryAfter > 14 * 60 && retryAfter <= 15 * 60,
                    "the first failure leaves the 15-minute window in about 15 minutes: " + retryAfter);
            assertFalse(sixth.body().contains("token"), sixth.body());
            assertTrue(AuthServer.sessionSetCookie(sixth).isEmpty(), "no session for a refused sign-in");
            assertFalse(problem.path("title").asText().isEmpty());

            // Other accounts behind the same address are not held: that was a weapon (issue 15).
            assertEquals(200, fresh.trySignIn(other.username(), other.password()).statusCode());
            assertProblem(fresh.trySignIn("nobody-" + System.nanoTime(), "whatever-it-is-1"), 401,
                    "/problems/bad-credentials");
            // Sessions made before the throttle still work: it guards sign-in only.
            assertEquals(200, fresh.bearer("GET", "/api/session", admin, null).statusCode());
        }
    }

    @Test
    void anAccountGuessedFromOneAddressIsHeldThereAndOpenEverywhereElse(@TempDir Path dir) throws Exception {
        assumeOtherLoopbackAddresses();
        try (AuthServer fresh = AuthServer.start(dir, "--no-samples")) {
            for (int i = 1; i <= 5; i++) {
                AuthServer.RawResponse wrong = fresh.signInFrom("127.0.0.2", "admin", "wrong-password-" + i);
                assertEquals(401, wrong.status(), wrong.body());
            }
            AuthServer.RawResponse there = fresh.signInFrom("127.0.0.2", "Admin", AuthServer.ADMIN_PASSWORD);
            assertEquals(429, there.status(), "usernames are case-insensitive, and so is their throttle: "
                    + there.body());
            assertTrue(there.headers().containsKey("retry-after"), there.headers().toString());
            // The owner elsewhere is not locked out by someone else's guesses (issue 15).
            assertEquals(200, fresh.signInFrom("127.0.0.3", "Admin", AuthServer.ADMIN_PASSWORD).status());
            assertEquals(200, fresh.trySignIn("admin", AuthServer.ADMIN_PASSWORD).statusCode());
        }
    }

    @Test
    void sprayingFromAnAddressHoldsItOnlyForTheAccountsItGuessedTooOften(@TempDir Path dir) throws Exception {
        assumeOtherLoopbackAddresses();
        try (AuthServer fresh = AuthServer.start(dir, "--no-samples")) {
            String admin = fresh.adminToken();
            String meeting = fresh.createMeeting(admin, "Throttle");
            AuthServer.Member other = fresh.member(admin, meeting, "observer", null, "bystander");
            List<String> sprayed = List.of("admin", other.username(), "ghost-one", "ghost-two", "ghost-three");
            for (String username : sprayed) {
                AuthServer.RawResponse wrong = fresh.signInFrom("127.0.0.2", username, "sprayed-password-1");
                assertEquals(401, wrong.status(), username + ": " + wrong.body());
            }
            // One failure each: everyone behind that address still signs in (a room shares one address).
            assertEquals(200, fresh.signInFrom("127.0.0.2", other.username(), other.password()).status());
            assertEquals(200, fresh.signInFrom("127.0.0.2", "admin", AuthServer.ADMIN_PASSWORD).status());
            // Four more for one account, and that account waits at that address.
            for (int i = 2; i <= 5; i++) {
                assertEquals(401, fresh.signInFrom("127.0.0.2", "ghost-one", "sprayed-password-" + i).status());
            }
            AuthServer.RawResponse held = fresh.signInFrom("127.0.0.2", "ghost-one", "sprayed-password-6");
            assertEquals(429, held.status(), held.body());
            assertTrue(held.headers().get("content-type").startsWith("application/problem+json"), held.headers().toString());
            assertTrue(held.body().contains("/problems/too-many-attempts"), held.body());
            long retryAfter = Long.parseLong(held.headers().get("retry-after"));
            assertTrue(retryAfter > 14 * 60 && retryAfter <= 15 * 60, "Retry-After " + retryAfter);
        }
    }

    /**
     * Guesses sent at once are guesses too: however they arrive, no more than five wrong passwords
     * per account are checked in the window.
     */
    @Test
    void concurrentGuessesCountAgainstTheSameFiveAttempts(@TempDir Path dir) throws Exception {
        try (AuthServer fresh = AuthServer.start(dir, "--no-samples")) {
            int guesses = 24;
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < guesses; i++) {
                HttpRequest request = HttpRequest.newBuilder(fresh.uri("/api/session"))
                        .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                AuthServer.signInBody("admin", "parallel-guess-" + i), StandardCharsets.UTF_8))
                        .build();
                answers.add(fresh.client().sendAsync(request, HttpResponse.BodyHandlers.ofString()));
            }
            int checked = 0;
            int refused = 0;
            for (CompletableFuture<HttpResponse<String>> answer : answers) {
                int status = answer.get().statusCode();
                if (status == 401) {
                    checked++;
                } else if (status == 429) {
                    refused++;
                }
            }
            assertEquals(guesses, checked + refused, "every guess is answered 401 or 429");
            assertTrue(checked <= 5, checked + " of " + guesses + " simultaneous wrong passwords were checked"
                    + " (answered 401) instead of at most 5; the rest were refused with 429");
        }
    }

    // ---- helpers ----------------------------------------------------------------------------

    private static JsonNode only(JsonNode array) {
        assertEquals(1, array.size(), array.toString());
        return array.get(0);
    }

    /** No field named like a password or hash, and neither the password nor an Argon2 hash anywhere. */
    static void assertNoSecretIn(JsonNode body, String password) {
        String text = body.toString();
        assertFalse(text.contains(password), "the password is in " + text);
        assertFalse(text.contains("$argon2"), "a password hash is in " + text);
        assertNoSecretFields(body, text);
    }

    private static void assertNoSecretFields(JsonNode node, String whole) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String name = field.getKey().toLowerCase();
                assertFalse(name.contains("password") || name.contains("hash"), "field " + field.getKey() + " in " + whole);
                assertNoSecretFields(field.getValue(), whole);
            }
        } else if (node.isArray()) {
            node.forEach(n -> assertNoSecretFields(n, whole));
        }
    }

    /** Skips (rather than fails) where the loopback interface does not answer on 127.0.0.2 and .3. */
    private static void assumeOtherLoopbackAddresses() {
        for (String address : List.of("127.0.0.2", "127.0.0.3")) {
            try (Socket socket = new Socket()) {
                socket.bind(new InetSocketAddress(address, 0));
            } catch (Exception e) {
                Assumptions.abort("cannot send from " + address + ": " + e);
            }
        }
    }
}
