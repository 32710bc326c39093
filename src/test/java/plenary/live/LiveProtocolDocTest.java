package plenary.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import plenary.editing.TextOp;
import plenary.editing.TextOpJson;
import plenary.http.RunningServer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The examples of {@code web/docs/live-protocol.md} are true: every op example gives the text it says
 * and is in canonical form, and the "## Example" session, replayed against a real server on a document
 * made as its introduction describes, gets the answers it shows.
 */
@Tag("integration")
class LiveProtocolDocTest {
    private static final Path DOC = Path.of("web/docs/live-protocol.md");
    private static final String ANY = "…";
    private static final String QUOTED = "(\"(?:[^\"\\\\]|\\\\.)*\")";
    /** on `"text before"`, `[op]` gives `"text after"` */
    private static final Pattern OP_EXAMPLE = Pattern.compile("on `" + QUOTED + "`, `(\\[[^`]*])` gives `" + QUOTED + "`");
    /** The session's setting, from the sentences before it. */
    private static final Pattern SETTING = Pattern.compile("display name is `([^`]+)` joins a document at revision"
            + " (\\d+) whose operative paragraph `([A-Za-z0-9_-]+)`, at version (\\d+), reads `([^`]+)`\\..*?"
            + "so that it reads `([^`]+)`");
    /** {@code {…}}, {@code […]}, {@code "…"} or a bare {@code …}: any value. */
    private static final Pattern ANY_VALUE = Pattern.compile("\\{…}|\\[…]|\"…\"|…");

    @Test
    void everyOpExampleGivesTheTextItSaysAndIsCanonical() throws IOException {
        Matcher m = OP_EXAMPLE.matcher(unwrapped(Files.readString(DOC)));
        int examples = 0;
        while (m.find()) {
            String before = RawLiveSocket.JSON.readTree(m.group(1)).asText();
            JsonNode written = RawLiveSocket.JSON.readTree(m.group(2));
            String after = RawLiveSocket.JSON.readTree(m.group(3)).asText();
            TextOp op = TextOpJson.fromJson(written);
            assertEquals(after, op.apply(before), () -> m.group() + ": the text after");
            assertEquals(TextOpJson.toJson(op), written, () -> m.group() + ": the canonical form");
            examples++;
        }
        assertTrue(examples >= 2, "op examples found: " + examples);
    }

    @Test
    void theExampleSessionGetsTheAnswersItShowsFromARealServer(@TempDir Path dir) throws Exception {
        String section = exampleSection();
        Matcher setting = SETTING.matcher(unwrapped(section));
        assertTrue(setting.find(), "the example's introduction names the account, revision, clause, version and"
                + " texts: " + section);
        String name = setting.group(1);
        String clauseText = setting.group(5);
        List<Step> steps = steps(section);
        assertTrue(steps.stream().filter(Step::send).count() >= 3 && steps.stream().filter(s -> !s.send()).count() >= 3,
                () -> "the session: " + steps);
        for (Step step : steps) {
            step.message().findValues("op").forEach(op -> assertEquals(TextOpJson.toJson(TextOpJson.fromJson(op)), op,
                    () -> "an op of the example session in canonical form: " + step));
        }

        try (RunningServer server = RunningServer.start(dir, "--no-samples")) {
            JsonNode created = LiveDocs.create(server.http(), "# Example\n\n1. " + clauseText + "\n");
            JsonNode clause = created.get("clauses").get(0);
            assertEquals(clauseText, clause.get("text").asText(), created::toString);
            assertEquals("operative", clause.get("kind").asText());
            Bindings bindings = new Bindings(setting.group(3), clause.get("id").asText(),
                    Long.parseLong(setting.group(2)) - created.get("revision").asLong(),
                    Long.parseLong(setting.group(4)) - clause.get("version").asLong());
            URI live = LiveDocs.liveUri(server.port(), created.get("id").asText());
            try (RawLiveSocket socket = RawLiveSocket.open(HttpClient.newHttpClient(), live, name)) {
                int cursor = 0;
                for (Step step : steps) {
                    JsonNode message = bindings.real(step.message());
                    if (step.send()) {
                        cursor = socket.mark();
                        socket.send(message.toString());
                        continue;
                    }
                    String type = message.get("type").asText();
                    JsonNode answer = socket.await(cursor, m -> RawLiveSocket.type(m).equals(type), step.line());
                    cursor = indexOf(socket, cursor, answer) + 1;
                    List<String> differences = new ArrayList<>();
                    match(message, answer, "", differences);
                    assertEquals(List.of(), differences, () -> step.line() + "\n  got " + answer);
                }
            }
            JsonNode stored = LiveDocs.getJson(server.http(), "/api/documents/" + created.get("id").asText());
            assertEquals(setting.group(6), LiveDocs.clause(stored, bindings.clauseId).get("text").asText(),
                    "the paragraph after the session");
        }
    }

