package plenary.http;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rapporteur accounts by display name, for tests where several people edit: the live protocol
 * takes a person's name from their account, so each name a test uses becomes an account (made
 * through the public invitation flow) in the drafter's meeting.
 */
public final class TestAccounts {
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    private TestAccounts() {
    }

    /** A valid bearer token for {@code displayName} (null: the drafter) on the server at {@code port}. */
    public static String token(int port, String displayName) {
        String key = port + "|" + displayName;
        try (HttpTestClient http = new HttpTestClient(URI.create("http://127.0.0.1:" + port + "/"))) {
            String cached = TOKENS.get(key);
            // A port may belong to a newer server with another store: check the token still works.
            if (cached != null && TestPeople.withToken(http, cached, () -> http.get("/api/session").statusCode()) == 200) {
                return cached;
            }
            String token = create(http, displayName);
            TOKENS.put(key, token);
            return token;
        }
    }

    private static String create(HttpTestClient http, String displayName) {
        String drafter = TestPeople.drafter(http);
        if (displayName == null || displayName.equals("Drafter")) {
            return drafter;
        }
        String username = displayName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        username = (username.length() < 2 ? "user-" + username : username);
        username = username.substring(0, Math.min(username.length(), 60));
        String password = "password-of-" + username;
        String meetingId = TestPeople.withToken(http, drafter,
                () -> HttpTestClient.json(http.get("/api/meetings")).get("meetings").get(0).get("id").asText());
        String admin = TestPeople.signIn(http, "admin", TestPeople.ADMIN_PASSWORD);
        String name = username;
        boolean exists = TestPeople.withToken(http, admin, () -> {
            HttpResponse<String> members = http.get("/api/meetings/" + meetingId + "/members");
            for (JsonNode member : HttpTestClient.json(members).get("members")) {
                if (member.get("username").asText().equals(name)) {
                    return true;
                }
            }
            return false;
        });
        if (!exists) {
            TestPeople.invite(http, admin, meetingId, "rapporteur", null, username, password, displayName);
        }
        return TestPeople.signIn(http, username, password);
    }
}
