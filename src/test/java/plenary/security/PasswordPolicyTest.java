package plenary.security;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import plenary.http.HttpTestClient;
import plenary.http.RunningServer;
import plenary.http.TestPeople;
import plenary.people.PasswordRules;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15, item 10: "aaaaaaaaaaaa" was accepted. Trivial and breached passwords are refused
 * wherever a password is chosen (accepting an invitation, changing one's password), while ordinary
 * passphrases pass.
 */
@Tag("integration")
class PasswordPolicyTest {
    /** Refused, with the reason each is refused for. */
    private static final Map<String, String> REFUSED = new LinkedHashMap<>();

    static {
        REFUSED.put("aaaaaaaaaaaa", "repetition");
        REFUSED.put("🌍🌍🌍🌍🌍🌍🌍🌍🌍🌍🌍🌍", "repetition");
        REFUSED.put("abcabcabcabc", "repetition");
        REFUSED.put("abcdabcdabcd", "repetition");
        REFUSED.put("121212121212", "repetition");
        REFUSED.put("passwordpassword", "repetition");
        REFUSED.put("aaaaaaaaaaab", "repetition");
        REFUSED.put("123456789012", "sequence");
        REFUSED.put("qwertyuiop12", "common");
        REFUSED.put("abcdefghijkl", "sequence");
        REFUSED.put("9876543210987", "sequence");
        REFUSED.put("zyxwvutsrqpo", "sequence");
        REFUSED.put("azertyuiopqs", "sequence");
        REFUSED.put("aaaabbbbcccc", "repetition");
        REFUSED.put("aaaabbbbccccdddd", "sequence");
        REFUSED.put("1qaz2wsx3edc", "common");
        REFUSED.put("qwerty123456", "common");
        REFUSED.put("Password2024!", "common");
        REFUSED.put("iloveyou1234", "common");
        REFUSED.put("!!Sunshine!!12", "common");
        REFUSED.put("football12345", "common");
        REFUSED.put("short", "too-short");
        REFUSED.put("x".repeat(129), "too-long");
    }

    private static final List<String> ACCEPTED = List.of("twelve chars", "correct horse battery", "gavel-and-agenda-9",
            "password-of-chair", "Graz 2026 outcome!", "quiero votar en contra", "мир-дружба-жвачка",
            "🌍🎉🐢🍕🚲🎈🌵🍩🐙🎻🧭🪁", "Xk8#p2!Lq0$v");

    @Test
    void trivialAndCommonPasswordsAreRefusedAndPassphrasesPass() {
        REFUSED.forEach((password, reason) -> {
            var refusal = PasswordRules.check("ana", password);
            assertTrue(refusal.isPresent(), password + " was accepted");
            assertEquals(reason, refusal.get().reason(), password + ": " + refusal.get().detail());
        });
        for (String password : ACCEPTED) {
            assertEquals(java.util.Optional.empty(), PasswordRules.check("ana", password), password);
        }
        assertEquals("username", PasswordRules.check("chair", "Chair2026!!!!").orElseThrow().reason());
        assertEquals("username", PasswordRules.check("longusername1", "LONGUSERNAME1").orElseThrow().reason());
    }

    @Test
    void anInvitationCannotBeAcceptedWithATrivialPassword(@TempDir Path dir) throws Exception {
        try (RunningServer server = RunningServer.start(dir, "--no-samples")) {
            HttpTestClient http = server.http();
            String admin = TestPeople.signIn(http, "admin", TestPeople.ADMIN_PASSWORD);
            String meeting = TestPeople.withToken(http, admin, () -> HttpTestClient.json(
                    http.postJson("/api/meetings", "{\"name\":\"Policy\"}")).get("id").asText());
            String invitation = TestPeople.withToken(http, admin, () -> HttpTestClient.json(http.postJson(
                    "/api/meetings/" + meeting + "/invitations", "{\"role\":\"observer\"}")).get("token").asText());
            for (String weak : List.of("aaaaaaaaaaaa", "Password2024!", "qwertyuiop12", "123456789012")) {
                HttpResponse<String> refused = TestPeople.withToken(http, null, () -> http.postJson(
                        "/api/invitations/" + invitation + "/accept", HttpTestClient.JSON.createObjectNode()
                                .put("username", "newcomer").put("password", weak).put("displayName", "New").toString()));
                assertEquals(422, refused.statusCode(), weak + ": " + refused.body());
                JsonNode problem = HttpTestClient.json(refused);
                assertEquals("/problems/unprocessable-content", problem.path("type").asText());
                assertFalse(refused.body().contains(weak), "the password is not echoed: " + refused.body());
            }
            HttpResponse<String> accepted = TestPeople.withToken(http, null, () -> http.postJson(
                    "/api/invitations/" + invitation + "/accept", HttpTestClient.JSON.createObjectNode()
                            .put("username", "newcomer").put("password", "harbour-lights-at-dusk")
                            .put("displayName", "New").toString()));
            assertEquals(200, accepted.statusCode(), accepted.body());
        }
    }

    @Test
    void aTrivialNewPasswordIsRefusedWhenChangingOne(@TempDir Path dir) throws Exception {
        try (RunningServer server = RunningServer.start(dir, "--no-samples")) {
            HttpTestClient http = server.http();
            for (String weak : List.of("aaaaaaaaaaaa", "iloveyou1234", "drafter2026!!", "abcdefghijkl")) {
                HttpResponse<String> refused = http.putJson("/api/session/password", HttpTestClient.JSON.createObjectNode()
                        .put("currentPassword", TestPeople.DRAFTER_PASSWORD).put("newPassword", weak).toString());
                assertEquals(422, refused.statusCode(), weak + ": " + refused.body());
                assertEquals("/problems/unprocessable-content", HttpTestClient.json(refused).path("type").asText());
            }
            assertEquals(200, TestPeople.trySignIn(http, TestPeople.DRAFTER, TestPeople.DRAFTER_PASSWORD).statusCode(),
                    "the password is unchanged");
        }
    }
}
