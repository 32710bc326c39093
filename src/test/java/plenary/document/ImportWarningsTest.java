package plenary.document;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 19: import never misreads silently. Sub-lists indented four spaces under paragraph 100 or
 * higher were read as paragraphs of their own (171 extra operative paragraphs in a 500-paragraph
 * draft, and wrong numbers from there on), and a draft without front matter printed without a
 * symbol, without a word. Now such sub-lists are the paragraph's, and the import says what it found.
 */
class ImportWarningsTest {
    private static final String FRONT = "---\nsymbol: A/CONF.1/L.1\nconference: Test\n---\n\n";

    @Test
    void aFiveHundredParagraphDraftIndentedFourSpacesKeepsItsSubParagraphsAndNumbers() {
        StringBuilder md = new StringBuilder(FRONT + "# Outcome\n\n");
        List<Integer> itemLines = new ArrayList<>();
        List<Integer> withSubs = new ArrayList<>();
        for (int p = 1; p <= 500; p++) {
            itemLines.add(md.toString().split("\n", -1).length);
            md.append(p).append(". *Decides* on point ").append(p).append(p % 5 == 0 ? ":" : ";").append("\n\n");
            if (p % 5 == 0) {
                withSubs.add(p);
                // As drafters write them: four spaces, whatever the width of the number; bullets and numbers.
                String marker = p % 10 == 0 ? "-" : "1.";
                md.append("    ").append(marker).append(" first part of ").append(p).append(";\n");
                md.append("    ").append(marker.equals("-") ? "-" : "2.").append(" second part of ").append(p).append(";\n\n");
            }
        }
        MarkdownImporter.Imported imported = importer().readWithWarnings("d", md.toString(),
                ParseBudget.within(MarkdownImporter.DEFAULT_DEADLINE));
        Document d = imported.document();
        List<Clause> operative = d.clauses().stream().filter(c -> c.kind() == ClauseKind.OPERATIVE).toList();
        assertEquals(500, operative.size(), "one operative paragraph per number, none made of a sub-paragraph");
        assertEquals(200, d.clauses().stream().filter(c -> c.kind() == ClauseKind.SUB_PARAGRAPH).count());
        for (int p : List.of(1, 99, 100, 101, 437, 500)) {
            int at = d.clauses().indexOf(operative.get(p - 1));
            assertEquals(Integer.toString(p), d.numbers().get(at));
            assertTrue(operative.get(p - 1).text().endsWith("point " + p + (p % 5 == 0 ? ":" : ";")), operative.get(p - 1).text());
        }
        Clause sub = d.clauses().get(d.clauses().indexOf(operative.get(499)) + 2);
        assertEquals("second part of 500;", sub.text());
        // Said for each paragraph from 100 on whose sub-list was read as its own: at the line of its number.
        List<String> said = imported.warnings().stream().filter(w -> w.code().equals("sub-list-indentation"))
                .map(ImportWarning::message).toList();
        List<Integer> expected = withSubs.stream().filter(p -> p >= 100).map(p -> itemLines.get(p - 1)).toList();
        assertEquals(expected.size(), said.size());
        for (int i = 0; i < expected.size(); i++) {
            assertTrue(said.get(i).startsWith("Line " + expected.get(i) + ":"), said.get(i));
        }
        assertEquals(List.of("sub-list-indentation"), codes(imported).stream().distinct().toList(), "nothing else to say");
    }

    @Test
    void subListsIndentedToTheTextAreReadAsBeforeAndNothingIsSaid() {
        String md = FRONT + "# T\n\n100. *Decides*:\n\n     1. first;\n     2. second;\n\n101. *Requests*;\n";
        MarkdownImporter.Imported imported = importer().readWithWarnings("d", md, ParseBudget.within(MarkdownImporter.DEFAULT_DEADLINE));
        assertEquals(List.of(ClauseKind.OPERATIVE, ClauseKind.SUB_PARAGRAPH, ClauseKind.SUB_PARAGRAPH, ClauseKind.OPERATIVE),
                kinds(imported.document()));
        assertEquals(List.of(), codes(imported));
    }

    @Test
    void aDraftWithoutFrontMatterOrSymbolOrVerbsIsImportedAndSaysSo() {
        MarkdownImporter.Imported bare = importer().readWithWarnings("d", "# T\n\n1. *Decides* to act;\n2. cities report;\n",
                ParseBudget.within(MarkdownImporter.DEFAULT_DEADLINE));
        assertEquals(List.of("no-front-matter", "operative-without-verb"), codes(bare));
        assertTrue(bare.warnings().get(1).message().contains("paragraph 2 does not"), bare.warnings().get(1).message());

        MarkdownImporter.Imported noSymbol = importer().readWithWarnings("d", "---\nconference: Test\n---\n\n# T\n\n1. *Decides*;\n",
                ParseBudget.within(MarkdownImporter.DEFAULT_DEADLINE));
        assertEquals(List.of("no-symbol"), codes(noSymbol));

        StringBuilder many = new StringBuilder(FRONT + "# T\n\n");
        for (int p = 1; p <= 14; p++) {
            many.append(p).append(". cities act ").append(p).append(";\n");
        }
        ImportWarning verbs = importer().readWithWarnings("d", many.toString(), ParseBudget.within(MarkdownImporter.DEFAULT_DEADLINE))
                .warnings().getFirst();
        assertTrue(verbs.message().contains("paragraphs 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 and 4 more do not"), verbs.message());
    }

    private static List<ClauseKind> kinds(Document d) {
        return d.clauses().stream().map(Clause::kind).toList();
    }

    private static List<String> codes(MarkdownImporter.Imported imported) {
        return imported.warnings().stream().map(ImportWarning::code).toList();
    }

    private static MarkdownImporter importer() {
        AtomicInteger n = new AtomicInteger();
        return new MarkdownImporter(() -> "c" + n.incrementAndGet());
    }
}
