package plenary.search;

import org.junit.jupiter.api.Test;
import plenary.amendment.Amendment;
import plenary.amendment.AmendmentKind;
import plenary.amendment.AmendmentState;
import plenary.deliberation.Comment;
import plenary.deliberation.CommentTarget;
import plenary.deliberation.Stance;
import plenary.document.Clause;
import plenary.document.Document;
import plenary.document.DocumentStatus;
import plenary.document.MarkdownImporter;
import plenary.document.RandomIds;
import plenary.negotiation.Event;
import plenary.negotiation.Negotiation;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the index holds of one document and its negotiation, and who may find each entry. */
class EntriesTest {
    private static final String MEETING = "m1";
    private static final String DRAFT = """
            # Entries test

            *Recalling* the European Charter of Local Self-Government[^1],

            ## Commitments

            1. *Calls upon* cities to act;

            2. *Encourages* regions to report;

            [^1]: Adopted in Strasbourg in 1985.
            """;
    /** A draft reaches the delegates of its delegation, not its author as a person. */
    private static final Set<String> FRANCE = Set.of("delegation:m1:France");

    private final Document document = new MarkdownImporter(RandomIds.seeded(3)).read("doc-1", DRAFT);
    private final Negotiation negotiation = new Negotiation(Negotiation.DEFAULT_EDIT_WINDOW);

    @Test
    void paragraphsHeadingsAndFootnotesAreIndexedForEveryoneWithTheirNumbers() {
        Map<String, Entry> byText = byText(Entries.of(document, MEETING, negotiation));
        assertEquals(5, byText.size(), byText.keySet().toString());
        // The index holds the words people read: no Markdown marks, no footnote references.
        Entry pp1 = byText.get("Recalling the European Charter of Local Self-Government,");
        assertEquals("PP1", pp1.number());
        assertEquals(SearchKind.CLAUSE, pp1.kind());
        assertEquals("clause:doc-1:" + pp1.clauseId(), pp1.key());
        assertEquals("Entries test", pp1.documentTitle());
        assertEquals(MEETING, pp1.meetingId());
        assertNull(byText.get("Commitments").number(), "a heading carries no number");
        assertEquals("2", byText.get("Encourages regions to report;").number());
        Entry footnote = byText.get("Adopted in Strasbourg in 1985.");
        assertNull(footnote.number());
        byText.values().forEach(e -> assertEquals(Set.of(Entry.PUBLIC), e.readers(), e.key()));
    }

    @Test
    void anAdoptedTextIsIndexedAsAdoptedLanguage() {
        List<Entry> entries = Entries.of(document.withStatus(DocumentStatus.ADOPTED), MEETING, negotiation);
        assertEquals(5, entries.size());
        entries.forEach(e -> {
            assertEquals(SearchKind.ADOPTED, e.kind());
            assertTrue(e.key().startsWith("adopted:doc-1:"), e.key());
        });
    }

    @Test
    void aBlankParagraphIsNotIndexed() {
        Clause op2 = document.clauses().get(3);
        List<Entry> entries = Entries.of(document.replace(op2.withText("  ")), MEETING, negotiation);
        assertEquals(4, entries.size());
        assertTrue(entries.stream().noneMatch(e -> op2.id().equals(e.clauseId())));
    }

    @Test
    void draftsReachTheirDelegationAndTabledAmendmentsEveryone() {
        String op1 = document.clauses().get(2).id();
        String op2 = document.clauses().get(3).id();
        negotiation.apply(new Event.AmendmentDrafted(draft("A1", op1, "France", "u-fr", "cities and regions")));
        negotiation.apply(new Event.AmendmentDrafted(draft("A2", op2, "Germany", "u-de", "every region")));
        negotiation.apply(new Event.AmendmentTabled("A2"));
        negotiation.apply(new Event.CosponsorJoined("A2", "Brazil"));
        negotiation.apply(new Event.AmendmentDrafted(draft("A3", op1, "France", "u-fr", "nobody ever saw")));
        negotiation.apply(new Event.AmendmentWithdrawn("A3"));
        negotiation.apply(new Event.AmendmentDrafted(draft("A4", op2, "Kenya", "u-ke", "tabled then withdrawn")));
        negotiation.apply(new Event.AmendmentTabled("A4"));
        negotiation.apply(new Event.AmendmentWithdrawn("A4"));

        Map<String, Entry> amendments = Entries.of(document, MEETING, negotiation).stream()
                .filter(e -> e.kind() == SearchKind.AMENDMENT)
                .collect(Collectors.toMap(Entry::targetId, Function.identity()));
        assertEquals(Set.of("A1", "A2", "A4"), amendments.keySet(), "a draft withdrawn before tabling is not indexed");
        Entry a1 = amendments.get("A1");
        assertEquals(FRANCE, a1.readers());
        assertEquals("1", a1.number());
        assertEquals(op1, a1.clauseId());
        assertEquals("amendment:A1", a1.key());
        assertEquals("Calls upon cities and regions to act;\n\nWhy A1", a1.text(), "the proposal, then the rationale");
        assertEquals(Set.of(Entry.PUBLIC), amendments.get("A2").readers());
        assertEquals("2", amendments.get("A2").number());
        // Its number from its tabling (the first tabled here), which a result shows; a draft has none.
        assertEquals("A1", amendments.get("A2").label());
        assertEquals("A2", amendments.get("A4").label());
        assertNull(amendments.get("A1").label());
        assertEquals(Set.of(Entry.PUBLIC), amendments.get("A4").readers(), "a tabled amendment stays on the record");
    }

