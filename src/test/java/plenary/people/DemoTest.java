package plenary.people;

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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static plenary.people.AuthServer.assertProblem;
import static plenary.people.AuthServer.json;

/** {@code --demo}: one account per role in the sample meeting, with the published password; none without it. */
@Tag("integration")
class DemoTest {
    private static final String PASSWORD = "plenary-demo-2026";
    private static final String SAMPLE_MEETING = "Human Rights Go Local 2022 (sample)";
    /** username → role, delegation (null when none). */
    private static final Map<String, String[]> ACCOUNTS = accounts();

    private static Map<String, String[]> accounts() {
        Map<String, String[]> accounts = new LinkedHashMap<>();
        accounts.put("chair", new String[] {"chair", null});
        accounts.put("rapporteur", new String[] {"rapporteur", null});
        accounts.put("graz", new String[] {"delegate", "City of Graz"});
        accounts.put("gwangju", new String[] {"delegate", "Gwangju Metropolitan City"});
        accounts.put("uclg", new String[] {"delegate", "UCLG"});
        accounts.put("observer", new String[] {"observer", null});
        return accounts;
    }

    @Test
    void withDemoEveryRoleSignsInToTheSampleMeeting(@TempDir Path dir) throws Exception {
        try (AuthServer server = AuthServer.start(dir, "--demo")) {
            String admin = server.adminToken();
            JsonNode meetings = json(server.bearer("GET", "/api/meetings", admin, null)).path("meetings");
            assertEquals(1, meetings.size(), meetings.toString());
            String sample = meetings.get(0).path("id").asText();
            assertEquals(SAMPLE_MEETING, meetings.get(0).path("name").asText());
            String document = server.firstDocument(admin, sample);

            for (Map.Entry<String, String[]> account : ACCOUNTS.entrySet()) {
                String username = account.getKey();
                JsonNode signedIn = server.signIn(username, PASSWORD);
                assertFalse(signedIn.path("admin").asBoolean(), username + " is no admin");
                String token = signedIn.path("token").asText();
                JsonNode me = json(server.bearer("GET", "/api/session", token, null));
                assertEquals(username, me.path("username").asText());
                assertFalse(me.path("displayName").asText().isBlank(), me.toString());
                JsonNode mine = me.path("meetings");
                assertEquals(1, mine.size(), username + ": " + mine);
                assertEquals(sample, mine.get(0).path("id").asText(), username + ": " + mine);
                assertEquals(account.getValue()[0], mine.get(0).path("role").asText(), username + ": " + mine);
                // The meetings list names the delegation each person speaks for (the page tells its own amendments by it).
                JsonNode listed = json(server.bearer("GET", "/api/meetings", token, null)).path("meetings").get(0);
                assertEquals(account.getValue()[1], listed.path("delegation").isNull() ? null : listed.path("delegation").asText(),
                        username + ": " + listed);
                assertEquals(200, server.bearer("GET", "/api/documents/" + document, token, null).statusCode(),
                        username + " reads the sample drafts");
            }

            Map<String, JsonNode> members = server.members(admin, sample);
            assertEquals(ACCOUNTS.keySet(), members.keySet());
            for (Map.Entry<String, String[]> account : ACCOUNTS.entrySet()) {
                JsonNode member = members.get(account.getKey());
                assertEquals(account.getValue()[0], member.path("role").asText(), member.toString());
                String delegation = account.getValue()[1];
                if (delegation == null) {
                    assertTrue(member.path("delegation").isNull() || member.path("delegation").isMissingNode(),
                            member.toString());
                } else {
                    assertEquals(delegation, member.path("delegation").asText(), member.toString());
                }
            }
        }
    }

    @Test
    void withoutDemoNoneOfTheDemoAccountsExists(@TempDir Path dir) throws Exception {
        try (AuthServer server = AuthServer.start(dir)) {
            String admin = server.adminToken();
            String sample = server.firstMeeting(admin);
            assertTrue(server.members(admin, sample).isEmpty(), "the sample meeting has no members");
            // Five attempts only: a sixth failure from 127.0.0.1 would meet the sign-in throttle.
            for (String username : List.copyOf(ACCOUNTS.keySet()).subList(0, 5)) {
                HttpResponse<String> refused = server.trySignIn(username, PASSWORD);
                assertProblem(refused, 401, "/problems/bad-credentials");
            }
        }
        assertEquals(Set.of("admin"), usernames(dir), "no demo account in the store");
    }

    /**
     * The README: "--demo adds one account per role to the sample meeting". A data dir first started
     * without --demo already has its sample meeting; starting it again with --demo should add them.
     */
    @Test
    void demoAccountsAreAddedWhenAnExistingStoreIsStartedWithDemo(@TempDir Path dir) throws Exception {
        try (AuthServer server = AuthServer.start(dir)) {
            server.adminToken();
        }
        try (AuthServer server = AuthServer.start(dir, "--demo")) {
            String admin = server.adminToken();
            String sample = server.firstMeeting(admin);
            assertEquals(ACCOUNTS.keySet(), server.members(admin, sample).keySet(),
                    "the demo accounts in the sample meeting after a restart with --demo");
            assertEquals(200, server.trySignIn("chair", PASSWORD).statusCode());
        }
    }

    private static Set<String> usernames(Path dir) throws Exception {
        Set<String> names = new HashSet<>();
        try (Connection c = DriverManager.getConnection(PasswordStorageTest.h2Url(dir));
             Statement q = c.createStatement();
             ResultSet rs = q.executeQuery("SELECT username FROM users")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
