package plenary.people;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import plenary.http.AdjustableClock;
import plenary.http.HttpTestClient;
import plenary.http.RunningServer;
import plenary.http.TestPeople;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 17: every API request read its session from the database (two queries and a worker's turn).
 * A session is now looked up once and then served from the server's cache, and what ends it still
 * counts at once: a sign-out, a password change that ends the account's other sessions, its expiry.
 */
@Tag("integration")
class SessionCacheTest {
    private static final String SCRAPE = "scrape-token-for-the-session-cache";
    private static final int REQUESTS = 10;

    @TempDir
    Path dir;

    @Test
    void aSessionIsLookedUpOnceThenServedFromTheCacheUntilItEnds() throws Exception {
        AdjustableClock clock = new AdjustableClock();
        try (RunningServer server = RunningServer.startWith(dir.resolve("data"), Map.of("PLENARY_METRICS_TOKEN", SCRAPE),
                clock, "--no-samples")) {
            HttpTestClient http = server.http();
            String first = TestPeople.signIn(http, TestPeople.DRAFTER, TestPeople.DRAFTER_PASSWORD);
            String second = TestPeople.signIn(http, TestPeople.DRAFTER, TestPeople.DRAFTER_PASSWORD);

            double storeBefore = lookups(server, "store");
            double cacheBefore = lookups(server, "cache");
            for (int i = 0; i < REQUESTS; i++) {
                assertEquals(200, as(http, first, () -> http.get("/api/documents")).statusCode());
            }
            assertEquals(storeBefore + 1, lookups(server, "store"), "one lookup in the store");
            assertEquals(cacheBefore + REQUESTS - 1, lookups(server, "cache"), "the others from the cache");

            // A password change through the first session ends the second, cached, at once.
            assertEquals(200, as(http, second, () -> http.get("/api/session")).statusCode());
            assertEquals(200, as(http, second, () -> http.get("/api/session")).statusCode(), "cached now");
            HttpResponse<String> changed = as(http, first, () -> http.putJson("/api/session/password",
                    "{\"currentPassword\":\"" + TestPeople.DRAFTER_PASSWORD + "\",\"newPassword\":\"a-new-password-for-the-cache\"}"));
            assertEquals(204, changed.statusCode(), changed.body());
            assertEquals(401, as(http, second, () -> http.get("/api/session")).statusCode(), "the other session ended");
            assertEquals(200, as(http, first, () -> http.get("/api/session")).statusCode(), "the changing session holds");

            // Signing out ends the cached session before the answer.
            String third = TestPeople.signIn(http, TestPeople.DRAFTER, "a-new-password-for-the-cache");
            assertEquals(200, as(http, third, () -> http.get("/api/session")).statusCode());
            assertEquals(204, as(http, third, () -> http.delete("/api/session")).statusCode());
            assertEquals(401, as(http, third, () -> http.get("/api/session")).statusCode(), "signed out");

            // The first session, cached a moment ago, expires with the server's clock.
            assertEquals(200, as(http, first, () -> http.get("/api/session")).statusCode());
            clock.advance(Duration.ofHours(12).plusMinutes(1));
            assertEquals(401, as(http, first, () -> http.get("/api/session")).statusCode(), "expired");
        }
    }

    private static HttpResponse<String> as(HttpTestClient http, String token, java.util.function.Supplier<HttpResponse<String>> request) {
        return TestPeople.withToken(http, token, request);
    }

    private static double lookups(RunningServer server, String source) throws Exception {
        String scrape = server.scrapeMetrics("Bearer " + SCRAPE).body();
        Matcher m = Pattern.compile("^plenary_sessions_lookups_total\\{source=\"" + source + "\"} (\\S+)$",
                Pattern.MULTILINE).matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
