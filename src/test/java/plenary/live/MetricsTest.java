package plenary.live;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import plenary.editing.TextOp;
import plenary.http.RunningServer;
import plenary.http.TestPeople;
import plenary.http.HttpTestClient;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16, metrics: nothing could be watched in production. {@code /metrics} serves Prometheus's
 * text format to a scraper holding PLENARY_METRICS_TOKEN; a scrape after live edits shows the
 * counters moving: ops committed, joined sockets, the ack and broadcast histograms, the sequencer's
 * queue, the database pool and the JVM.
 */
@Tag("integration")
class MetricsTest {
    private static final String TOKEN = "scrape-token-for-the-test";
    private static final int EDITS = 12;

    @TempDir
    Path dir;


    @Test
    void aScrapeAfterLiveEditsShowsTheCountersMoving() throws Exception {
        try (RunningServer server = RunningServer.startWith(dir.resolve("a"), Map.of("PLENARY_METRICS_TOKEN", TOKEN),
                "--no-samples"); LiveFixture fixture = new LiveFixture(server)) {
            assertEquals(401, scrape(server, "Bearer wrong").statusCode());
            assertEquals(401, scrape(server, null).statusCode());
            String before = scrape(server, "Bearer " + TOKEN).body();
            assertEquals(0.0, value(before, "plenary_ops_committed_total", fixture.documentId), "nothing edited yet");

            LiveTestClient writer = fixture.client("writer");
            LiveTestClient watcher = fixture.client("watcher");
            String clause = fixture.clauseIds.getFirst();
            for (int i = 0; i < EDITS; i++) {
                writer.edit(clause, TextOp.builder().insert("x").build());
                writer.await(writer::idle, 30_000, "the edit acknowledged");
            }
            watcher.await(() -> watcher.revision() >= writer.revision(), 30_000, "the watcher sees every edit");

            HttpResponse<String> scraped = scrape(server, "Bearer " + TOKEN);
            assertEquals(200, scraped.statusCode());
            assertTrue(scraped.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
            String after = scraped.body();
            assertEquals(EDITS, value(after, "plenary_ops_committed_total", fixture.documentId));
            assertEquals(2.0, value(after, "plenary_live_sockets", fixture.documentId));
            assertTrue(count(after, "plenary_live_ack_seconds_count") >= EDITS, after);
            assertTrue(count(after, "plenary_live_broadcast_seconds_count") >= EDITS, after);
            assertTrue(after.contains("plenary_live_ack_seconds_bucket{le=\"0.025\"}"), "a histogram with buckets");
            assertTrue(after.contains("plenary_sequencer_queue{document=\"" + fixture.documentId + "\"}"), "the queue");
            assertTrue(after.contains("hikaricp_connections{pool=\"plenary-db\"}"), "the database pool");
            assertTrue(after.contains("jvm_memory_used_bytes"), "the JVM");
            writer.close();
            watcher.close();
        }
        try (RunningServer server = RunningServer.start(dir.resolve("b"), "--no-samples")) {
            assertEquals(404, scrape(server, "Bearer " + TOKEN).statusCode(), "no token configured: no /metrics");
        }
    }

    /**
     * Argon2 work goes to its own bounded queue, and the scrape says so: accepting an invitation
     * with a new account hashes its password there (it ran on the shared pool before), while an
     * invitation accepted by someone signed in hashes nothing.
     */
    @Test
    void aNewAccountsPasswordIsHashedOnThePasswordQueue() throws Exception {
        try (RunningServer server = RunningServer.startWith(dir.resolve("c"), Map.of("PLENARY_METRICS_TOKEN", TOKEN),
                "--no-samples")) {
            HttpTestClient http = server.http();
            String admin = TestPeople.signIn(http, "admin", TestPeople.ADMIN_PASSWORD);
            String first = meeting(http, admin, "First");
            String second = meeting(http, admin, "Second");
            double before = passwordWork(server);
            TestPeople.invite(http, admin, first, "observer", null, "olga", "olga-password-2026", "Olga");
            assertEquals(before + 1, passwordWork(server), "the new account's password was hashed on the queue");

            String olga = TestPeople.signIn(http, "olga", "olga-password-2026");
            double signedIn = passwordWork(server);
            String token = TestPeople.withToken(http, admin, () -> HttpTestClient.json(http.postJson(
                    "/api/meetings/" + second + "/invitations", "{\"role\":\"observer\"}")).get("token").asText());
            HttpResponse<String> accepted = TestPeople.withToken(http, olga,
                    () -> http.postJson("/api/invitations/" + token + "/accept", "{}"));
            assertEquals(200, accepted.statusCode(), accepted::body);
            assertEquals(signedIn, passwordWork(server), "a signed-in acceptance hashes nothing");
            assertTrue(scrape(server, "Bearer " + TOKEN).body().contains(
                    "plenary_work_admitted{queue=\"plenary-password-checks\"} 0.0"), "nothing left waiting");
        }
    }

    private static String meeting(HttpTestClient http, String admin, String name) {
        return TestPeople.withToken(http, admin, () -> HttpTestClient.json(http.postJson("/api/meetings",
                "{\"name\":\"" + name + "\"}")).get("id").asText());
    }

    /** Password work run to its end so far, from a scrape. */
    private static double passwordWork(RunningServer server) throws Exception {
        Matcher m = Pattern.compile("^plenary_work_total\\{outcome=\"done\",queue=\"plenary-password-checks\"} (\\S+)$",
                Pattern.MULTILINE).matcher(scrape(server, "Bearer " + TOKEN).body());
        assertTrue(m.find(), "plenary_work_total for the password queue");
        return Double.parseDouble(m.group(1));
    }

    private static HttpResponse<String> scrape(RunningServer server, String authorization) throws Exception {
        return server.scrapeMetrics(authorization);
    }

    /** A meter's value for one document; 0 when it has none yet. */
    private static double value(String scrape, String name, String documentId) {
        Matcher m = Pattern.compile("^" + name + "\\{document=\"" + Pattern.quote(documentId) + "\"} (\\S+)$",
                Pattern.MULTILINE).matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static double count(String scrape, String name) {
        Matcher m = Pattern.compile("^" + name + "(\\{[^}]*})? (\\S+)$", Pattern.MULTILINE).matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(2)) : -1;
    }
}
