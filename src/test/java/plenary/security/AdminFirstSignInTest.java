package plenary.security;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import plenary.http.HttpTestClient;
import plenary.http.RunningServer;
import plenary.http.TestPeople;
import plenary.server.ChildServer;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15, item 10: the admin password printed at first start could never be rotated, so whoever
 * read the log (a log collector, a shared terminal) was admin for good. Now that password only
 * serves to choose a new one: the API gives no session for it, and says why.
 */
@Tag("integration")
class AdminFirstSignInTest {
    private static final Pattern SHOWN_ONCE = Pattern.compile("shown only this once: (\\S+)");
    private static final String CHOSEN = "the-admins-own-choice-7";

    @Test
    void aGeneratedAdminPasswordMustBeReplacedBeforeAnythingElse(@TempDir Path dir, @TempDir Path logs) throws Exception {
        String generated;
        try (ChildServer child = ChildServer.startWithAdminPassword(dir, logs.resolve("first.log"), null, "--no-samples");
             HttpTestClient http = new HttpTestClient(child.baseUri())) {
            Matcher shown = SHOWN_ONCE.matcher(child.output());
            assertTrue(shown.find(), child.output());
            generated = shown.group(1);

            // Whoever has the printed password gets no session with it: only the way to replace it.
            HttpResponse<String> signIn = signIn(http, "admin", generated);
            assertEquals(403, signIn.statusCode(), signIn.body());
            JsonNode problem = HttpTestClient.json(signIn);
            assertEquals("/problems/password-change-required", problem.path("type").asText());
            assertTrue(problem.path("detail").asText().contains("/api/session/password"), problem.toString());
            assertFalse(signIn.body().contains("token"), signIn.body());
            assertTrue(signIn.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith("plenary_session=")),
                    "no session cookie: " + signIn.headers().map());
            assertEquals(401, http.get("/api/session").statusCode());
            assertEquals(401, http.postJson("/api/meetings", "{\"name\":\"Too early\"}").statusCode());
            // A wrong password still says only "wrong", so this does not reveal which accounts must change.
            assertEquals(401, signIn(http, "admin", "not-the-generated-one").statusCode());

            // The replacement must follow the rules and differ from the printed one.
            assertEquals(422, change(http, generated, generated).statusCode());
            assertEquals(422, change(http, generated, "aaaaaaaaaaaa").statusCode());
            assertEquals(401, change(http, "not-the-generated-one", CHOSEN).statusCode());
            HttpResponse<String> changed = change(http, generated, CHOSEN);
            assertEquals(204, changed.statusCode(), changed.body());

            assertEquals(401, signIn(http, "admin", generated).statusCode(), "the printed password is dead");
            HttpResponse<String> admin = signIn(http, "admin", CHOSEN);
            assertEquals(200, admin.statusCode(), admin.body());
            http.bearer(HttpTestClient.json(admin).get("token").asText());
            assertEquals(201, http.postJson("/api/meetings", "{\"name\":\"First meeting\"}").statusCode());
            child.stop();
        }
        try (ChildServer child = ChildServer.startWithAdminPassword(dir, logs.resolve("second.log"), null, "--no-samples");
             HttpTestClient http = new HttpTestClient(child.baseUri())) {
            assertEquals(200, signIn(http, "admin", CHOSEN).statusCode(), "the chosen password survives a restart");
            assertFalse(child.output().contains(generated));
            child.stop();
        }
    }

    @Test
    void aPasswordGivenInTheEnvironmentNeedsNoChange(@TempDir Path dir) throws Exception {
        // RunningServer sets PLENARY_ADMIN_PASSWORD: chosen by the operator, never printed.
        try (RunningServer server = RunningServer.start(dir, "--no-samples")) {
            assertEquals(200, TestPeople.trySignIn(server.http(), "admin", TestPeople.ADMIN_PASSWORD).statusCode());
        }
    }

    private static HttpResponse<String> signIn(HttpTestClient http, String username, String password) {
        return http.postJson("/api/session", SignInRequests.signInBody(username, password));
    }

    private static HttpResponse<String> change(HttpTestClient http, String current, String fresh) {
        return http.putJson("/api/session/password", HttpTestClient.JSON.createObjectNode().put("username", "admin")
                .put("currentPassword", current).put("newPassword", fresh).toString());
    }
}
