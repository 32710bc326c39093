package plenary.render;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import plenary.amendment.Amendment;
import plenary.amendment.AmendmentKind;
import plenary.amendment.AmendmentState;
import plenary.deliberation.Ballot;
import plenary.deliberation.BallotChoice;
import plenary.deliberation.BallotKind;
import plenary.deliberation.FormalVote;
import plenary.deliberation.MajorityRule;
import plenary.deliberation.Tally;
import plenary.deliberation.VoteResult;
import plenary.deliberation.VoteStage;
import plenary.deliberation.VoteSubject;
import plenary.document.Clause;
import plenary.document.ClauseKind;
import plenary.document.Document;
import plenary.document.DocumentStatus;
import plenary.document.Fingerprint;
import plenary.document.MarkdownImporter;
import plenary.document.RandomIds;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The official PDF read back: order, numbers, notes, scripts, page furniture, adoption, archive conformance. */
class PdfEditionTest {
    private static Document outcome;
    private static Document multilingual;

    @BeforeAll
    static void samples() throws Exception {
        outcome = read("hrgl-2022-outcome-draft.md");
        multilingual = read("multilingual-draft.md");
    }

    @Test
    void operativeNumbersAndSubParagraphLettersComeOutInClauseOrder() {
        PdfPages pdf = new PdfPages(PdfEdition.render(Edition.of(outcome), Variant.CLEAN));
        String text = pdf.all();
        List<String> numbers = outcome.numbers();
        int at = text.indexOf(outcome.title().substring(0, 30));
        assertTrue(at >= 0, "the title is printed");
        int checked = 0;
        for (int i = 0; i < outcome.clauses().size(); i++) {
            Clause clause = outcome.clauses().get(i);
            if (clause.kind() == ClauseKind.FOOTNOTE) {
                continue;
            }
            String words = firstWords(ClauseMarkdown.plainText(clause.text()), 4);
            String label = switch (clause.kind()) {
                case OPERATIVE -> numbers.get(i) + ". " + words;
                case SUB_PARAGRAPH -> numbers.get(i) + " " + words;
                default -> words;
            };
            int next = text.indexOf(label, at);
            assertTrue(next > at, "clause " + (i + 1) + " \"" + label + "\" follows the one before it");
            at = next;
            checked++;
        }
        assertEquals(outcome.clauses().stream().filter(c -> c.kind() != ClauseKind.FOOTNOTE).count(), checked);
        assertTrue(text.contains("(d) ensuring"), "the fourth sub-paragraph is lettered (d)");
    }

    @Test
    void footnotesAreNumberedByFirstCitationAndPrintedAtTheFootOfThePageThatCitesThem() {
        PdfPages pdf = new PdfPages(PdfEdition.render(Edition.of(outcome), Variant.CLEAN));
        String[][] notes = {
                {"protection of human rights1, which", "1 Human Rights Council Advisory Committee, Role of local government"},
                {"human settlements2,", "2 Transforming our world: the 2030 Agenda"},
                {"Human Rights City3,", "3 Gwangju Guiding Principles for a Human Rights City, adopted"},
                {"approach to data4;", "4 Office of the United Nations High Commissioner for Human Rights, A Human"}};
        for (String[] note : notes) {
            int page = -1;
            for (int p = 0; p < pdf.count() && page < 0; p++) {
                page = pdf.page(p).contains(note[0]) ? p : -1;
            }
            assertTrue(page >= 0, "cited: " + note[0]);
            String text = pdf.page(page);
            assertTrue(text.contains(note[1]), "note under its citation on page " + (page + 1) + ": " + text);
            assertTrue(text.indexOf(note[1]) > text.indexOf(note[0]), "the note sits below the text");
            for (int p = 0; p < pdf.count(); p++) {
                assertTrue(p == page || !pdf.page(p).contains(note[1]), "printed once");
            }
        }
        assertFalse(pdf.all().contains("Notes"), "every note is cited, so none is left for a closing list");
    }

