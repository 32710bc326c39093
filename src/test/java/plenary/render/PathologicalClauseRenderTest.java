package plenary.render;

import org.junit.jupiter.api.Test;
import plenary.document.Clause;
import plenary.document.ClauseKind;
import plenary.document.Document;
import plenary.document.DocumentMeta;
import plenary.document.DocumentStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Clauses typed live are not imported, so they reach the renderers without the import's checks: up
 * to 100,000 characters each of whatever a rapporteur types. Each shape below made the parser slow
 * (quadratic or worse) or overflow its stack; the renderers now show such a clause verbatim, and a
 * document of them exports in bounded time. Before, 2 MB of "[a](" alone took minutes per render.
 */
class PathologicalClauseRenderTest {
    private static final int CLAUSE = 100_000;

    private static String fill(String unit) {
        return unit.repeat(CLAUSE / unit.length());
    }

    private static Document document() {
        List<Supplier<String>> shapes = List.of(
                () -> fill("[a]("),                       // a scan to the end for every "(": quadratic
                () -> "a**b" + fill("c* "),                // emphasis closers matched against every opener
                () -> fill("*"),                           // a stack overflow in the parser
                () -> fill("> (x\n"),                      // a quoted paragraph rebuilt per line: cubic
                () -> fill("| x |\n"),                     // a table rebuilt per row: quadratic
                () -> {
                    StringBuilder refs = new StringBuilder();
                    for (int i = 0; refs.length() < CLAUSE; i++) {
                        refs.append("[^n").append(i).append(']');
                    }
                    return refs.toString();               // thousands of footnote references
                });
        List<Clause> clauses = new ArrayList<>();
        clauses.add(Clause.fresh("h", ClauseKind.HEADING, fill("[a](")));
        for (int i = 0; i < 18; i++) {
            ClauseKind kind = i % 3 == 0 ? ClauseKind.OPERATIVE : i % 3 == 1 ? ClauseKind.PREAMBULAR : ClauseKind.FREE_TEXT;
            clauses.add(Clause.fresh("c" + i, kind, shapes.get(i % shapes.size()).get()));
        }
        clauses.add(Clause.fresh("f", ClauseKind.FOOTNOTE, "[^n1]: " + fill("[a](")));
        return new Document("p", "Pathological", DocumentMeta.EMPTY, DocumentStatus.DRAFTING, 0, clauses);
    }

    @Test
    void aDocumentOfPathologicalClausesRendersInBoundedTime() {
        Document document = document();
        Edition edition = Edition.of(document);
        long started = System.nanoTime();
        String html = HtmlEdition.render(edition, Variant.CLEAN);
        long htmlMillis = (System.nanoTime() - started) / 1_000_000;
        started = System.nanoTime();
        byte[] pdf = PdfEdition.render(edition, Variant.COMPILATION);
        long pdfMillis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("%d clauses, %d characters: HTML %d ms (%d KB), compilation PDF %d ms (%d KB)%n",
                document.clauses().size(), document.clauses().stream().mapToInt(c -> c.text().length()).sum(),
                htmlMillis, html.length() / 1024, pdfMillis, pdf.length / 1024);
        // Unbounded, the "[a](" clauses alone took minutes; generous for a loaded machine.
        assertTrue(htmlMillis < 60_000, "HTML took " + htmlMillis + " ms");
        assertTrue(pdfMillis < 120_000, "PDF took " + pdfMillis + " ms");
        // Shown verbatim, not dropped.
        assertTrue(html.contains("[a]([a]([a]("), "the unreadable clause is shown as written");
        assertTrue(html.contains("c* c* c* "), "so is the emphasis one");
        assertTrue(new String(pdf, 0, 8, java.nio.charset.StandardCharsets.ISO_8859_1).startsWith("%PDF-"));
    }

    @Test
    void aClauseThatCannotBeParsedIsOneParagraphOfItsText() {
        var tree = ClauseMarkdown.parse(fill("[a]("));
        assertTrue(tree.getFirstChild() instanceof com.vladsch.flexmark.ast.Paragraph);
        assertTrue(ClauseMarkdown.plainText(fill("*")).startsWith("****"), "the words of a clause that overflowed the parser");
        // An ordinary clause is still parsed.
        assertTrue(ClauseMarkdown.parse("*Recalling* x,").getFirstChild().getFirstChild()
                instanceof com.vladsch.flexmark.ast.Emphasis);
    }

    @Test
    void manyFootnoteReferencesAreNumberedInLinearTime() {
        // Numbering used a list's contains() per reference: 50,000 references were 1.25 billion comparisons.
        List<Clause> clauses = new ArrayList<>();
        for (int c = 0; c < 50; c++) {
            StringBuilder text = new StringBuilder("Cites");
            for (int i = 0; i < 1_000; i++) {
                text.append("[^n").append(c * 1_000 + i).append(']');
            }
            clauses.add(Clause.fresh("c" + c, ClauseKind.FREE_TEXT, text.toString()));
        }
        clauses.add(Clause.fresh("f", ClauseKind.FOOTNOTE, "[^n42]: the note"));
        Document document = new Document("n", "Notes", DocumentMeta.EMPTY, DocumentStatus.DRAFTING, 0, clauses);
        java.util.Map<String, com.vladsch.flexmark.util.ast.Node> parsed = new java.util.HashMap<>();
        document.clauses().forEach(c -> parsed.put(c.id(), ClauseMarkdown.parse(c)));
        long started = System.nanoTime();
        Footnotes notes = Footnotes.of(document, parsed);
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("footnotes of 50,000 references numbered in %d ms%n", millis);
        assertTrue(notes.all().size() == 1 && notes.all().getFirst().number() == 1, notes.all()::toString);
        assertTrue(millis < 10_000, "took " + millis + " ms");
    }
}
