package plenary.http;

import com.fasterxml.jackson.databind.JsonNode;
import plenary.people.PasswordHasher;
import plenary.server.Config;
import plenary.server.PlenaryServer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A real Plenary server in this JVM over a data directory, on a free port of 127.0.0.1. */
public final class RunningServer implements AutoCloseable {
    /**
     * Argon2id at 256 KiB and one pass instead of 19 MiB and two: about 1 ms a sign-in instead of
     * 57, over the thousands a run makes. What is tested here is who may do what, not the hash's
     * cost; PasswordsTest, PasswordStorageTest and the child-process servers keep the real one.
     */
    private static final PasswordHasher CHEAP_HASHES = new PasswordHasher(256, 1);

    private final PlenaryServer server;
    private final Clock clock;
    private final HttpTestClient http;

    private RunningServer(PlenaryServer server, Clock clock) {
        this.server = server;
        this.clock = clock;
        this.http = new HttpTestClient(URI.create("http://127.0.0.1:" + server.port() + "/"));
        // Requests go out as a rapporteur of the one test meeting unless a test says otherwise.
        http.bearer(TestPeople.drafter(http));
    }

    /** Starts a server; extra arguments such as "--no-samples" are passed on to {@link Config}. */
    public static RunningServer start(Path dataDir, String... extraArgs) throws Exception {
        return startWith(dataDir, Map.of(), extraArgs);
    }

    /** Starts a server with {@code env} as its environment variables too (secrets such as PLENARY_METRICS_TOKEN). */
    public static RunningServer startWith(Path dataDir, Map<String, String> env, String... extraArgs) throws Exception {
        return startWith(dataDir, env, Clock.systemUTC(), extraArgs);
    }

    /**
     * Starts a server whose time is {@code clock}: with an {@link AdjustableClock}, a test moves past
     * a deadline instead of waiting for it.
     */
    public static RunningServer startWith(Path dataDir, Map<String, String> env, Clock clock, String... extraArgs)
            throws Exception {
        List<String> args = new ArrayList<>(List.of("--port", "0", "--data-dir", dataDir.toString(),
                "--host", "127.0.0.1"));
        args.addAll(List.of(extraArgs));
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("PLENARY_ADMIN_PASSWORD", TestPeople.ADMIN_PASSWORD);
        return new RunningServer(PlenaryServer.start(Config.from(args, all), clock, CHEAP_HASHES), clock);
    }

    /** The server's clock: what "now" is for its timestamps and deadlines. */
    public Clock clock() {
        return clock;
    }

    public int port() {
        return server.port();
    }

    /** {@code GET /metrics} as a scraper sends it, with this Authorization header (none when null). */
    public HttpResponse<String> scrapeMetrics(String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + "/metrics"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    public HttpTestClient http() {
        return http;
    }

    /** The drafter's bearer token, for WebSocket clients. */
    public String token() {
        return http.bearer();
    }

    public HttpResponse<String> get(String pathAndQuery) {
        return http.get(pathAndQuery);
    }

    public HttpResponse<String> postMarkdown(String markdown) {
        return http.postMarkdown(markdown);
    }

    public HttpResponse<String> post(String path, String contentType, byte[] body) {
        return http.post(path, contentType, body);
    }

    /** GETs a path that must answer 200 with JSON, and returns the parsed body. */
    public JsonNode getJson(String pathAndQuery) {
        HttpResponse<String> response = get(pathAndQuery);
        assertEquals(200, response.statusCode(), () -> "GET " + pathAndQuery + ": " + response.body());
        return HttpTestClient.json(response);
    }

    @Override
    public void close() throws Exception {
        try {
            http.close();
        } finally {
            server.close();
        }
    }
}
