package plenary.document;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each limit of {@link MarkdownGuards}: a draft just within it is read, one just past it is refused
 * with a reason, before any parsing. Real drafts are far within all of them.
 */
class MarkdownGuardsTest {
    private final MarkdownImporter importer = new MarkdownImporter(RandomIds.seeded(3));

    @Test
    void theSamplesAndGeneratedDraftsPassEveryGuard() throws IOException {
        try (Stream<Path> samples = Files.list(Path.of("samples"))) {
            samples.forEach(sample -> assertDoesNotThrow(() -> MarkdownGuards.check(Files.readString(sample)), sample::toString));
        }
        long base = Seeds.base();
        for (int i = 0; i < 500; i++) {
            String markdown = new DraftGenerator(base + i).markdown();
            assertDoesNotThrow(() -> MarkdownGuards.check(markdown), markdown);
        }
    }

    @Test
    void lines() {
        String within = "x\n\n".repeat(BlockGuard.MAX_LINES / 2 - 1) + "x";
        assertDoesNotThrow(() -> MarkdownGuards.check(within));
        assertRefused("more than " + BlockGuard.MAX_LINES + " lines", within + "\n\nx");
    }

    @Test
    void linesOfOneBlock() {
        // List items start a new paragraph each, so only the block limit applies to a tight list.
        String list = "- (x\n".repeat(BlockGuard.MAX_BLOCK_LINES);
        assertDoesNotThrow(() -> MarkdownGuards.check(list));
        assertRefused("runs for more than " + BlockGuard.MAX_BLOCK_LINES + " lines", list + "- (x\n");
    }

    @Test
    void linesOfOneParagraphOrTable() {
        String table = "| a | b |\n|---|---|\n" + "| 1 | 2 |\n".repeat(BlockGuard.MAX_PARAGRAPH_LINES - 2);
        assertDoesNotThrow(() -> MarkdownGuards.check(table));
        assertRefused("more than " + BlockGuard.MAX_PARAGRAPH_LINES + " lines", table + "| 3 | 4 |\n");
        // The blank line ends it: the next table counts from one.
        assertDoesNotThrow(() -> MarkdownGuards.check(table + "\n" + table));
    }

    @Test
    void quotedOrIndentedLinesOfOneParagraph() {
        String quote = "> (x\n".repeat(BlockGuard.MAX_NESTED_PARAGRAPH_LINES);
        assertDoesNotThrow(() -> MarkdownGuards.check(quote));
        assertRefused(BlockGuard.MAX_NESTED_PARAGRAPH_LINES + " indented or quoted lines", quote + "> (x\n");
        String item = "1. x\n" + "   (y\n".repeat(BlockGuard.MAX_NESTED_PARAGRAPH_LINES);
        assertRefused(BlockGuard.MAX_NESTED_PARAGRAPH_LINES + " indented or quoted lines", item);
        // A quote's blank line ends its paragraph.
        assertDoesNotThrow(() -> MarkdownGuards.check(quote + ">\n" + quote));
    }

    @Test
    void tableCells() {
        String row = "|" + "x|".repeat(99) + "\n";
        String tables = ("|" + "-|".repeat(99) + "\n" + row.repeat(99) + "\n").repeat(2);
        assertEquals(2 * 100 * 100, tables.chars().filter(c -> c == '|').count());
        assertDoesNotThrow(() -> MarkdownGuards.check(tables));
        assertRefused("more than " + TableGuard.MAX_PIPES + " table cell separators", tables + "|");
    }

    @Test
    void emphasisRunsOfOneParagraph() {
        // The shape the parser matches quadratically without reading: no opener ever fits a closer.
        String paragraph = "a**b" + "c* ".repeat(InlineGuard.MAX_BLOCK_EMPHASIS_RUNS - 1);
        assertDoesNotThrow(() -> MarkdownGuards.check(paragraph));
        assertRefused("more than " + InlineGuard.MAX_BLOCK_EMPHASIS_RUNS + " runs of emphasis", paragraph + "c*");
        // Runs are counted per paragraph; a run of many marks is one run.
        assertDoesNotThrow(() -> MarkdownGuards.check(paragraph + "\n\n" + paragraph + "\n\n" + "*".repeat(5000)));
    }

    @Test
    void inlineMarksOfTheDraft() {
        // Eight marks a group (a code span and an emphasis are two runs each), ten groups to a
        // paragraph so the draft stays within the line limit: exactly the limit.
        String marks = ("[a] <b> &amp; `c` *d* [e] ".repeat(10) + "\n\n").repeat(InlineGuard.MAX_MARKS / 80);
        assertDoesNotThrow(() -> MarkdownGuards.check(marks));
        assertRefused("more than " + InlineGuard.MAX_MARKS + " inline marks", marks + "[a] <b> &amp; `c` *d*");
    }

    @Test
    void nesting() {
        assertRefused("levels deep", "> ".repeat(NestingGuard.MAX_MARKERS_PER_LINE + 1) + "x");
        assertRefused("indented more than", " ".repeat(NestingGuard.MAX_INDENT + 1) + "x");
    }

    @Test
    void aLastLineOfSpacesIsNoError() {
        // It once sent the nesting guard past the end of the text: a 422 for a harmless draft.
        Document d = importer.read("d", "# Title\n\n1. *Decides* to meet.\n  ");
        assertEquals(1, d.clauses().size());
        assertDoesNotThrow(() -> MarkdownGuards.check("  "));
    }

    @Test
    void theImporterChecksBeforeParsing() {
        DocumentException e = assertThrows(DocumentException.class,
                () -> importer.read("d", "# Big\n\n" + "| x | y |\n".repeat(200_000)));
        assertTrue(e.getMessage().contains("lines"), e.getMessage());
    }

    @Test
    void clauses() {
        String within = "1. x\n\n".repeat(ClauseLimit.MAX_CLAUSES);
        assertEquals(ClauseLimit.MAX_CLAUSES, importer.read("d", within).clauses().size());
        DocumentException e = assertThrows(DocumentException.class, () -> importer.read("d", within + "1. x\n"));
        assertTrue(e.getMessage().contains("at most " + ClauseLimit.MAX_CLAUSES + " clauses"), e.getMessage());
    }

    private static void assertRefused(String reason, String markdown) {
        DocumentException e = assertThrows(DocumentException.class, () -> MarkdownGuards.check(markdown));
        assertTrue(e.getMessage().contains(reason), () -> "expected \"" + reason + "\" in: " + e.getMessage());
    }
}