    @Test
    void aNoteNobodyCitesIsStillPrintedAfterTheText() {
        Document doc = new MarkdownImporter(RandomIds.secure()).read("n", """
                1. *Calls upon* cities to act;[^a]

                [^a]: Cited note.

                [^b]: Orphan note.
                """);
        String text = new PdfPages(PdfEdition.render(Edition.of(doc), Variant.CLEAN)).all();
        assertTrue(text.contains("act;1") && text.contains("1 Cited note."), text);
        // Drawn after the text, at the foot of the page; the orphan follows the text under "Notes".
        assertTrue(text.contains("act;1 Notes 2 Orphan note."), text);
    }

    @Test
    void aDraftCarriesTheWatermarkAndRevisionOnEveryPageAndNoAdoptionStamp() {
        Document draft = outcome.withRevision(41);
        PdfPages pdf = new PdfPages(PdfEdition.render(Edition.of(draft), Variant.CLEAN));
        assertTrue(pdf.count() >= 3, "the sample runs over several pages");
        for (int p = 0; p < pdf.count(); p++) {
            String page = pdf.page(p);
            assertTrue(page.contains("DRAFT"), "watermark on page " + (p + 1));
            assertTrue(page.contains("Draft, revision 41"), "revision on page " + (p + 1));
            assertTrue(page.contains("Page " + (p + 1) + " of " + pdf.count()), "page number on page " + (p + 1));
            assertTrue(page.contains("HRGL/2022/OD/1"), "symbol in the header of page " + (p + 1));
            assertFalse(page.contains("Adopted on"), "no adoption stamp on a draft");
            assertFalse(page.contains("SHA-256"));
        }
    }

    @Test
    void theAdoptedTextCarriesDateRevisionAndItsOwnHashAndNoWatermark() {
        Document adopted = outcome.withRevision(57).withStatus(DocumentStatus.ADOPTED);
        String hash = Fingerprint.sha256(adopted);
        Edition edition = new Edition(adopted, List.of(), Map.of(), List.of(),
                new AdoptionStamp(57, hash, "2026-11-27T17:05:00Z"));
        PdfPages pdf = new PdfPages(PdfEdition.render(edition, Variant.CLEAN));
        for (int p = 0; p < pdf.count(); p++) {
            String page = pdf.page(p);
            assertFalse(page.contains("DRAFT"), "no watermark on page " + (p + 1));
            assertFalse(page.contains("Draft, revision"));
            assertTrue(page.contains("Adopted on 27 November 2026, revision 57"), "stamp on page " + (p + 1));
            Matcher printed = Pattern.compile("SHA-256 of the adopted text: ([0-9a-f]{64})").matcher(page);
            assertTrue(printed.find(), "hash on page " + (p + 1));
            assertEquals(Fingerprint.sha256(adopted), printed.group(1), "the printed hash is the text's own");
        }
        // A changed text no longer matches what the adopted PDF certifies.
        Clause first = adopted.clauses().get(0);
        assertNotEquals(hash, Fingerprint.sha256(adopted.replace(first.withText(first.text() + " "))));
    }

    @Test
    void theAdoptedPdfIsPdfA1bByVeraPdf() throws Exception {
        Document adopted = multilingual.withRevision(9).withStatus(DocumentStatus.ADOPTED);
        Edition edition = new Edition(adopted, List.of(), Map.of(), List.of(rollCall(adopted)),
                new AdoptionStamp(9, Fingerprint.sha256(adopted), "2026-11-27T17:05:00Z"));
        byte[] pdf = PdfEdition.render(edition, Variant.CLEAN);
        assertEquals(List.of(), PdfAValidator.failures(pdf, PDFAFlavour.PDFA_1_B));
        assertEquals(List.of(), PdfAValidator.failures(PdfEdition.render(Edition.of(outcome), Variant.CLEAN),
                PDFAFlavour.PDFA_1_B), "drafts are archival too");
    }

