package plenary.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every kind of bad request gets its own 4xx and an RFC 9457 problem body, and none of them changes
 * what is stored. After each test the documents stored up front are compared in full. One server has
 * a 4 KiB body limit; pathological Markdown (larger than that) goes to a second one with the default.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("integration")
class BadInputTest {
    static final int LIMIT = 4096;
    static final String SMALL_DRAFT = """
            ---
            symbol: BAD/1
            ---

            # A small draft

            *Recalling* its earlier work,

            1. *Decides* to continue.
            """;

    @TempDir
    static Path dataDir;
    @TempDir
    static Path roomyDataDir;

    private RunningServer server;
    private RunningServer roomy;
    private StoreSnapshot stored;
    private StoreSnapshot roomyStored;

    @BeforeAll
    void start() throws Exception {
        server = RunningServer.start(dataDir, "--max-body-bytes", Integer.toString(LIMIT));
        DocumentApiTest.create(server, SMALL_DRAFT);
        DocumentApiTest.create(server, DocumentApiTest.DRAFT);
        stored = new StoreSnapshot(server);
        assertEquals(5, stored.size(), "three samples and two drafts");

        roomy = RunningServer.start(roomyDataDir, "--no-samples");
        DocumentApiTest.create(roomy, DocumentApiTest.DRAFT);
        roomyStored = new StoreSnapshot(roomy);
        assertEquals(1, roomyStored.size());
    }

    @AfterAll
    void stop() throws Exception {
        try (RunningServer a = server; RunningServer b = roomy) {
            // closes both, even when one fails
        }
    }

    /** Nothing a test sent has changed a stored document, and only accepted drafts were added. */
    @AfterEach
    void storesAreUnchanged() {
        stored.assertUnchanged();
        roomyStored.assertUnchanged();
    }

    // ---- bodies ----

    @Test
    void emptyBody() {
        assertProblem(400, "/api/documents", server.post("/api/documents", HttpTestClient.MARKDOWN, new byte[0]));
    }