    @Test
    void aDraftsCosponsorsReadItToo() {
        String op1 = document.clauses().get(2).id();
        Amendment drafted = draft("A1", op1, "France", "u-fr", "cities and towns").withCosponsor("Germany");
        negotiation.apply(new Event.AmendmentDrafted(drafted));
        Entry a1 = Entries.of(document, MEETING, negotiation).stream()
                .filter(e -> e.kind() == SearchKind.AMENDMENT).findFirst().orElseThrow();
        assertEquals(Set.of("delegation:m1:France", "delegation:m1:Germany"), a1.readers());
    }

    @Test
    void commentsFollowWhatTheyDiscussAndDeletedOnesAreGone() {
        String op1 = document.clauses().get(2).id();
        String op2 = document.clauses().get(3).id();
        negotiation.apply(new Event.AmendmentDrafted(draft("A1", op1, "France", "u-fr", "cities and regions")));
        negotiation.apply(new Event.AmendmentDrafted(draft("A2", op2, "Germany", "u-de", "every region")));
        negotiation.apply(new Event.AmendmentTabled("A2"));
        negotiation.apply(new Event.CommentPosted(comment("C1", CommentTarget.CLAUSE, op2, "Regions need a deadline.")));
        negotiation.apply(new Event.CommentPosted(comment("C2", CommentTarget.CLAUSE, op1, "Regrettable wording.")));
        negotiation.apply(new Event.CommentDeleted("C2"));
        negotiation.apply(new Event.CommentPosted(comment("C3", CommentTarget.AMENDMENT, "A1", "Our capital agrees.")));
        negotiation.apply(new Event.CommentPosted(comment("C4", CommentTarget.AMENDMENT, "A2", "Too broad.")));
        negotiation.apply(new Event.CommentPosted(comment("C5", CommentTarget.CLAUSE, op1, "   ")));

        Map<String, Entry> comments = Entries.of(document, MEETING, negotiation).stream()
                .filter(e -> e.kind() == SearchKind.COMMENT)
                .collect(Collectors.toMap(Entry::targetId, Function.identity()));
        assertEquals(Set.of("C1", "C3", "C4"), comments.keySet(), "deleted and blank comments are not indexed");
        assertEquals(Set.of(Entry.PUBLIC), comments.get("C1").readers());
        assertEquals("2", comments.get("C1").number());
        assertEquals(FRANCE, comments.get("C3").readers(), "a comment on a draft is as private as the draft");
        assertEquals(op1, comments.get("C3").clauseId(), "it is placed at the draft's clause");
        assertEquals("1", comments.get("C3").number());
        assertEquals(Set.of(Entry.PUBLIC), comments.get("C4").readers());
        assertFalse(comments.values().stream().anyMatch(e -> e.text().contains("Regrettable")));
    }

    @Test
    void aThreadBegunOnADraftStaysWithItsDelegationOnceTabled() {
        String op1 = document.clauses().get(2).id();
        negotiation.apply(new Event.AmendmentDrafted(draft("A1", op1, "France", "u-fr", "cities and regions")));
        negotiation.apply(new Event.CommentPosted(comment("C1", CommentTarget.AMENDMENT, "A1", "Our capital hesitates.")));
        negotiation.apply(new Event.AmendmentTabled("A1"));
        negotiation.apply(new Event.CommentPosted(new Comment("C2", CommentTarget.AMENDMENT, "A1", "C1", Stance.NEUTRAL,
                "Still hesitating.", "u-fr", "Ms Martin", "France", "2026-11-23T10:05:00Z", null, false, false)));
        negotiation.apply(new Event.CommentPosted(comment("C3", CommentTarget.AMENDMENT, "A1", "Welcome, on the record.")));

        Map<String, Entry> entries = Entries.of(document, MEETING, negotiation).stream()
                .filter(e -> e.targetId() != null)
                .collect(Collectors.toMap(Entry::targetId, Function.identity()));
        assertEquals(Set.of(Entry.PUBLIC), entries.get("A1").readers(), "the amendment is tabled");
        assertEquals(FRANCE, entries.get("C1").readers(), "a note written on the draft stays the delegation's");
        assertEquals(FRANCE, entries.get("C2").readers(), "and so does a reply in its thread, written later");
        assertEquals(Set.of(Entry.PUBLIC), entries.get("C3").readers(), "a thread begun on the tabled text is public");
    }

    private static Amendment draft(String id, String clauseId, String sponsor, String authorId, String words) {
        String text = switch (words) {
            case "cities and regions", "cities and towns" -> "*Calls upon* " + words + " to act;";
            default -> "*Encourages* " + words + " to report;";
        };
        return new Amendment(id, AmendmentKind.MODIFY, clauseId, null, null, 0, null, text, sponsor, List.of(),
                "Why " + id, authorId, "Delegate of " + sponsor, AmendmentState.DRAFT, null, List.of(),
                "2026-11-23T09:00:00Z");
    }

    private static Comment comment(String id, CommentTarget target, String targetId, String body) {
        return new Comment(id, target, targetId, null, Stance.NEUTRAL, body, "u-br", "Ms Souza", "Brazil",
                "2026-11-23T10:00:00Z", null, false, false);
    }

    private static Map<String, Entry> byText(List<Entry> entries) {
        return entries.stream().collect(Collectors.toMap(Entry::text, Function.identity()));
    }
}
