package plenary.render;

import org.junit.jupiter.api.Test;
import plenary.amendment.Amendment;
import plenary.amendment.AmendmentKind;
import plenary.amendment.AmendmentState;
import plenary.deliberation.BallotKind;
import plenary.deliberation.FormalVote;
import plenary.deliberation.MajorityRule;
import plenary.deliberation.Tally;
import plenary.deliberation.VoteCount;
import plenary.deliberation.VoteStage;
import plenary.deliberation.VoteSubject;
import plenary.document.Clause;
import plenary.document.Document;
import plenary.document.DocumentStatus;
import plenary.document.MarkdownImporter;
import plenary.document.RandomIds;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The corners of the PDF: empty clauses, amendments with no paragraph to sit under, Arabic tables, nested lists. */
class PdfEditionEdgeTest {
    private static Document read(String markdown) {
        return new MarkdownImporter(RandomIds.seeded(5)).read("edge", markdown);
    }

    @Test
    void aCompilationWithAnEmptyNumberedClauseStillRendersItsBadge() {
        Document doc = read("1. *Calls upon* cities to act;\n\n2. *Urges* all to act;\n");
        Clause second = doc.clauses().get(1);
        doc = doc.replace(second.withText(""));
        String text = new PdfPages(PdfEdition.render(Edition.of(doc), Variant.COMPILATION)).all();
        assertTrue(text.contains("1. [bracketed] Calls upon cities to act;"), text);
        assertTrue(text.contains("2. [bracketed]"), "the empty paragraph keeps its number and badge: " + text);
    }

    @Test
    void amendmentsToAFootnoteOrToAParagraphNoLongerThereAreStillInTheCompilation() {
        Document doc = read("1. *Calls upon* cities to act;[^a]\n\n[^a]: A note on cities.\n");
        Clause note = doc.clauses().get(1);
        Amendment onNote = amendment("n1", note, note.text().replace("cities", "towns"), "Graz");
        Amendment gone = new Amendment("g1", AmendmentKind.MODIFY, "no-such-clause", null, null, 0, "Old words here.",
                "New words here.", "UCLG", List.of(), "", "u", "A", AmendmentState.TABLED, null, List.of(), "t");
        String text = new PdfPages(PdfEdition.render(new Edition(doc, List.of(onNote, gone), Map.of(), List.of(), null),
                Variant.COMPILATION)).all();
        assertTrue(text.contains("Amendments to footnotes and to paragraphs no longer in the text"), text);
        assertTrue(text.contains("A1 (modify) by Graz"), "the amendment to the footnote: " + text);
        assertTrue(text.contains("A2 (modify) by UCLG") && text.contains("obsolete"), "the obsolete one: " + text);
    }

    @Test
    void aTableInAnArabicClauseIsShapedAndNestedListsKeepTheirMarkers() {
        Document doc = read("""
                | العمود | القيمة |
                |---|---|
                | الحكومات المحلية | عشرة |

                - first level
                  - second level
                    - third level
                """);
        String text = new PdfPages(PdfEdition.render(Edition.of(doc), Variant.CLEAN)).all();
        assertTrue(text.contains("الحكومات المحلية"), "Arabic in a table cell, shaped and in logical order: " + text);
        assertTrue(text.contains("العمود"), text);
        assertTrue(text.contains("• first level") && text.contains("– second level") && text.contains("• third level"),
                "each level keeps a marker: " + text);
    }

    @Test
    void aTextStoredAsAdoptedWithoutItsRecordSaysAdoptedAndShowsNoWatermark() {
        Document doc = read("1. *Calls upon* cities to act;\n").withStatus(DocumentStatus.ADOPTED).withRevision(4);
        String text = new PdfPages(PdfEdition.render(Edition.of(doc), Variant.CLEAN)).all();
        assertTrue(text.contains("Adopted text, revision 4"), text);
        assertFalse(text.contains("DRAFT") || text.contains("not an adopted text"), text);
    }

    @Test
    void theAnnexNamesAVotedAmendmentByItsSponsorAndParagraphNotItsId() {
        Document doc = read("1. *Calls upon* cities to act;\n");
        Clause op1 = doc.clauses().get(0);
        Amendment accepted = amendment("secret-id-1", op1, "*Urges* cities to act;", "City of Graz")
                .inState(AmendmentState.ACCEPTED, null);
        FormalVote vote = new FormalVote("v1", VoteSubject.AMENDMENT, accepted.id(), null, MajorityRule.SIMPLE,
                BallotKind.OPEN, 1, List.of("City of Graz"), VoteStage.CLOSED, List.of("City of Graz"), List.of(),
                VoteCount.count(MajorityRule.SIMPLE, 1, 1, new Tally(1, 0, 0)), "2026-11-27T10:00:00Z",
                "2026-11-27T10:05:00Z");
        Edition edition = new Edition(doc, List.of(), Map.of(), List.of(vote), null,
                Map.of(accepted.id(), "the amendment of City of Graz to paragraph 1 (accepted)"));
        String text = new PdfPages(PdfEdition.render(edition, Variant.CLEAN)).all();
        assertTrue(text.contains("Subject The amendment of City of Graz to paragraph 1 (accepted)"), text);
        assertFalse(text.contains("secret-id-1"), text);
        assertTrue(text.contains("Vote 1: (no question recorded)"), text);
        assertFalse(text.contains("null"), text);
    }

    private static Amendment amendment(String id, Clause clause, String proposed, String sponsor) {
        return new Amendment(id, AmendmentKind.MODIFY, clause.id(), null, null, clause.version(), clause.text(),
                proposed, sponsor, List.of(), "", "u-" + id, "Author", AmendmentState.TABLED, null, List.of(),
                "2026-11-27T09:00:00Z");
    }
}
