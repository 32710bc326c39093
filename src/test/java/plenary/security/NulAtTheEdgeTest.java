package plenary.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import plenary.http.HttpTestClient;
import plenary.http.RunningServer;
import plenary.http.StorableText;
import plenary.http.TestPeople;
import plenary.store.TestPostgres;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15, item 12: a NUL (U+0000) in a sign-in name or a meeting name was a 500 on PostgreSQL
 * (whose text type cannot hold it) while H2 stored it. Every JSON body is now screened where it is
 * read, so both stores answer the same 422 and store nothing; lone surrogates, which no store can
 * encode, likewise. The bodies are written with JSON escapes, as an attacker's script would.
 */
@Tag("integration")
class NulAtTheEdgeTest {
    @Test
    void onH2(@TempDir Path dir) throws Exception {
        try (RunningServer server = RunningServer.start(dir, "--no-samples")) {
            attack(server);
        }
    }

    @Test
    void onPostgresql(@TempDir Path dir) throws Exception {
        TestPostgres.Db db = TestPostgres.get().createDatabase();
        try (RunningServer server = RunningServer.start(dir, "--no-samples", "--db-url", db.url(), "--db-user", db.user())) {
            attack(server);
        }
    }

    private static void attack(RunningServer server) {
        HttpTestClient http = server.http();
        // Sign-in names and passwords, before any lookup.
        for (String body : List.of("{\"username\":\"admin\\u0000\",\"password\":\"whatever-it-is-1\"}",
                "{\"username\":\"\\u0000\",\"password\":\"whatever-it-is-1\"}",
                "{\"username\":\"admin\",\"password\":\"pass\\u0000word-long-one\"}",
                "{\"username\":\"ad\\ud800min\",\"password\":\"whatever-it-is-1\"}")) {
            refused(TestPeople.withToken(http, null, () -> http.postJson("/api/session", body)), body);
        }
        String admin = TestPeople.signIn(http, "admin", TestPeople.ADMIN_PASSWORD);
        http.bearer(admin);
        int meetingsBefore = HttpTestClient.json(http.get("/api/meetings")).path("meetings").size();
        // A meeting name, a lone low surrogate, a NUL in a field name and deep in an array.
        refused(http.postJson("/api/meetings", "{\"name\":\"Plenary\\u0000 2026\"}"), "meeting name");
        refused(http.postJson("/api/meetings", "{\"name\":\"Plenary \\udc00\"}"), "lone surrogate");
        refused(http.postJson("/api/meetings", "{\"name\":\"Plenary\",\"na\\u0000me\":1}"), "field name");
        JsonNode nested = refused(http.postJson("/api/meetings", "{\"name\":\"P\",\"x\":[{\"y\":[\"ok\",\"no\\u0000\"]}]}"),
                "nested");
        assertTrue(nested.path("detail").asText().contains("x[0].y[1]"), nested.toString());
        // A password change and an invitation: every JSON route is screened in the same place.
        refused(http.putJson("/api/session/password", "{\"currentPassword\":\"" + TestPeople.ADMIN_PASSWORD
                + "\",\"newPassword\":\"new-password-\\u0000-here\"}"), "new password");
        HttpResponse<String> meetings = http.get("/api/meetings");
        assertEquals(meetingsBefore, HttpTestClient.json(meetings).path("meetings").size(),
                "nothing was stored: " + meetings.body());

        // Text outside the Basic Multilingual Plane (a surrogate pair) is text: it is stored and read back.
        HttpResponse<String> created = http.postJson("/api/meetings", "{\"name\":\"Plenary \\ud83c\\udf0d 2026\"}");
        assertEquals(201, created.statusCode(), created.body());
        String id = HttpTestClient.json(created).get("id").asText();
        assertEquals("Plenary \uD83C\uDF0D 2026", HttpTestClient.json(http.get("/api/meetings/" + id)).path("name").asText());
        refused(http.postJson("/api/meetings/" + id + "/invitations", "{\"role\":\"delegate\",\"delegation\":\"Graz\\u0000\"}"),
                "delegation");
        // The server is well after all of it.
        assertEquals(200, http.get("/health").statusCode());
        assertEquals(200, TestPeople.trySignIn(http, "admin", TestPeople.ADMIN_PASSWORD).statusCode());
    }

    private static JsonNode refused(HttpResponse<String> response, String what) {
        assertEquals(422, response.statusCode(), what + ": " + response.body());
        JsonNode problem = HttpTestClient.json(response);
        assertEquals("/problems/invalid-character", problem.path("type").asText(), what + ": " + problem);
        assertFalse(problem.path("detail").asText().isEmpty());
        return problem;
    }

    /**
     * Ids and query words reach SQL too. {@link StorableText#screen} refuses them before any route
     * (mounted on /api/* by the router): here on a router of its own.
     */
    @Test
    void pathsAndQueryParametersAreScreenedToo() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (HttpTestClient http = startScreened(vertx)) {
            assertEquals(200, http.get("/api/meetings/abc?q=words").statusCode());
            for (String path : List.of("/api/meetings/ab%00c", "/api/search?q=a%00b", "/api/search?q%00=1")) {
                HttpResponse<String> answer = http.get(path);
                assertEquals(422, answer.statusCode(), path + ": " + answer.body());
                assertTrue(answer.body().contains("/problems/invalid-character"), answer.body());
            }
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    private static HttpTestClient startScreened(Vertx vertx) throws Exception {
        Router router = Router.router(vertx);
        router.route("/api/*").handler(StorableText::screen);
        router.route("/api/*").handler(ctx -> ctx.response().end("{}"));
        router.route().failureHandler(ctx -> {
            plenary.http.Problem problem = ((plenary.http.ProblemException) ctx.failure()).problem();
            ctx.response().setStatusCode(problem.status()).end(problem.toJson(ctx.request().path()).encode());
        });
        HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
        return new HttpTestClient(URI.create("http://127.0.0.1:" + server.actualPort() + "/"));
    }
}