    // ---- reading the document -------------------------------------------------------------------

    /** One line of the session: sent (→) or received (←), with its continuation lines. */
    private record Step(boolean send, String line, JsonNode message) {
    }

    /** Prose as one line: a sentence may be wrapped anywhere a space is. */
    private static String unwrapped(String markdown) {
        return markdown.replaceAll("\\n[ \\t]*", " ");
    }

    private static String exampleSection() throws IOException {
        String doc = Files.readString(DOC);
        int start = doc.indexOf("\n## Example\n");
        assertTrue(start >= 0, "the protocol has a \"## Example\" section");
        int end = doc.indexOf("\n## ", start + 1);
        return doc.substring(start, end < 0 ? doc.length() : end);
    }

    private static List<Step> steps(String section) throws IOException {
        int open = section.indexOf("```\n");
        int close = section.indexOf("\n```", open + 4);
        assertTrue(open >= 0 && close > open, "the session is a fenced block");
        List<String> lines = new ArrayList<>();
        for (String line : section.substring(open + 4, close).split("\n")) {
            if (line.startsWith("→ ") || line.startsWith("← ")) {
                lines.add(line);
            } else if (!line.isBlank()) {
                assertTrue(!lines.isEmpty() && line.startsWith(" "), () -> "a continuation line: " + line);
                lines.set(lines.size() - 1, lines.getLast() + line.strip());
            }
        }
        List<Step> steps = new ArrayList<>();
        for (String line : lines) {
            String json = ANY_VALUE.matcher(line.substring(2)).replaceAll("\"" + ANY + "\"");
            steps.add(new Step(line.startsWith("→"), line, RawLiveSocket.JSON.readTree(json)));
        }
        return steps;
    }

    // ---- replaying it -------------------------------------------------------------------------

    /**
     * The example's identifiers and counters, made real: its clause id becomes the created clause's,
     * its revisions and that clause's versions are moved by the same offset as the real ones.
     */
    private record Bindings(String exampleClauseId, String clauseId, long revisionOffset, long versionOffset) {
        JsonNode real(JsonNode example) {
            JsonNode copy = example.deepCopy();
            substitute(copy);
            return copy;
        }

        private void substitute(JsonNode node) {
            if (node instanceof ObjectNode object) {
                if (exampleClauseId.equals(object.path("clauseId").asText(null))) {
                    object.put("clauseId", clauseId);
                    if (object.path("version").isIntegralNumber()) {
                        object.put("version", object.get("version").asLong() - versionOffset);
                    }
                }
                if (object.path("revision").isIntegralNumber()) {
                    object.put("revision", object.get("revision").asLong() - revisionOffset);
                }
            }
            node.forEach(this::substitute);
        }
    }

    /** Collects where {@code actual} differs from {@code expected}: every field shown must be there and equal. */
    private static void match(JsonNode expected, JsonNode actual, String path, List<String> differences) {
        if (expected.isTextual() && expected.asText().equals(ANY)) {
            return;
        }
        if (actual == null || actual.isMissingNode()) {
            differences.add(path + ": missing");
        } else if (path.endsWith("/at")) {
            // A timestamp: the example shows one, the server sends its own.
            for (JsonNode at : List.of(expected, actual)) {
                try {
                    Instant.parse(at.asText());
                } catch (DateTimeParseException e) {
                    differences.add(path + ": not an instant: " + at);
                }
            }
        } else if (expected.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = expected.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                match(field.getValue(), actual.get(field.getKey()), path + "/" + field.getKey(), differences);
            }
        } else if (expected.isArray()) {
            if (!actual.isArray() || actual.size() != expected.size()) {
                differences.add(path + ": " + expected + " but got " + actual);
                return;
            }
            for (int i = 0; i < expected.size(); i++) {
                match(expected.get(i), actual.get(i), path + "/" + i, differences);
            }
        } else if (expected.isNumber() && actual.isNumber()
                ? expected.decimalValue().compareTo(actual.decimalValue()) != 0 : !expected.equals(actual)) {
            differences.add(path + ": " + expected + " but got " + actual);
        }
    }

    private static int indexOf(RawLiveSocket socket, int from, JsonNode message) {
        List<JsonNode> since = socket.since(from);
        for (int i = 0; i < since.size(); i++) {
            if (since.get(i) == message) {
                return from + i;
            }
        }
        throw new AssertionError("the answer is not among the messages received");
    }
}
