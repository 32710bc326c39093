package plenary.document;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NumberingTest {

    private static Clause c(String id, ClauseKind kind) {
        return Clause.fresh(id, kind, id);
    }

    private static Document doc(Clause... clauses) {
        return new Document("d", "T", DocumentMeta.EMPTY, DocumentStatus.DRAFTING, 0, List.of(clauses));
    }

    @Test
    void derivesPreambularOperativeAndSubParagraphLabels() {
        Document d = doc(c("p1", ClauseKind.PREAMBULAR), c("p2", ClauseKind.PREAMBULAR),
                c("h", ClauseKind.HEADING), c("o1", ClauseKind.OPERATIVE), c("s1", ClauseKind.SUB_PARAGRAPH),
                c("s2", ClauseKind.SUB_PARAGRAPH), c("o2", ClauseKind.OPERATIVE), c("s3", ClauseKind.SUB_PARAGRAPH),
                c("f", ClauseKind.FREE_TEXT), c("n", ClauseKind.FOOTNOTE));
        assertEquals(Arrays.asList("PP1", "PP2", null, "1", "(a)", "(b)", "2", "(a)", null, null), d.numbers());
        // As negotiators cite them (the compilation's amendment headings): a sub-paragraph with its parent.
        assertEquals(Arrays.asList("PP1", "PP2", null, "OP1", "OP1(a)", "OP1(b)", "OP2", "OP2(a)", null, null),
                Numbering.citations(d.clauses()));
    }

    @Test
    void subParagraphLettersGoPastZ() {
        assertEquals("a", Numbering.letters(1));
        assertEquals("z", Numbering.letters(26));
        assertEquals("aa", Numbering.letters(27));
        assertEquals("bb", Numbering.letters(28));
        assertEquals("aaa", Numbering.letters(53));
    }

    @Test
    void insertDeleteAndMoveRenumberButKeepIds() {
        Document d = doc(c("a", ClauseKind.OPERATIVE), c("b", ClauseKind.OPERATIVE), c("c", ClauseKind.OPERATIVE));
        Document inserted = d.insertAfter("a", c("x", ClauseKind.OPERATIVE));
        assertEquals(List.of("a", "x", "b", "c"), ids(inserted));
        assertEquals(List.of("1", "2", "3", "4"), inserted.numbers());

        Document moved = inserted.move("c", null);
        assertEquals(List.of("c", "a", "x", "b"), ids(moved));
        assertEquals("1", moved.numbers().get(moved.indexOf("c")));
        assertEquals("4", moved.numbers().get(moved.indexOf("b")));

        Document removed = moved.remove("a");
        assertEquals(List.of("c", "x", "b"), ids(removed));
        assertEquals("2", removed.numbers().get(removed.indexOf("x")));
        assertEquals(removed.clause("x").orElseThrow(), inserted.clause("x").orElseThrow());
    }

    @Test
    void rejectsDuplicateIdsAndOrphanSubParagraphs() {
        assertThrows(DocumentException.class, () -> doc(c("a", ClauseKind.OPERATIVE), c("a", ClauseKind.OPERATIVE)));
        assertThrows(DocumentException.class, () -> doc(c("s", ClauseKind.SUB_PARAGRAPH)));
        assertThrows(DocumentException.class,
                () -> doc(c("p", ClauseKind.PREAMBULAR), c("s", ClauseKind.SUB_PARAGRAPH)));
        Document ok = doc(c("o", ClauseKind.OPERATIVE), c("s", ClauseKind.SUB_PARAGRAPH));
        // Moving the parent away would orphan the sub-paragraph: refused, the document stays as it was.
        assertThrows(DocumentException.class, () -> ok.move("o", "s"));
        assertThrows(DocumentException.class, () -> ok.move("o", "o"));
        assertThrows(DocumentException.class, () -> ok.remove("missing"));
    }

    @Test
    void clauseVersionCountsTextChanges() {
        Clause clause = Clause.fresh("a", ClauseKind.OPERATIVE, "one");
        Clause changed = clause.withText("two").withText("three");
        assertEquals(2, changed.version());
        assertEquals(ClauseStatus.BRACKETED, changed.status());
        assertEquals(2, changed.withStatus(ClauseStatus.AGREED).version());
    }

    private static List<String> ids(Document d) {
        List<String> ids = new ArrayList<>();
        d.clauses().forEach(c -> ids.add(c.id()));
        return ids;
    }
}
