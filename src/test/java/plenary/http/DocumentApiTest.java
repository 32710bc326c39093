package plenary.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The document API end to end over a real server and store: create, read, list, export, restart. */
@Tag("integration")
class DocumentApiTest {
    static final String SYMBOL = "TEST/2024/OD/7";
    static final String TITLE = "Draft Outcome Document of the Test Conference — Graz Session";

    static final String DRAFT = """
            ---
            conference: Test Conference: Local Rights in Practice
            place: Graz, Austria
            date: 2024-05-06
            symbol: TEST/2024/OD/7
            language: en
            ---

            # Draft Outcome Document of the Test Conference — Graz Session

            *Recalling* the Universal Declaration of Human Rights,

            *Reaffirming* that all human rights are universal and indivisible[^1],

            *Noting with concern* the gap between « commitments » and practice,

            ## Commitments of local governments

            1. *Calls upon* local governments to adopt action plans;

            2. *Encourages* local authorities to act, inter alia by:
               1. designating a focal point;
               2. establishing an independent **human rights office**;

            3. *Decides* to remain seized of the matter.

            [^1]: See General Assembly resolution 48/121.

            This draft is circulated for discussion only.
            """;

    /** kind, number, text of every clause DRAFT must give, in order. */
    static final List<List<String>> EXPECTED = List.of(
            Arrays.asList("preambular", "PP1", "*Recalling* the Universal Declaration of Human Rights,"),
            Arrays.asList("preambular", "PP2", "*Reaffirming* that all human rights are universal and indivisible[^1],"),
            Arrays.asList("preambular", "PP3", "*Noting with concern* the gap between « commitments » and practice,"),
            Arrays.asList("heading", null, "Commitments of local governments"),
            Arrays.asList("operative", "1", "*Calls upon* local governments to adopt action plans;"),
            Arrays.asList("operative", "2", "*Encourages* local authorities to act, inter alia by:"),
            Arrays.asList("sub-paragraph", "(a)", "designating a focal point;"),
            Arrays.asList("sub-paragraph", "(b)", "establishing an independent **human rights office**;"),
            Arrays.asList("operative", "3", "*Decides* to remain seized of the matter."),
            Arrays.asList("footnote", null, "[^1]: See General Assembly resolution 48/121."),
            Arrays.asList("free-text", null, "This draft is circulated for discussion only."));

    @TempDir
    Path dataDir;

    @Test
    void healthIsUp() throws Exception {
        try (RunningServer server = RunningServer.start(dataDir, "--no-samples")) {
            HttpResponse<String> response = server.get("/health");
            assertEquals(200, response.statusCode());
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
            assertEquals("UP", HttpTestClient.json(response).path("status").asText());
        }
    }

