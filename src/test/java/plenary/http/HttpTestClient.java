package plenary.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** A small HTTP/1.1 client for one Plenary base URI, shared by the HTTP and server tests. */
public final class HttpTestClient implements AutoCloseable {
    public static final ObjectMapper JSON = new ObjectMapper();
    public static final String MARKDOWN = "text/markdown; charset=utf-8";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final URI base;
    private final HttpClient client;
    private volatile String bearer;

    public HttpTestClient(URI base) {
        this.base = base;
        // HTTP/1.1 only: no h2c upgrade dance, and a body without a length goes out chunked.
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    public URI uri(String pathAndQuery) {
        return base.resolve(pathAndQuery);
    }

    /** Sends {@code Authorization: Bearer token} from now on (null: anonymous). */
    public HttpTestClient bearer(String token) {
        this.bearer = token;
        return this;
    }

    public String bearer() {
        return bearer;
    }

    public HttpRequest.Builder request(String pathAndQuery) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(TIMEOUT);
        String token = bearer;
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    public HttpResponse<String> postJson(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> putJson(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> delete(String path) {
        return send(request(path).DELETE());
    }

    public HttpResponse<String> get(String pathAndQuery) {
        return send(request(pathAndQuery).GET());
    }

    public HttpResponse<String> postMarkdown(String markdown) {
        return post("/api/documents", MARKDOWN, markdown.getBytes(StandardCharsets.UTF_8));
    }

    public CompletableFuture<HttpResponse<String>> postMarkdownAsync(String markdown) {
        HttpRequest request = request("/api/documents")
                .header("Content-Type", MARKDOWN)
                .POST(HttpRequest.BodyPublishers.ofString(markdown, StandardCharsets.UTF_8))
                .build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** POSTs raw bytes; a null content type sends no Content-Type header at all. */
    public HttpResponse<String> post(String path, String contentType, byte[] body) {
        HttpRequest.Builder builder = request(path).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return send(builder);
    }

    /** A GET whose body is kept as bytes: a PDF, say. */
    public HttpResponse<byte[]> getBytes(String pathAndQuery) {
        try {
            return client.send(request(pathAndQuery).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("request to " + base + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("request to " + base + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The response, which must be a 200 or a 201. */
    public static HttpResponse<String> ok(HttpResponse<String> response) {
        if (response.statusCode() != 200 && response.statusCode() != 201) {
            throw new AssertionError("expected 200 or 201: " + response.statusCode() + " " + response.body());
        }
        return response;
    }

    /** The body of a 201. */
    public static JsonNode created(HttpResponse<String> response) {
        if (response.statusCode() != 201) {
            throw new AssertionError("expected 201: " + response.statusCode() + " " + response.body());
        }
        return json(response);
    }

    /**
     * Polls a document's audit log ({@code documentPath}: /api/documents/ID) until it holds an entry
     * with {@code action}, and returns the entries. The log is read from the store, where a decision
     * lands after the negotiation view (held in memory) shows it.
     */
    public JsonNode awaitAudit(String documentPath, String action) throws InterruptedException {
        return await(documentPath + "/audit", body -> {
            for (JsonNode entry : body.get("entries")) {
                if (entry.get("action").asText().equals(action)) {
                    return true;
                }
            }
            return false;
        }, "an audit entry " + action).get("entries");
    }

    /**
     * Polls GET {@code path} until its JSON body satisfies {@code done}, and returns that body. The
     * bound only ends a failing wait.
     */
    public JsonNode await(String path, java.util.function.Predicate<JsonNode> done, String what)
            throws InterruptedException {
        long giveUp = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            JsonNode body = json(ok(get(path)));
            if (done.test(body)) {
                return body;
            }
            if (System.nanoTime() > giveUp) {
                throw new AssertionError(path + " never showed " + what + ": " + body);
            }
            Thread.sleep(20);
        }
    }

    /**
     * A negotiation state without its live-frame counter: the tick after a step may publish a frame
     * between two reads, though nothing of the negotiation changed.
     */
    public static JsonNode withoutFrame(JsonNode state) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = state.deepCopy();
        copy.remove("frame");
        return copy;
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("response is not JSON: " + response.body(), e);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
