package plenary.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import plenary.http.TestPeople;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16, logs: {@code --log-format json} makes every line of the server's output one JSON object
 * (the access log's lines too, with their request id, and what libraries log through
 * java.util.logging), and {@code --log-level} silences a logger. Each child server is a JVM of its
 * own, since logging is configured once per process.
 */
@Tag("integration")
class LogFormatTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void jsonLinesCarryEveryRecordAndNoSecret() throws Exception {
        Path log = dir.resolve("json.log");
        String requestId;
        String token;
        try (ChildServer child = ChildServer.start(dir.resolve("data-json"), log, "--no-samples", "--log-format", "json")) {
            HttpResponse<String> session = signIn(child);
            assertEquals(200, session.statusCode(), session.body());
            requestId = session.headers().firstValue("X-Request-Id").orElseThrow();
            token = JSON.readTree(session.body()).path("token").asText();
            assertFalse(token.isEmpty());
            child.stop();
        }
        List<JsonNode> records = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            if (!line.isBlank() && !line.startsWith("WARNING:")) { // the JVM's own warnings bypass every logger
                records.add(JSON.readTree(line)); // throws on a line that is not JSON
            }
        }
        assertTrue(records.stream().allMatch(r -> r.has("level") && r.has("loggerName") && r.has("formattedMessage")
                && r.has("timestamp")), records::toString);
        JsonNode access = records.stream().filter(r -> r.path("loggerName").asText().equals("plenary.access")
                && r.path("formattedMessage").asText().startsWith("POST /api/session 200 ")).findFirst().orElseThrow();
        assertTrue(access.path("formattedMessage").asText().contains("req=" + requestId), access::toString);
        assertTrue(records.stream().anyMatch(r -> r.path("loggerName").asText().startsWith("org.apache.lucene")),
                "Lucene's java.util.logging record comes out as JSON too");
        String all = Files.readString(log);
        assertFalse(all.contains(TestPeople.ADMIN_PASSWORD), "no password in the log");
        assertFalse(all.contains(token), "no bearer token in the log");
    }

    @Test
    void aLevelPerLoggerSilencesTheAccessLog() throws Exception {
        Path log = dir.resolve("text.log");
        try (ChildServer child = ChildServer.start(dir.resolve("data-text"), log, "--no-samples",
                "--log-level", "info", "--log-level", "plenary.access=warn")) {
            assertEquals(200, signIn(child).statusCode());
            child.stop();
        }
        String all = Files.readString(log);
        assertTrue(all.contains(" INFO PlenaryServer - Plenary listening on"), all);
        assertFalse(all.contains(" access - "), all);
    }

    private HttpResponse<String> signIn(ChildServer child) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + child.port() + "/api/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\""
                        + TestPeople.ADMIN_PASSWORD + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
    }
}
