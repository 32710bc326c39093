package plenary.security;

import com.fasterxml.jackson.databind.JsonNode;
import org.h2.tools.Server;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import plenary.http.HttpTestClient;
import plenary.http.RunningServer;
import plenary.store.TestPostgres;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15, item 12 (health): with PostgreSQL stopped, {@code /health} hung for 30 s (the pool's
 * connection timeout) instead of saying the store is down. Here the network to the database is cut
 * under a running server, on PostgreSQL and on H2 (its TCP server): every probe is answered within a
 * second with 503 {"status":"DOWN"}, also twenty at once, and once the database is back so is 200.
 */
@Tag("integration")
class HealthWhenStoreDownTest {
    private static final long WITHIN_MILLIS = 1_000;

    @TempDir
    Path dir;

    @Test
    void postgresqlStopped() throws Exception {
        TestPostgres.Db db = TestPostgres.get().createDatabase();
        try (DatabaseLink link = DatabaseLink.to(TestPostgres.get().port());
             RunningServer server = RunningServer.start(dir.resolve("data"), "--no-samples", "--db-url",
                     "jdbc:postgresql://127.0.0.1:" + link.port() + "/" + db.name(), "--db-user", db.user())) {
            healthFollowsTheLink(server, link);
        }
    }

    @Test
    void h2ServerStopped() throws Exception {
        Server h2 = Server.createTcpServer("-tcpPort", "0", "-baseDir", dir.resolve("h2").toString(), "-ifNotExists")
                .start();
        try (DatabaseLink link = DatabaseLink.to(h2.getPort());
             RunningServer server = RunningServer.start(dir.resolve("data"), "--no-samples", "--db-url",
                     "jdbc:h2:tcp://127.0.0.1:" + link.port() + "/plenary;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE"
                             + ";DEFAULT_NULL_ORDERING=HIGH", "--db-user", "sa")) {
            healthFollowsTheLink(server, link);
        } finally {
            h2.stop();
        }
    }

    private static void healthFollowsTheLink(RunningServer server, DatabaseLink link) throws Exception {
        HttpTestClient anyone = new HttpTestClient(server.http().uri("/"));
        HttpResponse<String> up = anyone.get("/health");
        assertEquals(200, up.statusCode(), up::body);
        assertEquals("UP", HttpTestClient.json(up).get("status").asText());

        link.cut();
        for (int i = 0; i < 5; i++) {
            assertDownWithinASecond(anyone);
        }
        // Twenty at once share one probe: none waits longer, and no worker thread is held per request.
        List<CompletableFuture<Long>> many = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            many.add(CompletableFuture.supplyAsync(() -> assertDownWithinASecond(anyone)));
        }
        for (CompletableFuture<Long> one : many) {
            one.get(60, TimeUnit.SECONDS);
        }

        link.restore();
        // Polled as a load balancer would, once a second: the pool checks a connection before lending
        // it again only when it has been idle for half a second, so a tight loop would keep lending
        // H2's broken ones (their "connection is broken" is no SQL state the pool knows as fatal).
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        HttpResponse<String> back = anyone.get("/health");
        while (back.statusCode() != 200) {
            assertTrue(System.nanoTime() < deadline, "health did not come back within 120 s of the database");
            Thread.sleep(1_000);
            back = anyone.get("/health");
        }
        assertEquals("UP", HttpTestClient.json(back).get("status").asText());
        anyone.close();
    }

    /** Returns the milliseconds it took. */
    private static long assertDownWithinASecond(HttpTestClient anyone) {
        long started = System.nanoTime();
        HttpResponse<String> down = anyone.get("/health");
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        assertEquals(503, down.statusCode(), down::body);
        JsonNode body = HttpTestClient.json(down);
        assertEquals("DOWN", body.get("status").asText());
        assertTrue(millis < WITHIN_MILLIS, () -> "/health took " + millis + " ms with the store down");
        return millis;
    }
}
