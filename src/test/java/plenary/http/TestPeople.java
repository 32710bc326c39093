package plenary.http;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Accounts for tests, made through the public API as a person would: the admin (password from
 * the environment) creates a meeting, invites a rapporteur, who accepts and signs in.
 */
public final class TestPeople {
    public static final String ADMIN_PASSWORD = "admin-password-for-tests";
    public static final String DRAFTER = "drafter";
    public static final String DRAFTER_PASSWORD = "drafter-password-for-tests";

    private TestPeople() {
    }

    /** Signs in and returns the bearer token; fails the test on anything but 200. */
    public static String signIn(HttpTestClient http, String username, String password) {
        HttpResponse<String> response = trySignIn(http, username, password);
        assertEquals(200, response.statusCode(), () -> "sign-in of " + username + ": " + response.body());
        return HttpTestClient.json(response).get("token").asText();
    }

    public static HttpResponse<String> trySignIn(HttpTestClient http, String username, String password) {
        String previous = http.bearer();
        http.bearer(null);
        try {
            return http.postJson("/api/session", "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
        } finally {
            http.bearer(previous);
        }
    }

    /**
     * Makes sure a rapporteur "drafter" exists in exactly one meeting (the sample meeting when the
     * samples were loaded) and returns their token. Idempotent across restarts of one data dir.
     */
    public static String drafter(HttpTestClient http) {
        HttpResponse<String> existing = trySignIn(http, DRAFTER, DRAFTER_PASSWORD);
        if (existing.statusCode() == 200) {
            return HttpTestClient.json(existing).get("token").asText();
        }
        String admin = signIn(http, "admin", ADMIN_PASSWORD);
        String meetingId = withToken(http, admin, () -> {
            JsonNode meetings = HttpTestClient.json(http.get("/api/meetings")).get("meetings");
            if (meetings.size() > 0) {
                return meetings.get(0).get("id").asText();
            }
            HttpResponse<String> created = http.postJson("/api/meetings", "{\"name\":\"Test meeting\"}");
            assertEquals(201, created.statusCode(), created::body);
            return HttpTestClient.json(created).get("id").asText();
        });
        invite(http, admin, meetingId, "rapporteur", null, DRAFTER, DRAFTER_PASSWORD, "Drafter");
        return signIn(http, DRAFTER, DRAFTER_PASSWORD);
    }

    /** An invitation from {@code inviterToken}, accepted by a new account. Returns the new user's id. */
    public static String invite(HttpTestClient http, String inviterToken, String meetingId, String role,
                                String delegation, String username, String password, String displayName) {
        String token = withToken(http, inviterToken, () -> {
            HttpResponse<String> invitation = http.postJson("/api/meetings/" + meetingId + "/invitations",
                    "{\"role\":\"" + role + "\"" + (delegation == null ? "" : ",\"delegation\":\"" + delegation + "\"") + "}");
            assertEquals(201, invitation.statusCode(), invitation::body);
            return HttpTestClient.json(invitation).get("token").asText();
        });
        return withToken(http, null, () -> {
            HttpResponse<String> accepted = http.postJson("/api/invitations/" + token + "/accept",
                    "{\"username\":\"" + username + "\",\"password\":\"" + password + "\",\"displayName\":\""
                            + displayName + "\"}");
            assertEquals(200, accepted.statusCode(), accepted::body);
            return HttpTestClient.json(accepted).get("id").asText();
        });
    }

    public static <T> T withToken(HttpTestClient http, String token, java.util.function.Supplier<T> work) {
        String previous = http.bearer();
        http.bearer(token);
        try {
            return work.get();
        } finally {
            http.bearer(previous);
        }
    }
}
