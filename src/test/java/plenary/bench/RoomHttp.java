package plenary.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * REST calls of the room benchmark, each with its own bearer token (many people share one client,
 * so nothing per person is kept here), timed from just before sending to the whole answer read.
 */
final class RoomHttp implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An answer; {@code nanos} from the request's sending to its whole body. */
    record Answer(int status, String body, long sentNanos, long nanos) {
        boolean ok() {
            return status == 200 || status == 201 || status == 204;
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON (" + status + "): " + body, e);
            }
        }

        /** This answer, which must be a success: else an exception naming {@code what}. */
        Answer expect(String what) {
            if (!ok()) {
                throw new IllegalStateException(what + ": " + status + " " + (body.length() > 300
                        ? body.substring(0, 300) + "…" : body));
            }
            return this;
        }
    }

    private final URI base;
    private final HttpClient client;

    RoomHttp(URI base, Executor executor) {
        this.base = base;
        // HTTP/1.1, as browsers speak to Plenary; the JDK client keeps the connections alive and pools them.
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
                .connectTimeout(Duration.ofSeconds(30)).build();
    }

    Answer get(String path, String token) {
        return send("GET", path, token, null);
    }

    Answer post(String path, String token, String json) {
        return send("POST", path, token, json);
    }

    Answer put(String path, String token, String json) {
        return send("PUT", path, token, json);
    }

    Answer send(String method, String path, String token, String json) {
        return send(method, path, token, "application/json", json);
    }

    /** One request; a failure to connect or read is an answer with status 0. */
    Answer send(String method, String path, String token, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", contentType);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        long sent = System.nanoTime();
        try {
            HttpResponse<String> response = client.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.body(), sent, System.nanoTime() - sent);
        } catch (IOException e) {
            return new Answer(0, e.toString(), sent, System.nanoTime() - sent);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, "interrupted", sent, System.nanoTime() - sent);
        }
    }

    /** A JSON string literal of {@code s} (quotes and escapes included). */
    static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        client.shutdownNow();
    }
}