    @Test
    void whitespaceOnlyBody() {
        assertProblem(400, "/api/documents", server.post("/api/documents", HttpTestClient.MARKDOWN,
                " \n\t\r\n   \n".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void noContentType() {
        assertProblem(415, "/api/documents", server.post("/api/documents", null, bytes(SMALL_DRAFT)));
    }

    @Test
    void jsonContentType() {
        assertProblem(415, "/api/documents",
                server.post("/api/documents", "application/json", bytes("{\"title\":\"x\"}")));
    }

    @Test
    void latin1Charset() {
        assertProblem(415, "/api/documents",
                server.post("/api/documents", "text/markdown;charset=latin1", bytes(SMALL_DRAFT)));
    }

    @Test
    void invalidUtf8() {
        byte[] body = Arrays.copyOf(bytes(SMALL_DRAFT), SMALL_DRAFT.length() + 3);
        body[body.length - 3] = (byte) 0xC3; // a lead byte followed by no continuation byte
        body[body.length - 2] = (byte) 0x28;
        body[body.length - 1] = (byte) 0xFF; // never valid in UTF-8
        assertProblem(400, "/api/documents", server.post("/api/documents", HttpTestClient.MARKDOWN, body));
    }

    @Test
    void bodyOverTheLimitWithContentLength() {
        assertProblem(413, "/api/documents",
                server.post("/api/documents", HttpTestClient.MARKDOWN, oversizedDraft()));
    }

    @Test
    void chunkedBodyOverTheLimit() {
        byte[] body = oversizedDraft();
        HttpRequest.Builder request = server.http().request("/api/documents")
                .header("Content-Type", HttpTestClient.MARKDOWN)
                // An input stream has no known length, so HttpClient sends Transfer-Encoding: chunked.
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
        assertProblem(413, "/api/documents", server.http().send(request));
    }

    @Test
    void chunkedBodyUnderTheLimitIsAccepted() {
        byte[] body = bytes(SMALL_DRAFT);
        HttpRequest.Builder request = server.http().request("/api/documents")
                .header("Content-Type", HttpTestClient.MARKDOWN)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
        HttpResponse<String> response = server.http().send(request);
        assertEquals(201, response.statusCode(), response::body);
        stored.accepted();
    }

    // ---- ids, formats, routes, methods ----

    @Test
    void unknownDocument() {
        String path = "/api/documents/" + "z".repeat(64);
        assertProblem(404, path, server.get(path));
        assertProblem(404, path + "/export", server.get(path + "/export?format=md"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a%20b", "a.b", "%C3%A9t%C3%A9"})
    void malformedId(String id) {
        String path = "/api/documents/" + id;
        assertProblem(400, path, server.get(path));
    }

    @Test
    void overlongId() {
        String path = "/api/documents/" + "a".repeat(200);
        assertProblem(400, path, server.get(path));
        String justTooLong = "/api/documents/" + "a".repeat(65);
        assertProblem(400, justTooLong, server.get(justTooLong));
    }

    @Test
    void unknownExportFormat() {
        String path = "/api/documents/" + stored.anyId() + "/export";
        assertProblem(400, path, server.get(path + "?format=docx"));
    }

    @Test
    void unknownRoute() {
        assertProblem(404, "/api/nope", server.get("/api/nope"));
    }

    @Test
    void putOnTheCollection() {
        HttpResponse<String> response = server.http().send(server.http().request("/api/documents")
                .header("Content-Type", HttpTestClient.MARKDOWN)
                .PUT(HttpRequest.BodyPublishers.ofString(SMALL_DRAFT)));
        assertProblem(405, "/api/documents", response);
    }

    // ---- pathological Markdown: refused or stored, never a 500, and the server lives on ----

    /** 50,000 characters of one construct: deep quotes, lists and brackets, long delimiter runs. */
    @ParameterizedTest
    @ValueSource(strings = {"> ", "[", "*", "_", "`", "<", "![", "[^", "- ", "* ", "1. ", "    "})
    void pathologicalMarkdown(String unit) {
        String markdown = "# Pathological\n\n" + unit.repeat(50_000 / unit.length()) + "\n";
        long started = System.nanoTime();
        HttpResponse<String> response = roomy.post("/api/documents", HttpTestClient.MARKDOWN, bytes(markdown));
        int status = response.statusCode();
        System.out.printf("50,000 chars of '%s' -> %d in %d ms%n", unit, status,
                (System.nanoTime() - started) / 1_000_000);
        if (status == 201) {
            roomyStored.accepted();
            String id = HttpTestClient.json(response).path("id").asText();
            assertEquals(200, roomy.get("/api/documents/" + id).statusCode(), "an accepted draft can be read");
            assertEquals(200, roomy.get("/api/documents/" + id + "/export?format=md").statusCode(),
                    "an accepted draft can be exported");
        } else {
            assertTrue(status >= 400 && status < 500, "50,000 chars of '" + unit + "' gave " + status + ": "
                    + response.body());
            assertProblem(status, "/api/documents", response);
        }
    }

    /** Deep nesting is refused before parsing, whose time grows with the square of the depth. */
    @ParameterizedTest
    @ValueSource(strings = {"> ", "- ", "* ", "1. ", "1) ", "+ "})
    void deeplyNestedDraftsAreRefused(String unit) {
        String markdown = "# Nested\n\n" + unit.repeat(50_000 / unit.length()) + "\n";
        HttpResponse<String> response = roomy.post("/api/documents", HttpTestClient.MARKDOWN, bytes(markdown));
        assertProblem(422, "/api/documents", response);
        assertTrue(HttpTestClient.json(response).path("detail").asText().contains("levels deep"), response::body);
    }

    static void assertProblem(int expectedStatus, String path, HttpResponse<String> response) {
        assertEquals(expectedStatus, response.statusCode(), () -> response.request().method() + " "
                + response.request().uri() + ": " + response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                () -> "problem media type: " + response.headers().map());
        JsonNode problem = HttpTestClient.json(response);
        assertEquals(expectedStatus, problem.path("status").asInt(-1), problem::toString);
        assertTrue(problem.path("status").isInt(), problem::toString);
        assertFalse(problem.path("title").asText("").isBlank(), problem::toString);
        assertTrue(problem.path("type").asText("").startsWith("/problems/"), problem::toString);
        assertEquals(path, problem.path("instance").asText(null), problem::toString);
        if (problem.has("detail")) {
            assertTrue(problem.path("detail").isTextual(), problem::toString);
        }
    }

    private static byte[] oversizedDraft() {
        byte[] body = bytes("# Too long\n\n" + "*Recalling* everything,\n\n".repeat(400));
        body = Arrays.copyOf(body, 10_000);
        Arrays.fill(body, body.length - 100, body.length, (byte) 'x');
        assertEquals(10_000, body.length);
        return body;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
