package plenary.people;

import plenary.server.ChildServer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static plenary.people.AuthServer.assertProblem;
import static plenary.people.AuthServer.json;

/**
 * Passwords are stored only as Argon2id hashes, never sent back, never logged; the first admin's
 * generated password is shown once; short passwords are refused.
 */
@Tag("integration")
class PasswordStorageTest {
    private static final Pattern SHOWN_ONCE = Pattern.compile("shown only this once: (\\S+)");

    @Test
    void storedHashesAreArgon2idAndNoAnswerCarriesAPassword(@TempDir Path dir) throws Exception {
        List<String> passwords = new ArrayList<>(List.of(AuthServer.ADMIN_PASSWORD));
        List<String> bearerTokens = new ArrayList<>();
        List<String> invitationTokens = new ArrayList<>();
        List<HttpResponse<String>> answers = new ArrayList<>();
        try (AuthServer server = AuthServer.start(dir, "--no-samples")) {
            HttpResponse<String> adminSignIn = server.trySignIn("admin", AuthServer.ADMIN_PASSWORD);
            answers.add(adminSignIn);
            String admin = json(adminSignIn).get("token").asText();
            bearerTokens.add(admin);
            String meeting = server.createMeeting(admin, "Password storage");

            // Two accounts with the same password, one with its own.
            String shared = "the-same-password-for-two";
            String[][] accounts = {{"twin-one", shared}, {"twin-two", shared}, {"single", "a-password-of-its-own"}};
            for (String[] account : accounts) {
                passwords.add(account[1]);
                HttpResponse<String> invited = server.tryInvite(admin, meeting, "rapporteur", null, null);
                answers.add(invited);
                String invitation = json(invited).get("token").asText();
                invitationTokens.add(invitation);
                answers.add(server.send("GET", "/api/invitations/" + invitation, null));
                HttpResponse<String> accepted = server.tryAccept(invitation, account[0], account[1], "Person " + account[0]);
                assertEquals(200, accepted.statusCode(), accepted.body());
                answers.add(accepted);
                HttpResponse<String> signedIn = server.trySignIn(account[0], account[1]);
                assertEquals(200, signedIn.statusCode(), signedIn.body());
                answers.add(signedIn);
                String token = json(signedIn).get("token").asText();
                bearerTokens.add(token);
                answers.add(server.bearer("GET", "/api/session", token, null));
                answers.add(server.bearer("GET", "/api/meetings/" + meeting + "/members", token, null));
            }
            answers.add(server.bearer("GET", "/api/session", admin, null));
            answers.add(server.bearer("GET", "/api/meetings/" + meeting + "/members", admin, null));
            answers.add(server.bearer("GET", "/api/meetings", admin, null));
            // A refused accept (password too short) echoes nothing back either.
            String refusedPassword = "tiny-pass";
            passwords.add(refusedPassword);
            String invitation = server.invite(admin, meeting, "observer", null, null).get("token").asText();
            answers.add(server.tryAccept(invitation, "refused", refusedPassword, "Refused"));
        }
        for (HttpResponse<String> answer : answers) {
            String text = answer.headers().map() + "\n" + answer.body();
            for (String password : passwords) {
                assertFalse(text.contains(password), () -> "the password " + password + " is in the answer to "
                        + answer.request().method() + " " + answer.uri().getPath() + ": " + text);
            }
            assertFalse(text.contains("$argon2"), () -> "a hash in " + answer.uri().getPath() + ": " + text);
            if (answer.body().startsWith("{")) {
                SessionSecurityTest.assertNoSecretIn(json(answer), AuthServer.ADMIN_PASSWORD);
            }
        }

        // The server is closed: read its store directly.
        Map<String, String> hashes = new LinkedHashMap<>();
        Set<String> sessionHashes = new HashSet<>();
        Set<String> invitationHashes = new HashSet<>();
        try (Connection c = DriverManager.getConnection(h2Url(dir)); Statement q = c.createStatement()) {
            try (ResultSet rs = q.executeQuery("SELECT username, password_hash FROM users")) {
                while (rs.next()) {
                    hashes.put(rs.getString(1), rs.getString(2));
                }
            }
            try (ResultSet rs = q.executeQuery("SELECT token_hash FROM sessions")) {
                while (rs.next()) {
                    sessionHashes.add(rs.getString(1));
                }
            }
            try (ResultSet rs = q.executeQuery("SELECT token_hash FROM invitations")) {
                while (rs.next()) {
                    invitationHashes.add(rs.getString(1));
                }
            }
        }
        assertEquals(Set.of("admin", "twin-one", "twin-two", "single"), hashes.keySet(),
                "the refused accept created no account");
        PasswordHasher hasher = new PasswordHasher();
        for (Map.Entry<String, String> entry : hashes.entrySet()) {
            String hash = entry.getValue();
            assertTrue(hash.startsWith("$argon2id$v=19$"), entry.getKey() + ": " + hash);
            for (String password : passwords) {
                assertFalse(hash.contains(password), entry.getKey() + "'s hash contains a password: " + hash);
            }
        }
        assertTrue(hasher.verify(AuthServer.ADMIN_PASSWORD, hashes.get("admin")));
        assertTrue(hasher.verify("the-same-password-for-two", hashes.get("twin-one")));
        assertNotEquals(hashes.get("twin-one"), hashes.get("twin-two"), "each hash has its own salt");

        // Session and invitation tokens are stored only as SHA-256 hashes.
        assertEquals(bearerTokens.size(), sessionHashes.size(), sessionHashes.toString());
        for (String token : bearerTokens) {
            assertFalse(sessionHashes.contains(token), "a session token is stored as it is");
            assertTrue(sessionHashes.contains(Tokens.hash(token)), "no hash for a session");
        }
        for (String token : invitationTokens) {
            assertFalse(invitationHashes.contains(token), "an invitation token is stored as it is");
            assertTrue(invitationHashes.contains(Tokens.hash(token)));
        }
    }

