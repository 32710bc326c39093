package plenary.security;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import plenary.http.HttpTestClient;
import plenary.http.RunningServer;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15, item 1, the export side: after a 419,389-clause import, any observer's four compilation
 * PDFs in parallel ran the server out of memory. Exports now run on threads of their own with a
 * short queue: here 40 compilation PDFs of the largest document an import allows are asked for at
 * once; those the queue cannot hold are refused at once with 503 and Retry-After, the others are
 * rendered, {@code /health} keeps answering, and an export asked for afterwards is served.
 */
@Tag("integration")
class ExportQueueTest {
    static final int CONCURRENT = 40;

    @TempDir
    Path dir;

    @Test
    void exportsBeyondTheQueueAre503WithRetryAfter() throws Exception {
        // Two exports may wait (the default is 16): the queue's bound is what is tested, and each
        // export let in renders 5,000 clauses, about a CPU-second and a half.
        try (RunningServer server = RunningServer.start(dir, "--no-samples", "--exports-waiting", "2");
             HealthPoller health = new HealthPoller(server.port());
             HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            // 5,000 clauses: the most an import allows, one line each within the guards.
            StringBuilder draft = new StringBuilder("---\nsymbol: BIG/1\n---\n\n# The largest draft\n\n");
            for (int i = 0; i < 2_500; i++) {
                draft.append("*Recalling* resolution ").append(i).append(" on [human rights](https://undocs.org/").append(i)
                        .append("),\n\n1. *Calls upon* local governments to act on item ").append(i).append(";\n\n");
            }
            HttpResponse<String> created = server.postMarkdown(draft.toString());
            assertEquals(201, created.statusCode(), created::body);
            JsonNode document = HttpTestClient.json(created);
            assertEquals(5_000, document.path("clauses").size());
            String export = "/api/documents/" + document.path("id").asText() + "/export?format=pdf&variant=compilation";

            health.reset();
            long started = System.nanoTime();
            List<CompletableFuture<HttpResponse<byte[]>>> sent = new ArrayList<>();
            for (int i = 0; i < CONCURRENT; i++) {
                HttpRequest request = server.http().request(export).GET().build();
                sent.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()));
            }
            int rendered = 0;
            int busy = 0;
            long pdfBytes = 0;
            for (CompletableFuture<HttpResponse<byte[]>> future : sent) {
                HttpResponse<byte[]> response = future.get();
                if (response.statusCode() == 503) {
                    busy++;
                    String retryAfter = response.headers().firstValue("Retry-After").orElse(null);
                    assertTrue(retryAfter != null && Integer.parseInt(retryAfter) > 0, "Retry-After: " + retryAfter);
                    JsonNode problem = HttpTestClient.JSON.readTree(response.body());
                    assertEquals("/problems/unavailable", problem.path("type").asText(), problem::toString);
                    assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
                } else {
                    assertEquals(200, response.statusCode(), () -> new String(response.body()));
                    assertTrue(new String(response.body(), 0, 5).equals("%PDF-"));
                    pdfBytes = response.body().length;
                    rendered++;
                }
            }
            System.out.printf("%d concurrent compilation PDFs of 5,000 clauses: %d rendered (%d KB each), %d refused with 503,"
                    + " in %d ms; health %s%n", CONCURRENT, rendered, pdfBytes / 1024, busy,
                    (System.nanoTime() - started) / 1_000_000, health.summary());
            assertTrue(busy > 0, "every export was let wait");
            assertTrue(rendered > 0, "no export was rendered");
            // Each render takes over a second; all 40 arrive within a fraction of one.
            int admitted = Math.max(1, Runtime.getRuntime().availableProcessors() / 2) + 2;
            assertTrue(rendered <= admitted, rendered + " rendered, but only " + admitted + " may run or wait");
            assertEquals(0, health.failures(), health::summary);
            assertTrue(health.quantileMillis(0.99) < ImportBoundsTest.HEALTH_P99_BOUND_MILLIS, health::summary);

            HttpResponse<byte[]> after = server.http().getBytes(export.replace("pdf&variant=compilation", "html"));
            assertEquals(200, after.statusCode());
        }
    }
}
