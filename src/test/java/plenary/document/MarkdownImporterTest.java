package plenary.document;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MarkdownImporterTest {
    private final MarkdownImporter importer = new MarkdownImporter(RandomIds.seeded(7));

    @Test
    void readsTheConvention() {
        Document d = importer.read("d1", """
                ---
                conference: Human Rights Go Local: What Works
                place: Graz, Austria
                symbol: HRGL/2022/OD/1
                ---

                # The Graz Outcome
                *Recalling* the Charter,

                _Noting_ the work done[^1],

                ## Commitments

                1. *Calls upon* cities;
                2. *Encourages* regions to:
                   1. plan;
                   2. report;

                A plain paragraph.

                ## Follow-up

                3. *Decides* to meet again.

                [^1]: A footnote.
                """);
        assertEquals("The Graz Outcome", d.title());
        assertEquals(Map.of("conference", "Human Rights Go Local: What Works", "place", "Graz, Austria",
                "symbol", "HRGL/2022/OD/1"), d.meta().fields());
        assertEquals(List.of(ClauseKind.PREAMBULAR, ClauseKind.PREAMBULAR, ClauseKind.HEADING, ClauseKind.OPERATIVE,
                ClauseKind.OPERATIVE, ClauseKind.SUB_PARAGRAPH, ClauseKind.SUB_PARAGRAPH, ClauseKind.FREE_TEXT,
                ClauseKind.HEADING, ClauseKind.OPERATIVE, ClauseKind.FOOTNOTE), kinds(d));
        assertEquals(List.of("*Recalling* the Charter,", "_Noting_ the work done[^1],", "Commitments",
                "*Calls upon* cities;", "*Encourages* regions to:", "plan;", "report;", "A plain paragraph.",
                "Follow-up", "*Decides* to meet again.", "[^1]: A footnote."), texts(d));
        assertEquals("3", d.numbers().get(9));
        assertTrue(d.clauses().stream().allMatch(c -> c.version() == 0 && c.status() == ClauseStatus.BRACKETED));
    }

    @Test
    void whatItCannotClassifyBecomesFreeTextVerbatim() {
        String table = "| a | b |\n|---|---|\n| 1 | 2 |";
        String quote = "> quoted\n> text";
        String code = "    indented code";
        String bullets = "- one\n- two";
        String html = "<div>raw</div>";
        Document d = importer.read("d", String.join("\n\n", table, quote, code, bullets, html, "---", ""));
        assertEquals(List.of(table, quote, code, bullets, html, "---"), texts(d));
        assertTrue(kinds(d).stream().allMatch(k -> k == ClauseKind.FREE_TEXT));
    }

    @Test
    void frontMatterThatIsNotKeyValueIsKeptAsText() {
        Document d = importer.read("d", "---\nthis is not: fine\nnor this\n---\n\nText.\n");
        assertEquals(Map.of(), d.meta().fields());
        String all = String.join("\n", texts(d)) + d.title();
        assertTrue(all.contains("nor this"), all);
        assertTrue(all.contains("this is not: fine"), all);
    }

    @Test
    void multiParagraphItemsAndDeeperListsStayInTheirClause() {
        Document d = importer.read("d", """
                1. *Requests* the secretariat:

                   to report back,
                   in writing;

                   1. first, with
                      - a nested bullet
                   2. second;
                """);
        assertEquals(List.of(ClauseKind.OPERATIVE, ClauseKind.SUB_PARAGRAPH, ClauseKind.SUB_PARAGRAPH), kinds(d));
        assertEquals("*Requests* the secretariat:\n\nto report back,\nin writing;", d.clauses().get(0).text());
        assertEquals("first, with\n- a nested bullet", d.clauses().get(1).text());
    }

    @Test
    void refusesNestingDeeperThanAnyRealDraft() {
        String sixteen = "> ".repeat(15) + "1. text";
        assertEquals(1, importer.read("d", sixteen).clauses().size());
        DocumentException tooDeep = org.junit.jupiter.api.Assertions.assertThrows(DocumentException.class,
                () -> importer.read("d", "Intro\n\n" + "- ".repeat(17) + "text"));
        assertTrue(tooDeep.getMessage().contains("line 3"), tooDeep.getMessage());
        org.junit.jupiter.api.Assertions.assertThrows(DocumentException.class,
                () -> importer.read("d", " ".repeat(129) + "text"));
    }

    @Test
    void importsEverySampleWithoutLosingWords() throws IOException {
        for (String name : List.of("hrgl-2022-outcome-draft.md", "multilingual-draft.md")) {
            String source = Files.readString(Path.of("samples", name));
            Document d = importer.read("d", source);
            String kept = d.title() + " " + String.join(" ", d.meta().fields().values()) + " " + String.join(" ", texts(d));
            for (String word : source.split("[\\s*#>|_\\-]+")) {
                if (!word.isEmpty() && !word.matches("\\d+\\.|---|[a-z]+:")) {
                    assertTrue(kept.contains(word), name + " lost the word '" + word + "'");
                }
            }
        }
    }

    @Test
    void theMainSampleHasTheShapeOfAnOutcomeDocument() throws IOException {
        Document d = importer.read("d", Files.readString(Path.of("samples", "hrgl-2022-outcome-draft.md")));
        assertTrue(count(d, k -> k == ClauseKind.PREAMBULAR) >= 8);
        assertTrue(count(d, k -> k == ClauseKind.OPERATIVE) >= 20);
        assertTrue(count(d, k -> k == ClauseKind.SUB_PARAGRAPH) >= 2);
        assertTrue(count(d, k -> k == ClauseKind.HEADING) >= 2);
        assertTrue(count(d, k -> k == ClauseKind.FOOTNOTE) >= 1);
        assertEquals(0, count(d, k -> k == ClauseKind.FREE_TEXT), "every block of the sample is classified");
    }

    private static long count(Document d, Predicate<ClauseKind> kind) {
        return d.clauses().stream().map(Clause::kind).filter(kind).count();
    }

    static List<ClauseKind> kinds(Document d) {
        return d.clauses().stream().map(Clause::kind).toList();
    }

    static List<String> texts(Document d) {
        return d.clauses().stream().map(Clause::text).toList();
    }
}