    @Test
    void shortPasswordsAreRefusedWhenAcceptingAnInvitation(@TempDir Path dir) throws Exception {
        try (AuthServer server = AuthServer.start(dir, "--no-samples")) {
            String admin = server.adminToken();
            String meeting = server.createMeeting(admin, "Password rules");
            String token = server.invite(admin, meeting, "observer", null, null).get("token").asText();
            Map<String, String> refused = new LinkedHashMap<>();
            refused.put("newcomer", "short");
            refused.put("newcomer-2", "elevenchars");
            refused.put("longusername1", "LONGUSERNAME1");
            refused.put("newcomer-3", "x".repeat(129));
            for (Map.Entry<String, String> attempt : refused.entrySet()) {
                HttpResponse<String> answer = server.tryAccept(token, attempt.getKey(), attempt.getValue(), "Newcomer");
                JsonNode problem = assertProblem(answer, 422, "/problems/unprocessable-content");
                assertFalse(problem.path("detail").asText().isEmpty(), problem.toString());
                assertFalse(answer.body().contains(attempt.getValue()), answer.body());
            }
            assertProblem(server.send("POST", "/api/invitations/" + token + "/accept",
                    "{\"username\":\"newcomer\",\"displayName\":\"Newcomer\"}"), 422, "/problems/unprocessable-content");

            // Refusals used nothing up: the invitation is still open, and no account was made.
            assertEquals(200, server.send("GET", "/api/invitations/" + token, null).statusCode());
            assertTrue(server.members(admin, meeting).isEmpty());
            HttpResponse<String> twelve = server.tryAccept(token, "newcomer", "twelve chars", "Newcomer");
            assertEquals(200, twelve.statusCode(), "twelve characters are enough: " + twelve.body());
            assertEquals(200, server.trySignIn("newcomer", "twelve chars").statusCode());
        }
    }