    @Test
    void createdDraftReadsBackClauseByClause() throws Exception {
        try (RunningServer server = RunningServer.start(dataDir, "--no-samples")) {
            HttpResponse<String> created = server.postMarkdown(DRAFT);
            assertEquals(201, created.statusCode(), created::body);
            assertTrue(created.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
            JsonNode body = HttpTestClient.json(created);
            String id = body.path("id").asText();
            assertTrue(id.matches("[A-Za-z0-9_-]{1,64}"), "id " + id);
            assertEquals("/api/documents/" + id, created.headers().firstValue("Location").orElse(null));

            // A well-formed draft: the import has nothing to warn of.
            JsonNode warnings = ((com.fasterxml.jackson.databind.node.ObjectNode) body).remove("warnings");
            assertTrue(warnings.isArray() && warnings.isEmpty(), warnings.toString());
            JsonNode document = server.getJson("/api/documents/" + id);
            assertEquals(body, document, "the 201 body is the document as stored");
            assertEquals(id, document.path("id").asText());
            assertEquals(TITLE, document.path("title").asText());
            assertEquals("drafting", document.path("status").asText());
            assertEquals(0, document.path("revision").asLong(-1));
            assertTrue(document.path("revision").isIntegralNumber());

            JsonNode meta = document.path("meta");
            assertEquals(List.of("conference", "place", "date", "symbol", "language"), fieldNames(meta));
            assertEquals("Test Conference: Local Rights in Practice", meta.path("conference").asText());
            assertEquals("Graz, Austria", meta.path("place").asText());
            assertEquals("2024-05-06", meta.path("date").asText());
            assertEquals(SYMBOL, meta.path("symbol").asText());
            assertEquals("en", meta.path("language").asText());

            JsonNode clauses = document.path("clauses");
            assertEquals(EXPECTED, kindsNumbersTexts(clauses));
            Set<String> clauseIds = new HashSet<>();
            for (JsonNode clause : clauses) {
                assertEquals(List.of("id", "kind", "number", "text", "version", "status"), fieldNames(clause));
                assertFalse(clause.path("id").asText().isBlank());
                assertTrue(clauseIds.add(clause.path("id").asText()), "clause ids are unique");
                assertEquals(0, clause.path("version").asLong(-1));
                assertTrue(clause.path("version").isIntegralNumber());
                assertEquals("bracketed", clause.path("status").asText());
                JsonNode number = clause.get("number");
                assertTrue(number.isNull() || number.isTextual(), "number is a string or null: " + clause);
            }
        }
    }

    @Test
    void createdDraftAppearsInTheList() throws Exception {
        try (RunningServer server = RunningServer.start(dataDir, "--no-samples")) {
            assertEquals(0, server.getJson("/api/documents").path("documents").size());
            Instant before = Instant.now().minusSeconds(1);
            String id = create(server, DRAFT);

            JsonNode list = server.getJson("/api/documents").path("documents");
            assertEquals(1, list.size(), list::toString);
            JsonNode summary = list.get(0);
            assertEquals(id, summary.path("id").asText());
            assertEquals(TITLE, summary.path("title").asText());
            assertEquals("drafting", summary.path("status").asText());
            assertEquals(0, summary.path("revision").asLong(-1));
            assertEquals(EXPECTED.size(), summary.path("clauseCount").asInt(-1));
            assertEquals(server.getJson("/api/documents/" + id).path("meta"), summary.path("meta"));
            Instant createdAt = Instant.parse(summary.path("createdAt").asText());
            assertEquals(createdAt, Instant.parse(summary.path("updatedAt").asText()));
            assertTrue(!createdAt.isBefore(before) && !createdAt.isAfter(Instant.now().plusSeconds(1)),
                    "createdAt " + createdAt);
        }
    }

    @Test
    void exportedMarkdownImportsToTheSameClauses() throws Exception {
        try (RunningServer server = RunningServer.start(dataDir, "--no-samples")) {
            String id = create(server, DRAFT);
            JsonNode original = server.getJson("/api/documents/" + id);

            HttpResponse<String> export = server.get("/api/documents/" + id + "/export?format=md");
            assertEquals(200, export.statusCode(), export::body);
            assertTrue(export.headers().firstValue("Content-Type").orElse("").startsWith("text/markdown"),
                    export.headers().toString());
            assertEquals("attachment; filename=\"test-2024-od-7.md\"",
                    export.headers().firstValue("Content-Disposition").orElse(null));
            String markdown = export.body();
            assertTrue(markdown.contains("« commitments »"), "UTF-8 text survives the export: " + markdown);

            HttpResponse<String> withoutFormat = server.get("/api/documents/" + id + "/export");
            assertEquals(200, withoutFormat.statusCode());
            assertEquals(markdown, withoutFormat.body(), "md is the default format");

            String copyId = create(server, markdown);
            assertNotEquals(id, copyId);
            JsonNode copy = server.getJson("/api/documents/" + copyId);
            assertEquals(EXPECTED, kindsNumbersTexts(copy.path("clauses")));
            assertEquals(kindsNumbersTexts(original.path("clauses")), kindsNumbersTexts(copy.path("clauses")));
            assertEquals(original.path("title"), copy.path("title"));
            assertEquals(fieldNames(original.path("meta")), fieldNames(copy.path("meta")));
            assertEquals(original.path("meta"), copy.path("meta"));

            // Exporting the copy gives the very same Markdown: the round trip has reached a fixed point.
            assertEquals(markdown, server.get("/api/documents/" + copyId + "/export?format=md").body());
        }
    }

    @Test
    void exportFileNameFallsBackToTheTitleWithoutASymbol() throws Exception {
        try (RunningServer server = RunningServer.start(dataDir, "--no-samples")) {
            String id = create(server, "# Déclaration de Graz: droits humains!\n\n*Rappelant* la Charte,\n");
            HttpResponse<String> export = server.get("/api/documents/" + id + "/export?format=md");
            assertEquals(200, export.statusCode(), export::body);
            assertEquals("attachment; filename=\"declaration-de-graz-droits-humains.md\"",
                    export.headers().firstValue("Content-Disposition").orElse(null));
        }
    }

    @Test
    void documentSurvivesARestartUnchanged() throws Exception {
        String id;
        String before;
        String listBefore;
        try (RunningServer server = RunningServer.start(dataDir, "--no-samples")) {
            id = create(server, DRAFT);
            before = server.get("/api/documents/" + id).body();
            listBefore = server.get("/api/documents").body();
        }
        try (RunningServer server = RunningServer.start(dataDir, "--no-samples")) {
            HttpResponse<String> after = server.get("/api/documents/" + id);
            assertEquals(200, after.statusCode(), after::body);
            assertEquals(HttpTestClient.JSON.readTree(before), HttpTestClient.json(after));
            assertEquals(before, after.body(), "byte for byte, field order included");
            assertEquals(HttpTestClient.JSON.readTree(listBefore), server.getJson("/api/documents"));
        }
    }

    @Test
    void samplesAreLoadedOnceIntoAnEmptyStore() throws Exception {
        List<String> sampleTitles = List.of(sampleTitle("hrgl-2022-outcome-draft.md"), sampleTitle("multilingual-draft.md"),
                sampleTitle("hrgl-2021-outcome-adopted.md"));
        List<String> firstIds;
        try (RunningServer server = RunningServer.start(dataDir)) {
            JsonNode list = server.getJson("/api/documents").path("documents");
            assertEquals(3, list.size(), list::toString);
            Set<String> titles = new java.util.HashSet<>();
            list.forEach(d -> titles.add(d.path("title").asText()));
            assertEquals(Set.copyOf(sampleTitles), titles);
            for (JsonNode d : list) {
                assertEquals(d.path("title").asText().equals(sampleTitle("hrgl-2021-outcome-adopted.md"))
                        ? "adopted" : "drafting", d.path("status").asText(), "last year's outcome comes adopted");
            }
            firstIds = ids(list);
            for (String id : firstIds) {
                JsonNode document = server.getJson("/api/documents/" + id);
                assertTrue(document.path("clauses").size() > 5, "a sample has its clauses: " + document);
            }
        }
        try (RunningServer server = RunningServer.start(dataDir)) {
            JsonNode list = server.getJson("/api/documents").path("documents");
            assertEquals(3, list.size(), "samples must not be loaded again on restart: " + list);
            assertEquals(firstIds, ids(list));
        }
    }

    @Test
    void noSamplesLeavesTheStoreEmpty() throws Exception {
        try (RunningServer server = RunningServer.start(dataDir, "--no-samples")) {
            assertEquals(0, server.getJson("/api/documents").path("documents").size());
        }
    }

    @Test
    void anImportSaysWhatItMayHaveReadOtherwiseThanMeant() throws Exception {
        try (RunningServer server = RunningServer.start(dataDir, "--no-samples")) {
            HttpResponse<String> created = server.postMarkdown("# Bare\n\n100. *Decides*:\n\n    1. first;\n    2. second;\n\n"
                    + "101. cities act;\n");
            assertEquals(201, created.statusCode(), created::body);
            JsonNode body = HttpTestClient.json(created);
            List<String> codes = new java.util.ArrayList<>();
            body.path("warnings").forEach(w -> codes.add(w.path("code").asText()));
            assertEquals(List.of("no-front-matter", "sub-list-indentation", "operative-without-verb"), codes, body.toString());
            assertTrue(body.path("warnings").get(1).path("message").asText().startsWith("Line 3:"));
            // Read as meant: two paragraphs, the first with its two sub-paragraphs.
            List<String> kinds = new java.util.ArrayList<>();
            body.path("clauses").forEach(c -> kinds.add(c.path("kind").asText()));
            assertEquals(List.of("operative", "sub-paragraph", "sub-paragraph", "operative"), kinds);
        }
    }

    static String create(RunningServer server, String markdown) {
        HttpResponse<String> response = server.postMarkdown(markdown);
        assertEquals(201, response.statusCode(), response::body);
        String id = HttpTestClient.json(response).path("id").asText();
        assertEquals("/api/documents/" + id, response.headers().firstValue("Location").orElse(null));
        return id;
    }

    static List<List<String>> kindsNumbersTexts(JsonNode clauses) {
        assertTrue(clauses.isArray(), "clauses is an array: " + clauses);
        List<List<String>> out = new ArrayList<>();
        for (JsonNode clause : clauses) {
            JsonNode number = clause.get("number");
            assertNotNull(number, "every clause has a number field, null when unnumbered: " + clause);
            out.add(Arrays.asList(clause.path("kind").asText(), number.isNull() ? null : number.asText(),
                    clause.path("text").asText()));
        }
        return out;
    }

    static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.forEach(s -> ids.add(s.path("id").asText()));
        return ids;
    }

    private static String sampleTitle(String file) throws IOException {
        return Files.readAllLines(Path.of("samples", file), StandardCharsets.UTF_8).stream()
                .filter(line -> line.startsWith("# "))
                .findFirst()
                .map(line -> line.substring(2).strip())
                .orElseThrow();
    }
}
