package plenary.render;

import org.junit.jupiter.api.Test;
import plenary.amendment.Amendment;
import plenary.amendment.AmendmentKind;
import plenary.amendment.AmendmentState;
import plenary.deliberation.Ballot;
import plenary.deliberation.BallotChoice;
import plenary.deliberation.BallotKind;
import plenary.deliberation.FormalVote;
import plenary.deliberation.MajorityRule;
import plenary.deliberation.Tally;
import plenary.deliberation.VoteCount;
import plenary.deliberation.VoteStage;
import plenary.deliberation.VoteSubject;
import plenary.document.Clause;
import plenary.document.ClauseKind;
import plenary.document.ClauseStatus;
import plenary.document.Document;
import plenary.document.DocumentStatus;
import plenary.document.MarkdownImporter;
import plenary.document.RandomIds;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HtmlEditionTest {
    private static final Pattern CLAUSE = Pattern.compile(
            "<(?:div|h2) class=\"clause ([a-z-]+)\" id=\"clause-([^\"]+)\" data-clause=\"\\2\"(?: data-number=\"([^\"]+)\")? dir=\"(ltr|rtl)\">");
    private static final Pattern NUMBER = Pattern.compile("<span class=\"num\">([^<]+)</span>");

    private static Document sample(String name) throws IOException {
        return new MarkdownImporter(RandomIds.seeded(5)).read("d", Files.readString(Path.of("samples", name)));
    }

    private static Document draft(String markdown) {
        return new MarkdownImporter(RandomIds.seeded(9)).read("d", markdown);
    }

    // ----- the multilingual sample

    @Test
    void multilingualSampleKeepsEachScriptAndItsDirection() throws IOException {
        Document document = sample("multilingual-draft.md");
        String page = HtmlEdition.render(Edition.of(document), Variant.CLEAN);
        assertEquals(List.of(), InertHtml.problems(page));
        assertTrue(page.startsWith("<!DOCTYPE html>\n<html lang=\"fr\">"), "the language of the front matter");
        assertTrue(page.contains("<meta charset=\"utf-8\">"));
        assertTrue(page.contains("<p class=\"symbol\">HRGL/2022/ML/1</p>"));
        assertTrue(page.contains("<p class=\"original\">Original: French</p>"));
        assertTrue(page.contains("<p class=\"place-date\">Graz, Austria, 8 February 2022</p>"));
        assertTrue(page.contains("<h1 dir=\"ltr\">Déclaration de Graz sur les droits humains au niveau local</h1>"));

        List<String[]> clauses = clauses(page);
        List<Clause> shown = document.clauses().stream().filter(c -> c.kind() != ClauseKind.FOOTNOTE).toList();
        assertEquals(shown.stream().map(Clause::id).toList(), clauses.stream().map(c -> c[1]).toList(),
                "every clause but the footnote, in order, under its own id");
        assertEquals(List.of("PP1", "PP2", "PP3", "PP4", "PP5", "1", "2", "3", "4", "5", "6"),
                clauses.stream().map(c -> c[2]).toList());
        assertEquals(List.of("1.", "2.", "3.", "4.", "5.", "6."), numbers(page));
        // Paragraphs 4 and 6 are Arabic; 6 opens in Arabic though it cites "UN-Habitat" and "2030 Agenda".
        assertEquals(List.of("ltr", "ltr", "ltr", "ltr", "ltr", "ltr", "ltr", "ltr", "rtl", "ltr", "rtl"),
                clauses.stream().map(c -> c[3]).toList());
        for (String words : List.of("<em>Rappelant</em> que les droits humains", "<em>Teniendo presente</em>",
                "<em>Υπενθυμίζοντας</em> ότι", "<em>Призывает</em> национальные", "<em>تدعو</em> الحكومات",
                "<em>鼓励</em>地方政府", "<em>تطلب</em> إلى UN-Habitat")) {
            assertTrue(page.contains(words), words);
        }
        assertTrue(page.contains("horizon 2030<sup class=\"fnref\" id=\"fnref-1\"><a href=\"#fn-1\">1</a></sup> et"));
        assertTrue(page.matches("(?s).*<div class=\"note\" id=\"fn-1\" data-clause=\"[^\"]+\" dir=\"ltr\">\n"
                + "<a class=\"num back\" href=\"#fnref-1\" title=\"Back to the text\">1</a>\n<div class=\"body\">\n"
                + "<p>Résolution 70/1 de l'Assemblée générale.*"), "the note, numbered, with its way back");
        assertFalse(page.contains("[^1]"), "the definition is not printed in place");
        assertTrue(page.indexOf("id=\"fn-1\"") > page.indexOf("</main>"), "notes come after the text");
    }

    @Test
    void aDraftSaysSoAndAnAdoptedTextStatesItsAdoption() throws IOException {
        Document document = sample("multilingual-draft.md").withRevision(12);
        String draft = HtmlEdition.render(Edition.of(document), Variant.CLEAN);
        assertTrue(draft.contains("<div class=\"banner draft\" role=\"note\">\n<p><strong class=\"draft-mark\">DRAFT</strong> "
                + "Draft, revision 12: not an adopted text</p>\n</div>"), draft);
        assertFalse(draft.contains("Adopted on"));

        AdoptionStamp stamp = new AdoptionStamp(12, "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                "2026-11-27T10:00:00Z");
        String adopted = HtmlEdition.render(new Edition(document.withStatus(DocumentStatus.ADOPTED), List.of(), Map.of(),
                List.of(), stamp), Variant.CLEAN);
        assertEquals(List.of(), InertHtml.problems(adopted));
        assertFalse(adopted.contains("DRAFT"));
        assertFalse(adopted.contains("banner draft"));
        assertTrue(adopted.contains("<p class=\"adopted-line\">Adopted on 27 November 2026, revision 12</p>"));
        // Issue 19: the day is the meeting's (front matter "timezone"), not UTC's, and written out.
        AdoptionStamp late = new AdoptionStamp(12, stamp.sha256(), "2026-11-27T23:30:00Z");
        java.util.Map<String, String> fields = new java.util.LinkedHashMap<>(document.meta().fields());
        fields.put("timezone", "Europe/Vienna");
        Document inVienna = new Document(document.id(), document.title(), new plenary.document.DocumentMeta(fields),
                DocumentStatus.ADOPTED, document.revision(), document.clauses());
        assertTrue(HtmlEdition.render(new Edition(inVienna, List.of(), Map.of(), List.of(), late), Variant.CLEAN)
                .contains("Adopted on 28 November 2026, revision 12"), "23:30 UTC is the next day in Vienna");
        assertTrue(HtmlEdition.render(new Edition(document.withStatus(DocumentStatus.ADOPTED), List.of(), Map.of(), List.of(),
                late), Variant.CLEAN).contains("Adopted on 27 November 2026"), "without a time zone, UTC's day");
        assertTrue(adopted.contains("<p class=\"hash\">SHA-256 of the adopted text: "
                + "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08</p>"));
    }

    // ----- the HRGL sample

    @Test
    void hrglSampleNumbersParagraphsAndSubParagraphsAsPrinted() throws IOException {
        Document document = sample("hrgl-2022-outcome-draft.md");
        String page = HtmlEdition.render(Edition.of(document), Variant.CLEAN);
        assertEquals(List.of(), InertHtml.problems(page));
        List<String> expected = new ArrayList<>();
        for (int n = 1; n <= 24; n++) {
            expected.add(n + ".");
            int subs = switch (n) {
                case 2, 8, 18 -> 4;
                case 5, 23 -> 3;
                default -> 0;
            };
            for (int s = 0; s < subs; s++) {
                expected.add("(" + (char) ('a' + s) + ")");
            }
        }
        assertEquals(expected, numbers(page));
        List<String[]> clauses = clauses(page);
        assertEquals(14, clauses.stream().filter(c -> c[0].equals("preambular")).count());
        assertEquals(18, clauses.stream().filter(c -> c[0].equals("sub-paragraph")).count());
        assertTrue(clauses.stream().allMatch(c -> c[3].equals("ltr")));
        assertTrue(page.matches("(?s).*<h2 class=\"clause heading\" id=\"clause-[^\"]+\" data-clause=\"[^\"]+\" dir=\"ltr\">"
                + "Commitments of local and regional governments</h2>.*"));
        assertOrder(page, "Commitments of local and regional governments</h2>", "<span class=\"num\">1.</span>",
                "<span class=\"num\">7.</span>", "Tools and measures</h2>", "<span class=\"num\">8.</span>",
                "Next generation and follow-up</h2>", "<span class=\"num\">24.</span>");
        // The preambular italics open each paragraph, as in the source.
        assertTrue(page.contains("<p><em>Recalling</em> the Universal Declaration of Human Rights"));
        // Four notes, numbered in the order the text cites them, each after the text.
        for (int n = 1; n <= 4; n++) {
            assertTrue(page.contains("<sup class=\"fnref\" id=\"fnref-" + n + "\"><a href=\"#fn-" + n + "\">" + n + "</a></sup>"));
            assertTrue(page.contains("<div class=\"note\" id=\"fn-" + n + "\""));
        }
        assertOrder(page, "id=\"fn-1\"", "Human Rights Council Advisory Committee, Role of local government",
                "id=\"fn-4\"", "A Human Rights-Based Approach to Data");
        assertTrue(page.contains("<a href=\"https://www.ohchr.org/\" rel=\"nofollow noopener\">Office of the United Nations "
                + "High Commissioner for Human Rights</a>"));
        assertTrue(page.contains("<strong>human rights data at the local level</strong>"));
    }

    @Test
    void footnotesAreNumberedByFirstCitationNotByLabel() {
        Document document = draft("""
                # Notes

                1. *Recalls* the Agenda[^habitat] and the Charter[^1];
                2. *Recalls again* the Charter[^1].

                [^1]: The Charter.

                [^habitat]: The New Urban **Agenda**.

                [^spare]: Cited nowhere.
                """);
        String page = HtmlEdition.render(Edition.of(document), Variant.CLEAN);
        assertEquals(List.of(), InertHtml.problems(page));
        assertTrue(page.contains("the Agenda<sup class=\"fnref\" id=\"fnref-1\"><a href=\"#fn-1\">1</a></sup>"));
        assertTrue(page.contains("the Charter<sup class=\"fnref\" id=\"fnref-2\"><a href=\"#fn-2\">2</a></sup>"));
        assertTrue(page.contains("again</em> the Charter<sup class=\"fnref\"><a href=\"#fn-2\">2</a></sup>"),
                "a second citation links to the note but does not repeat the anchor");
        assertOrder(page, "id=\"fn-1\"", "The New Urban <strong>Agenda</strong>.", "id=\"fn-2\"", "The Charter.",
                "id=\"fn-3\"", "Cited nowhere.");
        assertTrue(page.contains("<span class=\"num\">3</span>"), "a note nobody cites has no link back");
    }

    @Test
    void freeTextKeepsItsMarkdownBlocks() {
        Document document = draft("""
                # Blocks

                A list:

                - first
                - second

                > A quotation.

                | Region | Cities |
                |--------|--------|
                | Europe | 12     |

                Some ~~old~~ ++new++ words and `code`.
                """);
        String page = HtmlEdition.render(Edition.of(document), Variant.CLEAN);
        assertEquals(List.of(), InertHtml.problems(page));
        assertTrue(page.contains("<ul>\n<li>first</li>\n<li>second</li>\n</ul>"), page);
        assertTrue(page.contains("<blockquote>\n<p>A quotation.</p>\n</blockquote>"), page);
        assertTrue(page.contains("<td>Europe</td>"), page);
        assertTrue(page.contains("Some <del>old</del> <ins>new</ins> words and <code>code</code>."), page);
        assertTrue(clauses(page).stream().allMatch(c -> c[0].equals("free-text")));
    }

    // ----- the compilation

    @Test
    void compilationShowsEachPendingChangeUnderItsClause() {
        Document base = draft("""
                # Compilation

                *Recalling* the Charter of the United Nations,

                1. *Calls upon* cities to act;
                2. *Encourages* regions to plan;
                   1. with residents;
                   2. with data;
                3. *Decides* to meet again.
                """);
        List<Clause> c = base.clauses();
        Clause pp1 = c.get(0);
        Clause op1 = c.get(1);
        Clause op2 = c.get(2);
        Clause subA = c.get(3);
        Clause op3 = c.get(5);
        Document document = base.replace(op1.withStatus(ClauseStatus.AGREED)).replace(op2.withStatus(ClauseStatus.AGREED_AD_REF));
        List<Amendment> pending = List.of(
                amendment("am-ins", AmendmentKind.INSERT, op1.id(), null, "*Urges* States to help;", "Graz", List.of("Gwangju")),
                amendment("am-mod", AmendmentKind.MODIFY, op2.id(), null, "*Encourages* regions and cities to plan together;",
                        "Barcelona", List.of()),
                amendment("am-del", AmendmentKind.DELETE, subA.id(), null, null, "Vienna", List.of()),
                amendment("am-mov", AmendmentKind.MOVE, op3.id(), pp1.id(), null, "Utrecht", List.of()),
                compromise("am-cmp", op1.id(), "*Calls upon* cities and regions to act;", List.of("am-mod", "am-gone")),
                amendment("am-x", AmendmentKind.MODIFY, pp1.id(), null, "*Recalling* the Charter,", "Lyon", List.of()),
                amendment("am-y", AmendmentKind.MODIFY, pp1.id(), null, "*Recalling* the whole Charter of the United Nations,",
                        "Porto", List.of()),
                amendment("am-ins2", AmendmentKind.INSERT, op1.id(), null, "*Invites* towns to help;", "Quito", List.of()));
        Edition edition = new Edition(document, pending, Map.of("am-x", "group-7", "am-y", "group-7"), List.of(), null);
        String page = HtmlEdition.render(edition, Variant.COMPILATION);
        assertEquals(List.of(), InertHtml.problems(page));

        String insert = change(page, "am-ins");
        assertTrue(insert.contains("A1 (new paragraph OP1 bis) by Graz, Gwangju"), insert);
        assertTrue(insert.contains("<ins>Urges States to help;</ins>"), insert);
        // A second paragraph proposed after the same one is "ter", as UN compilations number them.
        assertTrue(change(page, "am-ins2").contains("A8 (new paragraph OP1 ter) by Quito"), change(page, "am-ins2"));
        String modify = change(page, "am-mod");
        assertTrue(modify.contains("A2 (modify OP2) by Barcelona"), modify);
        assertTrue(modify.contains("<span class=\"standing current\">current</span>"), modify);
        assertEquals(List.of("and cities ", " together"), marked(modify, "ins"), modify);
        assertEquals(List.of(), marked(modify, "del"), modify);
        assertTrue(modify.contains("Encourages regions <ins>and cities </ins>to plan<ins> together</ins>;"), modify);
        String delete = change(page, "am-del");
        assertTrue(delete.contains("A3 (delete OP2(a)) by Vienna"), delete);
        assertEquals(List.of("with residents;"), marked(delete, "del"), delete);
        String move = change(page, "am-mov");
        assertTrue(move.contains("A4 (move OP3) by Utrecht"), move);
        assertTrue(move.contains("<p class=\"move\">Move after PP1</p>"), move);
        String compromise = change(page, "am-cmp");
        assertTrue(compromise.contains("A5 (modify OP1, rapporteurs&#39; compromise replacing A2, am-gone)"), compromise);
        assertEquals(List.of("and regions "), marked(compromise, "ins"), compromise);

        // Two changes to the same words: one conflict group, labelled C1 on both and in the legend.
        for (String id : List.of("am-x", "am-y")) {
            assertTrue(change(page, id).contains("<span class=\"conflict\">C1</span>"), id);
        }
        assertTrue(page.contains("<li><span class=\"conflict\">C1</span> A6, A7</li>"), page);
        assertEquals(List.of(" of the United Nations"), marked(change(page, "am-x"), "del"));
        assertEquals(List.of("whole "), marked(change(page, "am-y"), "ins"));
        assertFalse(change(page, "am-ins").contains("class=\"conflict\""));

        // Each change sits under its clause (an insertion under the clause it follows), before the next clause.
        assertOrder(page, "id=\"clause-" + pp1.id() + "\"", "id=\"amendment-am-x\"", "id=\"amendment-am-y\"",
                "id=\"clause-" + op1.id() + "\"", "id=\"amendment-am-ins\"", "id=\"amendment-am-cmp\"",
                "id=\"clause-" + op2.id() + "\"", "id=\"amendment-am-mod\"", "id=\"clause-" + subA.id() + "\"",
                "id=\"amendment-am-del\"", "id=\"clause-" + c.get(4).id() + "\"", "id=\"clause-" + op3.id() + "\"",
                "id=\"amendment-am-mov\"", "</main>");
        // Status badges, one per clause.
        assertTrue(clauseBlock(page, op1.id()).contains("<span class=\"status status-agreed\">agreed</span>"));
        assertTrue(clauseBlock(page, op2.id()).contains("<span class=\"status status-agreed-ad-ref\">agreed ad ref</span>"));
        assertTrue(clauseBlock(page, pp1.id()).contains("<span class=\"status status-bracketed\">bracketed</span>"));
        assertEquals(6, count(page, "<span class=\"status "));
        assertTrue(page.contains("<aside class=\"legend\">"));

        String clean = HtmlEdition.render(edition, Variant.CLEAN);
        assertFalse(clean.contains("<ins>") || clean.contains("class=\"change") || clean.contains("class=\"status ")
                || clean.contains("class=\"legend\""), "the clean text shows none of it");
        assertTrue(clean.contains("<em>Calls upon</em> cities to act;"));
    }

    @Test
    void amendmentsWhoseParagraphIsGoneAreStillShown() {
        Document document = draft("# Gone\n\n1. *Calls upon* cities to act;\n");
        Amendment orphan = amendment("am-old", AmendmentKind.DELETE, "no-such-clause", null, null, "Quito", List.of());
        String page = HtmlEdition.render(new Edition(document, List.of(orphan), Map.of(), List.of(), null), Variant.COMPILATION);
        assertEquals(List.of(), InertHtml.problems(page));
        assertTrue(page.contains("<h2>Amendments to paragraphs no longer in the text</h2>"));
        assertTrue(change(page, "am-old").contains("A1 (delete) by Quito"));
        assertTrue(change(page, "am-old").contains("obsolete: its paragraph is gone"));
    }

    // ----- the vote annex

    @Test
    void annexRecordsEachFormalVoteAndTheRollCall() {
        Document document = draft("# Votes\n\n1. *Calls upon* cities to act;\n");
        String op1 = document.clauses().get(0).id();
        List<Ballot> ballots = List.of(new Ballot("Graz", "Anna Berger", BallotChoice.YES),
                new Ballot("Gwangju", "Min-jun Kim", BallotChoice.NO), new Ballot("Vienna", "Lena Huber", BallotChoice.ABSTAIN));
        FormalVote rollCall = new FormalVote("v1", VoteSubject.CLAUSE, op1, "Shall paragraph 1 be retained?",
                MajorityRule.SIMPLE, BallotKind.ROLL_CALL, 2, List.of("Graz", "Gwangju", "Vienna"), VoteStage.CLOSED,
                List.of("Graz", "Gwangju", "Vienna"), ballots, VoteCount.count(MajorityRule.SIMPLE, 2, 3, new Tally(1, 1, 1)),
                "2026-11-26T09:00:00Z", "2026-11-26T09:20:00Z");
        FormalVote open = new FormalVote("v2", VoteSubject.DOCUMENT, null, "Shall the outcome document be adopted?",
                MajorityRule.TWO_THIRDS, BallotKind.OPEN, 2, List.of("Graz", "Gwangju", "Vienna"), VoteStage.CLOSED,
                List.of("Graz", "Gwangju", "Vienna"), List.of(), VoteCount.count(MajorityRule.TWO_THIRDS, 2, 3, new Tally(3, 0, 0)),
                "2026-11-27T09:00:00Z", "2026-11-27T09:30:00Z");
        String page = HtmlEdition.render(new Edition(document, List.of(), Map.of(), List.of(rollCall, open), null), Variant.CLEAN);
        assertEquals(List.of(), InertHtml.problems(page));
        assertTrue(page.contains("<h2>Annex<br>Record of formal votes</h2>"));
        String first = between(page, "id=\"vote-v1\"", "</section>");
        assertTrue(first.contains("Vote 1: <span class=\"question\" dir=\"ltr\">Shall paragraph 1 be retained?</span>"), first);
        assertTrue(first.contains("<dt>Subject</dt><dd>Paragraph 1</dd>"), first);
        assertTrue(first.contains("<dt>Majority required</dt><dd>simple majority of votes cast</dd>"), first);
        assertTrue(first.contains("<dt>Ballot</dt><dd>roll call</dd>"), first);
        assertTrue(first.contains("<dt>Quorum</dt><dd>2</dd>"), first);
        assertTrue(first.contains("<dt>Present</dt><dd>3</dd>"), first);
        assertTrue(first.contains("<dt>In favour</dt><dd>1</dd>\n<dt>Against</dt><dd>1</dd>\n<dt>Abstentions</dt><dd>1</dd>"), first);
        assertTrue(first.contains("<dd class=\"failed\">Not carried: tie (1 in favour, 1 against, 1 abstention)</dd>"), first);
        assertTrue(first.contains("<tr class=\"yes\"><td>Graz</td><td>In favour</td><td>Anna Berger</td></tr>"), first);
        assertTrue(first.contains("<tr class=\"no\"><td>Gwangju</td><td>Against</td><td>Min-jun Kim</td></tr>"), first);
        assertTrue(first.contains("<tr class=\"abstain\"><td>Vienna</td><td>Abstention</td><td>Lena Huber</td></tr>"), first);
        String second = between(page, "id=\"vote-v2\"", "</section>");
        assertTrue(second.contains("<dt>Subject</dt><dd>The whole document</dd>"), second);
        assertTrue(second.contains("<dt>Ballot</dt><dd>open</dd>"), second);
        assertTrue(second.contains("<dd class=\"carried\">Carried: 3 in favour, 0 against (two-thirds of votes cast)</dd>"), second);
        assertFalse(second.contains("roll-call"), "an open ballot names nobody");
        assertOrder(page, "</main>", "id=\"annex-votes\"", "id=\"vote-v1\"", "id=\"vote-v2\"");

        assertFalse(HtmlEdition.render(Edition.of(document), Variant.CLEAN).contains("id=\"annex-votes\""), "no votes, no annex");
    }

    // ----- helpers

    /** [kind, id, number or null, dir] of each clause block, in page order. */
    private static List<String[]> clauses(String page) {
        List<String[]> out = new ArrayList<>();
        Matcher m = CLAUSE.matcher(page);
        while (m.find()) {
            out.add(new String[] {m.group(1), m.group(2), m.group(3), m.group(4)});
        }
        return out;
    }

    private static List<String> numbers(String page) {
        List<String> out = new ArrayList<>();
        Matcher m = NUMBER.matcher(page.substring(page.indexOf("<main"), page.indexOf("</main>")));
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static String change(String page, String amendmentId) {
        return between(page, "id=\"amendment-" + amendmentId + "\"", "\n</div>\n");
    }

    private static String clauseBlock(String page, String clauseId) {
        return between(page, "id=\"clause-" + clauseId + "\"", "</div>");
    }

    private static List<String> marked(String html, String tag) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("<" + tag + ">([^<]*)</" + tag + ">").matcher(html);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static String between(String page, String from, String to) {
        int start = page.indexOf(from);
        assertTrue(start >= 0, "no " + from);
        int end = page.indexOf(to, start);
        return page.substring(start, end < 0 ? page.length() : end);
    }

    private static void assertOrder(String page, String... parts) {
        int at = -1;
        for (String part : parts) {
            int next = page.indexOf(part, at + 1);
            assertTrue(next > at, part + " is missing or out of order");
            at = next;
        }
    }

    private static int count(String page, String part) {
        return page.split(Pattern.quote(part), -1).length - 1;
    }

    private static Amendment amendment(String id, AmendmentKind kind, String clauseId, String afterId, String proposed,
                                       String sponsor, List<String> cosponsors) {
        // Written against version 0 of the clause, which the test documents are still at: all current.
        return new Amendment(id, kind, clauseId, afterId, kind == AmendmentKind.INSERT ? ClauseKind.OPERATIVE : null, 0,
                null, proposed, sponsor, cosponsors, null, "u-" + id, sponsor, AmendmentState.TABLED, null, List.of(),
                "2026-11-25T10:00:00Z");
    }

    private static Amendment compromise(String id, String clauseId, String proposed, List<String> lineage) {
        return new Amendment(id, AmendmentKind.MODIFY, clauseId, null, null, 0, null, proposed, null, List.of(),
                "Merges the two proposals.", "u-rapporteur", "Rapporteur", AmendmentState.TABLED, null, lineage,
                "2026-11-25T11:00:00Z");
    }
}