    @Test
    void passwordsNeverAppearInTheLogs(@TempDir Path dir, @TempDir Path logs) throws Exception {
        String adminPassword = "admin-secret-" + Tokens.newToken().substring(0, 10);
        String wrongPassword = "wrong-secret-" + Tokens.newToken().substring(0, 10);
        String inviteePassword = "invitee-secret-" + Tokens.newToken().substring(0, 10);
        String shortPassword = "sh0rt-" + Tokens.newToken().substring(0, 4);
        List<String> secrets = new ArrayList<>(List.of(adminPassword, wrongPassword, inviteePassword, shortPassword));
        Path log = logs.resolve("child.log");
        try (ChildServer child = ChildServer.startWithAdminPassword(dir, log, adminPassword, "--no-samples");
             AuthServer http = AuthServer.remote(child.port())) {
            String admin = http.token("admin", adminPassword);
            secrets.add(admin);
            assertProblem(http.trySignIn("admin", wrongPassword), 401, "/problems/bad-credentials");
            String meeting = http.createMeeting(admin, "Logging");
            String invitation = http.invite(admin, meeting, "delegate", "City of Logs", null).get("token").asText();
            secrets.add(invitation);
            assertProblem(http.tryAccept(invitation, "invitee", shortPassword, "Invitee"), 422,
                    "/problems/unprocessable-content");
            assertEquals(200, http.tryAccept(invitation, "invitee", inviteePassword, "Invitee").statusCode());
            String invitee = http.token("invitee", inviteePassword);
            secrets.add(invitee);
            assertEquals(204, http.bearer("DELETE", "/api/session", invitee, null).statusCode());
            child.stop();
        }
        String output = java.nio.file.Files.readString(log);
        assertTrue(output.contains("Plenary listening on"), "the log was captured:\n" + output);
        assertTrue(output.contains("PLENARY_ADMIN_PASSWORD"), "the bootstrap was logged:\n" + output);
        assertFalse(output.contains("shown only this once"), "a configured password is never shown:\n" + output);
        for (String secret : secrets) {
            assertFalse(output.contains(secret), "the log contains the secret " + secret + ":\n" + output);
        }
    }

    @Test
    void aGeneratedAdminPasswordIsShownOnceAndWorks(@TempDir Path dir, @TempDir Path logs) throws Exception {
        Path firstLog = logs.resolve("first.log");
        String password;
        try (ChildServer child = ChildServer.startWithAdminPassword(dir, firstLog, null, "--no-samples");
             AuthServer http = AuthServer.remote(child.port())) {
            String output = child.output();
            Matcher shown = SHOWN_ONCE.matcher(output);
            assertTrue(shown.find(), "the generated password is shown:\n" + output);
            password = shown.group(1);
            assertFalse(shown.find(), "the password is shown once only:\n" + output);
            assertEquals(1, occurrences(output, password), "the password appears once:\n" + output);
            assertTrue(password.length() >= PasswordRules.MIN_LENGTH, password);

            // It works, for one thing: choosing a new password (plenary.security.AdminFirstSignInTest).
            assertProblem(http.trySignIn("admin", password), 403, "/problems/password-change-required");
            child.stop();
            assertEquals(1, occurrences(child.output(), password), "shown once in the whole run:\n" + child.output());
        }

        Path secondLog = logs.resolve("second.log");
        try (ChildServer child = ChildServer.startWithAdminPassword(dir, secondLog, null, "--no-samples");
             AuthServer http = AuthServer.remote(child.port())) {
            assertProblem(http.trySignIn("admin", password), 403, "/problems/password-change-required");
            child.stop();
            String output = child.output();
            assertFalse(output.contains("shown only this once"), "not shown again after a restart:\n" + output);
            assertFalse(output.contains(password), "the password is not printed again:\n" + output);
        }
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            count++;
        }
        return count;
    }

    static String h2Url(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("plenary") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
    }
}
