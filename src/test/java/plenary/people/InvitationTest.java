package plenary.people;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import plenary.http.AdjustableClock;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static plenary.people.AuthServer.assertProblem;
import static plenary.people.AuthServer.json;

/**
 * Invitation links: single use, expiring, unknown ones answered like used ones, accepted into an
 * existing account when signed in, and a delegate's needs a delegation.
 */
@Tag("integration")
class InvitationTest {
    private static final String GONE = "/problems/invitation-unavailable";
    private static final AtomicInteger NAMES = new AtomicInteger();

    /** The server's time: an invitation expires by moving it on, not by waiting. */
    private static final AdjustableClock CLOCK = new AdjustableClock();

    @TempDir
    static Path dir;

    private static AuthServer server;
    private static String admin;
    private static String meetingId;
    private static AuthServer.Member chair;

    @BeforeAll
    static void start() throws Exception {
        server = AuthServer.start(dir, CLOCK, "--no-samples");
        admin = server.adminToken();
        meetingId = server.createMeeting(admin, "Invitation tests");
        chair = server.member(admin, meetingId, "chair", null, "invitation-chair");
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static String username(String prefix) {
        return prefix + "-" + NAMES.incrementAndGet();
    }

    @Test
    void anInvitationFromTheChairCanBeAcceptedOnce() {
        JsonNode invitation = server.invite(chair.token(), meetingId, "delegate", "City of Graz", null);
        String token = invitation.get("token").asText();
        assertEquals("/#/invitations/" + token, invitation.path("url").asText());
        assertEquals("delegate", invitation.path("role").asText());
        assertEquals("City of Graz", invitation.path("delegation").asText());
        Instant expiresAt = Instant.parse(invitation.path("expiresAt").asText());
        assertTrue(Duration.between(CLOCK.instant(), expiresAt).toHours() >= 24 * 7 - 1,
                "seven days by default: " + expiresAt);

        HttpResponse<String> shown = server.send("GET", "/api/invitations/" + token, null);
        assertEquals(200, shown.statusCode(), shown.body());
        assertEquals("Invitation tests", json(shown).path("meeting").asText());
        assertEquals("delegate", json(shown).path("role").asText());
        assertEquals("City of Graz", json(shown).path("delegation").asText());

        String username = username("graz");
        String password = "graz-password-" + NAMES.get();
        HttpResponse<String> accepted = server.tryAccept(token, username, password, "Delegate of Graz");
        assertEquals(200, accepted.statusCode(), accepted.body());
        JsonNode account = json(accepted);
        assertEquals(username, account.path("username").asText());
        assertFalse(account.path("admin").asBoolean());
        SessionSecurityTest.assertNoSecretIn(account, password);
        String userId = account.path("id").asText();

        JsonNode member = server.members(admin, meetingId).get(username);
        assertEquals(userId, member.path("userId").asText());
        assertEquals("delegate", member.path("role").asText());
        assertEquals("City of Graz", member.path("delegation").asText());
        JsonNode session = json(server.bearer("GET", "/api/session", server.token(username, password), null));
        assertEquals("delegate", session.path("meetings").get(0).path("role").asText(), session.toString());

        // The same link again, as someone who stole it: gone, and nothing is created.
        int membersBefore = server.members(admin, meetingId).size();
        String thief = username("thief");
        HttpResponse<String> stolen = server.tryAccept(token, thief, "thief-password-123", "Thief");
        JsonNode problem = assertProblem(stolen, 410, GONE);
        assertFalse(problem.toString().contains("Invitation tests"), "a used link tells nothing: " + problem);
        assertProblem(server.send("GET", "/api/invitations/" + token, null), 410, GONE);
        assertEquals(membersBefore, server.members(admin, meetingId).size());
        assertFalse(server.members(admin, meetingId).containsKey(thief));
        assertUsernameFree(thief);

        // A signed-in person using the stolen link gains nothing either.
        JsonNode chairBefore = json(server.bearer("GET", "/api/session", chair.token(), null)).path("meetings");
        assertProblem(server.bearer("POST", "/api/invitations/" + token + "/accept", chair.token(), "{}"), 410, GONE);
        assertEquals(chairBefore, json(server.bearer("GET", "/api/session", chair.token(), null)).path("meetings"));
        assertEquals("chair", server.members(admin, meetingId).get(chair.username()).path("role").asText());
        assertEquals(userId, server.members(admin, meetingId).get(username).path("userId").asText(),
                "the first account keeps its membership");
    }

    @Test
    void anExpiredInvitationIsGoneForLookingAndForAccepting() {
        JsonNode invitation = server.invite(admin, meetingId, "observer", null, 1.0);
        String token = invitation.get("token").asText();
        Instant expiresAt = Instant.parse(invitation.path("expiresAt").asText());
        assertTrue(expiresAt.isBefore(CLOCK.instant().plus(Duration.ofMinutes(61))), "an hour: " + expiresAt);
        // Open until it expires, so the refusals below are the expiry's doing.
        HttpResponse<String> shown = server.send("GET", "/api/invitations/" + token, null);
        assertEquals(200, shown.statusCode(), shown.body());

        CLOCK.advance(Duration.ofHours(1).plusSeconds(1));
        assertTrue(CLOCK.instant().isAfter(expiresAt));
        assertProblem(server.send("GET", "/api/invitations/" + token, null), 410, GONE);
        assertProblem(server.send("GET", "/api/invitations/" + token, null), 410, GONE); // and stays gone

        String late = username("late");
        assertProblem(server.tryAccept(token, late, "late-password-1234", "Late"), 410, GONE);
        assertFalse(server.members(admin, meetingId).containsKey(late));
        assertUsernameFree(late);
        assertProblem(server.bearer("POST", "/api/invitations/" + token + "/accept", chair.token(), "{}"), 410, GONE);
        assertEquals("chair", server.members(admin, meetingId).get(chair.username()).path("role").asText());
    }

    /**
     * {@code expiresInHours} is a number of hours, fractions included: 0.01 is 36 seconds and 0.0003
     * about one second, not "zero minutes, already expired".
     */
    @Test
    void aShortLifetimeIsKeptToTheSecond() {
        Instant before = CLOCK.instant();
        JsonNode invitation = server.invite(admin, meetingId, "observer", null, 0.01);
        Instant expiresAt = Instant.parse(invitation.path("expiresAt").asText());
        Duration lifetime = Duration.between(before, expiresAt);
        assertTrue(lifetime.compareTo(Duration.ofSeconds(30)) > 0 && lifetime.compareTo(Duration.ofSeconds(40)) < 0,
                "expiresInHours 0.01 is 36 s; the invitation expires at " + expiresAt + ", " + lifetime.toMillis()
                        + " ms after it was asked for");
        HttpResponse<String> shown = server.send("GET", "/api/invitations/" + invitation.get("token").asText(), null);
        assertEquals(200, shown.statusCode(), "a 36-second invitation is open right after it was made: " + shown.body());

        Instant beforeShort = CLOCK.instant();
        JsonNode shortOne = server.invite(admin, meetingId, "observer", null, 0.0003);
        Duration shortLifetime = Duration.between(beforeShort, Instant.parse(shortOne.path("expiresAt").asText()));
        assertTrue(shortLifetime.toMillis() >= 500, "expiresInHours 0.0003 is 1.08 s; got " + shortLifetime.toMillis() + " ms");
    }

    @Test
    void anUnknownTokenIsAnsweredLikeAUsedOne() {
        String used = server.invite(admin, meetingId, "observer", null, null).get("token").asText();
        assertEquals(200, server.tryAccept(used, username("first"), "first-password-1234", "First").statusCode());
        JsonNode usedShown = assertProblem(server.send("GET", "/api/invitations/" + used, null), 410, GONE);
        JsonNode usedAccepted = assertProblem(server.tryAccept(used, username("second"), "second-password-1", "Second"),
                410, GONE);

        for (String unknown : new String[] {Tokens.newToken(), "x", "not-a-token-at-all"}) {
            JsonNode shown = assertProblem(server.send("GET", "/api/invitations/" + unknown, null), 410, GONE);
            JsonNode accepted = assertProblem(server.tryAccept(unknown, username("guess"), "guess-password-1", "Guess"),
                    410, GONE);
            assertSameProblem(usedShown, shown);
            assertSameProblem(usedAccepted, accepted);
        }
        assertProblem(server.bearer("POST", "/api/invitations/" + Tokens.newToken() + "/accept", chair.token(), "{}"),
                410, GONE);
    }

    /**
     * Accepting an unknown (or used, or expired) link must answer 410 whatever the username: a
     * "username taken" answer there would let anyone, without an invitation, find out which
     * accounts exist.
     */
    @Test
    void anUnknownTokenDoesNotTellWhichUsernamesExist() {
        String token = Tokens.newToken();
        HttpResponse<String> taken = server.tryAccept(token, "admin", "some-password-1234", "Admin?");
        assertProblem(taken, 410, GONE);
        HttpResponse<String> takenMember = server.tryAccept(token, chair.username(), "some-password-1234", "Chair?");
        assertProblem(takenMember, 410, GONE);
    }

    @Test
    void acceptingWhileSignedInAddsTheRoleToTheExistingAccount() {
        AuthServer.Member observer = server.member(admin, meetingId, "observer", null, username("observer"));
        String other = server.createMeeting(admin, "Second meeting " + NAMES.incrementAndGet());
        String token = server.invite(admin, other, "delegate", "UCLG", null).get("token").asText();

        // The account fields in the body are not read: the signed-in account takes the role.
        String ignored = username("ignored");
        HttpResponse<String> accepted = server.bearer("POST", "/api/invitations/" + token + "/accept", observer.token(),
                AuthServer.acceptBody(ignored, "ignored-password-1", "Ignored"));
        assertEquals(200, accepted.statusCode(), accepted.body());
        assertEquals(observer.userId(), json(accepted).path("id").asText());
        assertEquals(observer.username(), json(accepted).path("username").asText());

        Map<String, JsonNode> members = server.members(admin, other);
        assertEquals(1, members.size(), "no second account: " + members);
        JsonNode member = members.get(observer.username());
        assertEquals(observer.userId(), member.path("userId").asText());
        assertEquals("delegate", member.path("role").asText());
        assertEquals("UCLG", member.path("delegation").asText());
        assertUsernameFree(ignored);

        Map<String, String> roles = new HashMap<>();
        json(server.bearer("GET", "/api/session", observer.token(), null)).path("meetings")
                .forEach(m -> roles.put(m.path("id").asText(), m.path("role").asText()));
        assertEquals(Map.of(meetingId, "observer", other, "delegate"), roles);
        assertEquals(200, server.trySignIn(observer.username(), observer.password()).statusCode(),
                "the account's password is unchanged");
    }

    @Test
    void aDelegateInvitationNeedsADelegation() {
        String path = "/api/meetings/" + meetingId + "/invitations";
        assertProblem(server.tryInvite(admin, meetingId, "delegate", null, null), 400, "/problems/bad-request");
        assertProblem(server.tryInvite(chair.token(), meetingId, "delegate", null, null), 400, "/problems/bad-request");
        assertProblem(server.tryInvite(admin, meetingId, "delegate", "   ", null), 400, "/problems/bad-request");
        assertProblem(server.tryInvite(admin, meetingId, "king", null, null), 400, "/problems/bad-request");
        for (String hours : new String[] {"0", "-1", "721", "\"abc\""}) {
            assertProblem(server.bearer("POST", path, admin, "{\"role\":\"observer\",\"expiresInHours\":" + hours + "}"),
                    400, "/problems/bad-request");
        }
        assertEquals(201, server.tryInvite(admin, meetingId, "delegate", "City of Gwangju", null).statusCode());
    }

    /** No account has this username: a fresh invitation accepted with it creates one (no 409). */
    private static void assertUsernameFree(String username) {
        String token = server.invite(admin, meetingId, "observer", null, null).get("token").asText();
        HttpResponse<String> accepted = server.tryAccept(token, username, "check-password-1234", "Check");
        assertEquals(200, accepted.statusCode(), "the username " + username + " should still be free: " + accepted.body());
    }

    private static void assertSameProblem(JsonNode expected, JsonNode actual) {
        for (String field : new String[] {"type", "title", "status", "detail"}) {
            assertEquals(expected.path(field), actual.path(field), field + ": " + expected + " vs " + actual);
        }
    }
}