    @Test
    void veraPdfDoesRejectAnOrdinaryPdf() throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        org.openpdf.text.Document plain = new org.openpdf.text.Document();
        org.openpdf.text.pdf.PdfWriter.getInstance(plain, out);
        plain.open();
        plain.add(new org.openpdf.text.Paragraph("Helvetica, not embedded, no output intent"));
        plain.close();
        assertFalse(PdfAValidator.failures(out.toByteArray(), PDFAFlavour.PDFA_1_B).isEmpty(),
                "the validator can fail, so its pass above means something");
    }

    @Test
    void everyScriptOfTheMultilingualSampleIsInTheExtractedText() {
        String text = new PdfPages(PdfEdition.render(Edition.of(multilingual), Variant.CLEAN)).all();
        for (Clause clause : multilingual.clauses()) {
            if (clause.kind() == ClauseKind.FOOTNOTE) {
                continue;
            }
            String words = PdfPages.flat(ClauseMarkdown.plainText(clause.text()));
            // CJK has no spaces to break at: compare its first characters; elsewhere the first words.
            String probe = words.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)
                    ? words.substring(0, 12) : firstWords(words, 5);
            assertTrue(text.replace(" ", "").contains(probe.replace(" ", "")) || text.contains(probe),
                    "extracted text holds: " + probe);
        }
        assertTrue(text.contains("Υπενθυμίζοντας ότι οι τοπικές"), "Greek");
        assertTrue(text.contains("Призывает национальные правительства"), "Cyrillic");
        assertTrue(text.contains("Invite les collectivités locales et régionales à adopter des plans"), "French");
        assertTrue(text.contains("¿qué funciona realmente"), "Spanish");
        assertTrue(text.contains("鼓励地方政府与大学和国家人权机构开展合作"), "Chinese");
        assertTrue(text.contains("تدعو الحكومات المحلية والإقليمية إلى إدماج حقوق الإنسان"), "Arabic, shaped and in logical order");
        assertTrue(text.contains("UN-Habitat") && text.contains("OHCHR") && text.contains("(Agenda 2030)"),
                "Latin inside an Arabic paragraph keeps its own order");
    }

    @Test
    void anArabicParagraphIsSetRightToLeftOnThePage() {
        Document doc = new MarkdownImporter(RandomIds.secure()).read("rtl", """
                1. *تدعو* الحكومات المحلية إلى العمل؛

                2. *Invites* local governments to act;
                """);
        PdfPages pdf = new PdfPages(PdfEdition.render(Edition.of(doc), Variant.CLEAN));
        BufferedImage page = pdf.image(0, 72);
        List<int[]> bands = inkBands(page);
        assertEquals(2, bands.size(), "two one-line paragraphs");
        int middle = page.getWidth() / 2;
        int[] arabic = inkColumns(page, bands.get(0));
        int[] latin = inkColumns(page, bands.get(1));
        assertTrue(arabic[0] > middle, "the Arabic line starts on the right half: ink from x=" + arabic[0]);
        assertTrue(arabic[1] > page.getWidth() - PdfStyle.MARGIN_SIDE - 4, "and reaches the right margin");
        assertTrue(latin[0] < PdfStyle.MARGIN_SIDE + 4, "the English line starts at the left margin");
        assertTrue(latin[1] < middle + 60, "and stops well before the right one: ink to x=" + latin[1]);
    }

    /**
     * Issue 19: the compilation of an adopted text marked every paragraph "[bracketed]" and said
     * "with every pending amendment" under the Adopted stamp. It now says what it is, in both formats.
     */
    @Test
    void theCompilationOfAnAdoptedTextSaysWhatItIsAndMarksNoStatus() {
        AdoptionStamp stamp = new AdoptionStamp(12, "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                "2026-11-27T10:00:00Z");
        Edition adopted = new Edition(outcome.withStatus(plenary.document.DocumentStatus.ADOPTED), List.of(), Map.of(),
                List.of(), stamp);
        String pdf = new PdfPages(PdfEdition.render(adopted, Variant.COMPILATION)).all();
        assertTrue(pdf.contains("Compilation text of the adopted text: no amendment was pending at adoption"), pdf);
        assertFalse(pdf.contains("[bracketed]") || pdf.contains("[agreed]") || pdf.contains("with every pending amendment"),
                pdf.substring(0, 600));
        String html = HtmlEdition.render(adopted, Variant.COMPILATION);
        assertTrue(html.contains("Compilation text of the adopted text: no amendment was pending at adoption."), html);
        assertFalse(html.contains("class=\"status") || html.contains("with every pending amendment"), html);
        // Preambular paragraphs keep their numbers there, for citing (the clean text prints none).
        assertTrue(pdf.contains("[PP1]") && html.contains("<span class=\"pp-number\">PP1</span>"), html);
        // The draft's compilation still marks each paragraph's status, a preambular one with its number.
        String draft = new PdfPages(PdfEdition.render(new Edition(outcome, List.of(), Map.of(), List.of(), null),
                Variant.COMPILATION)).all();
        assertTrue(draft.contains("[bracketed]") && draft.contains("[PP1 · bracketed]"), draft.substring(0, 600));
        assertFalse(new PdfPages(PdfEdition.render(new Edition(outcome, List.of(), Map.of(), List.of(), null),
                Variant.CLEAN)).all().contains("PP1"), "the clean text numbers no preambular paragraph");
    }

    @Test
    void theCompilationShowsEachPendingAmendmentUnderItsClause() {
        Clause op1 = firstOf(outcome, ClauseKind.OPERATIVE);
        Clause pp1 = firstOf(outcome, ClauseKind.PREAMBULAR);
        String modified = op1.text().replace("Calls upon", "Strongly urges");
        List<Amendment> pending = List.of(
                amendment("a1", AmendmentKind.MODIFY, op1, modified, "City of Graz", List.of("Gwangju")),
                amendment("a2", AmendmentKind.DELETE, pp1, null, "UCLG", List.of()),
                amendment("a3", AmendmentKind.MODIFY, op1, op1.text().replace("Calls upon", "Requests"), "UCLG", List.of()));
        Edition edition = new Edition(outcome, pending, Map.of("a1", "g1", "a3", "g1"), List.of(), null);
        String text = new PdfPages(PdfEdition.render(edition, Variant.COMPILATION)).all();
        assertTrue(text.contains("Compilation text"));
        int clause = text.indexOf("1. [bracketed]");
        assertTrue(clause > 0, "operative 1 with its status badge: " + text.substring(0, 400));
        int a1 = text.indexOf("A1 (modify OP1) by City of Graz, Gwangju");
        int a3 = text.indexOf("A3 (modify OP1) by UCLG");
        assertTrue(a1 > clause && a3 > a1, "both amendments follow their clause, in order");
        assertTrue(text.substring(a1, a3).contains("conflict group C1"), "the conflict is marked");
        assertTrue(text.substring(a1, a3).contains("Calls upon Strongly urges"), "deleted then inserted words");
        int a2 = text.indexOf("A2 (delete PP1) by UCLG");
        assertTrue(a2 > 0 && a2 < clause, "the deletion sits under the preambular paragraph it deletes");
        assertFalse(new PdfPages(PdfEdition.render(edition, Variant.CLEAN)).all().contains("A1 (modify"),
                "the clean text has no amendments");
    }

    @Test
    void theAnnexRecordsFormalVotesWithTheRollCall() {
        Edition edition = new Edition(outcome, List.of(), Map.of(), List.of(rollCall(outcome)), null);
        PdfPages pdf = new PdfPages(PdfEdition.render(edition, Variant.CLEAN));
        String last = pdf.page(pdf.count() - 1);
        assertTrue(last.contains("Annex: record of formal votes"));
        assertTrue(last.contains("Vote 1: Shall operative paragraph 3 be adopted?"));
        assertTrue(last.contains("two-thirds of votes cast"));
        assertTrue(last.contains("In favour 2 Against 1 Abstentions 0"), last);
        assertTrue(last.contains("City of Graz (Ana Novak): In favour"));
        assertTrue(last.contains("UCLG (Lee Min): Against"));
        assertTrue(last.contains("Quorum 3 Present 3"));
        assertTrue(last.contains("Subject Paragraph 3"), "the subject by its number");
    }

    @Test
    void freeTextKeepsListsTablesQuotesAndOnlySafeLinks() throws Exception {
        Document doc = new MarkdownImporter(RandomIds.secure()).read("rich", """
                # Rich text

                ## I. Section with a [link](https://example.org/section)

                Free text with **bold**, ~~struck~~, ++inserted++, a <b>raw tag</b> and [bad](javascript:alert(1)).

                - first bullet
                - second bullet

                | Region | Cities |
                |---|---|
                | Europe | 120 |

                > A quoted passage.
                """);
        byte[] bytes = PdfEdition.render(Edition.of(doc), Variant.CLEAN);
        String text = new PdfPages(bytes).all();
        assertTrue(text.contains("I. Section with a link"), text);
        assertTrue(text.contains("a <b>raw tag</b> and bad."), "raw HTML is printed as text; a refused link keeps its words");
        assertTrue(text.contains("first bullet") && text.contains("second bullet") && text.contains("•"), text);
        assertTrue(text.contains("Region Cities Europe 120"), "the table, without its |---| line: " + text);
        assertFalse(text.contains("---"));
        assertTrue(text.contains("A quoted passage."));
        List<String> links = new ArrayList<>();
        try (var pdf = org.apache.pdfbox.Loader.loadPDF(bytes)) {
            for (var annotation : pdf.getPage(0).getAnnotations()) {
                if (annotation instanceof org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink link
                        && link.getAction() instanceof org.apache.pdfbox.pdmodel.interactive.action.PDActionURI uri) {
                    links.add(uri.getURI());
                }
            }
        }
        assertEquals(List.of("https://example.org/section"), links, "one live link, and never the javascript: one");
    }

    private static FormalVote rollCall(Document document) {
        String clauseId = document.clauses().stream().filter(c -> c.kind() == ClauseKind.OPERATIVE).skip(2)
                .findFirst().orElseThrow().id();
        List<Ballot> ballots = List.of(new Ballot("City of Graz", "Ana Novak", BallotChoice.YES),
                new Ballot("Gwangju", "Kim Ji", BallotChoice.YES), new Ballot("UCLG", "Lee Min", BallotChoice.NO));
        VoteResult result = new VoteResult(3, 3, true, new Tally(2, 1, 0), MajorityRule.TWO_THIRDS, true,
                "carried: 2 in favour, 1 against");
        return new FormalVote("v1", VoteSubject.CLAUSE, clauseId, "Shall operative paragraph 3 be adopted?",
                MajorityRule.TWO_THIRDS, BallotKind.ROLL_CALL, 3, List.of("City of Graz", "Gwangju", "UCLG"),
                VoteStage.CLOSED, List.of("City of Graz", "Gwangju", "UCLG"), ballots, result,
                "2026-11-27T15:00:00Z", "2026-11-27T15:10:00Z");
    }

    private static Amendment amendment(String id, AmendmentKind kind, Clause clause, String proposed, String sponsor,
                                       List<String> cosponsors) {
        return new Amendment(id, kind, clause.id(), null, null, clause.version(), clause.text(), proposed, sponsor,
                cosponsors, "", "u-" + id, "Author " + id, AmendmentState.TABLED, null, List.of(),
                "2026-11-27T14:00:00Z");
    }

    private static Clause firstOf(Document document, ClauseKind kind) {
        return document.clauses().stream().filter(c -> c.kind() == kind).findFirst().orElseThrow();
    }

    /** Row ranges [top, bottom) holding dark ink between the header and footer rules. */
    private static List<int[]> inkBands(BufferedImage page) {
        List<int[]> bands = new ArrayList<>();
        int top = (int) PdfStyle.MARGIN_TOP;
        int bottom = page.getHeight() - (int) PdfStyle.MARGIN_BOTTOM;
        int start = -1;
        for (int y = top; y < bottom; y++) {
            boolean ink = inkColumns(page, new int[]{y, y + 1})[0] >= 0;
            if (ink && start < 0) {
                start = y;
            } else if (!ink && start >= 0) {
                bands.add(new int[]{start, y});
                start = -1;
            }
        }
        return bands;
    }

    /** The leftmost and rightmost column with dark ink in a band; {-1, -1} when blank. */
    private static int[] inkColumns(BufferedImage page, int[] band) {
        int left = -1;
        int right = -1;
        for (int y = band[0]; y < band[1]; y++) {
            for (int x = 0; x < page.getWidth(); x++) {
                int rgb = page.getRGB(x, y);
                int grey = ((rgb >> 16 & 0xFF) + (rgb >> 8 & 0xFF) + (rgb & 0xFF)) / 3;
                if (grey < 110) {
                    left = left < 0 ? x : Math.min(left, x);
                    right = Math.max(right, x);
                }
            }
        }
        return new int[]{left, right};
    }

    private static String firstWords(String text, int n) {
        String[] words = PdfPages.flat(text).split(" ");
        return String.join(" ", java.util.Arrays.copyOf(words, Math.min(n, words.length)));
    }

    private static Document read(String sample) throws Exception {
        return new MarkdownImporter(RandomIds.secure()).read("d-" + sample,
                Files.readString(Path.of("samples", sample)));
    }
}
