package plenary.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Asks {@code /health} over and over on a connection of its own while a test attacks the server,
 * and keeps every answer's latency: what a load balancer's probe would see. A probe that fails or
 * takes over its timeout counts at the timeout.
 */
final class HealthPoller implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI health;
    private final List<Long> micros = Collections.synchronizedList(new ArrayList<>());
    private final Thread thread;
    private volatile boolean running = true;
    private volatile int failures;

    HealthPoller(int port) {
        this.health = URI.create("http://127.0.0.1:" + port + "/health");
        this.thread = Thread.ofPlatform().name("health-poller").daemon().start(this::poll);
    }

    private void poll() {
        while (running) {
            long started = System.nanoTime();
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(health).timeout(TIMEOUT).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() != 200) {
                    failures++;
                }
                micros.add((System.nanoTime() - started) / 1_000);
            } catch (Exception e) {
                failures++;
                micros.add(TIMEOUT.toNanos() / 1_000);
            }
            // Paced by the answers themselves: a probe every 20 ms at most, never two at once.
            long wait = 20 - (System.nanoTime() - started) / 1_000_000;
            if (wait > 0) {
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** Forgets what was seen so far, so the next figures cover only what follows. */
    void reset() {
        micros.clear();
        failures = 0;
    }

    int count() {
        return micros.size();
    }

    int failures() {
        return failures;
    }

    /** The latency at quantile {@code q} (0.99 for p99), in milliseconds. */
    double quantileMillis(double q) {
        List<Long> sorted;
        synchronized (micros) {
            sorted = new ArrayList<>(micros);
        }
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        Collections.sort(sorted);
        int index = (int) Math.min(sorted.size() - 1, Math.ceil(q * sorted.size()) - 1);
        return sorted.get(Math.max(0, index)) / 1000.0;
    }

    String summary() {
        return String.format("%d probes, p50 %.1f ms, p99 %.1f ms, max %.1f ms, %d failed", count(),
                quantileMillis(0.5), quantileMillis(0.99), quantileMillis(1.0), failures());
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(TIMEOUT.toMillis() * 2);
        client.close();
    }
}
