package plenary.render;

import com.vladsch.flexmark.util.ast.Node;
import org.openpdf.text.Document;
import org.openpdf.text.Element;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Phrase;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfWriter;
import org.openpdf.text.Rectangle;
import plenary.document.Clause;
import plenary.document.ClauseKind;
import plenary.document.DocumentMeta;

import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The official PDF of an edition, built from the Flexmark tree with OpenPDF's core API (not its
 * HTML module, which drops Chinese and cannot shape Arabic): the title block, the clauses, the
 * notes, and an annex recording the formal votes; archival PDF/A-1b with every font embedded.
 */
public final class PdfEdition {
    private PdfEdition() {
    }

    public static byte[] render(Edition edition, Variant variant) {
        plenary.document.Document text = edition.document();
        Map<String, Node> parsed = new HashMap<>();
        for (Clause clause : text.clauses()) {
            parsed.put(clause.id(), ClauseMarkdown.parse(clause));
        }
        Footnotes notes = Footnotes.of(text, parsed);
        PdfFonts fonts = new PdfFonts();
        PdfInlines inlines = new PdfInlines(fonts, notes);
        PdfClauses clauses = new PdfClauses(inlines, new PdfBlocks(inlines));
        Compilation compilation = variant == Variant.COMPILATION ? Compilation.of(edition) : null;

        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        Document pdf = new Document(PdfStyle.PAGE, PdfStyle.MARGIN_SIDE, PdfStyle.MARGIN_SIDE,
                PdfStyle.MARGIN_TOP, PdfStyle.MARGIN_BOTTOM);
        PdfWriter writer = PdfWriter.getInstance(pdf, out);
        PdfArchive.prepare(writer, pdf, edition);
        // Justify by widening spaces only: spaced-out letters break Arabic joins and read badly anywhere.
        writer.setSpaceCharRatio(PdfWriter.NO_SPACE_CHAR_RATIO);
        writer.setPageEvent(new PdfPageDecor(edition, fonts));
        pdf.open();
        PdfArchive.outputIntent(writer);

        PdfFlow flow = new PdfFlow(pdf, writer, new PdfNotes(inlines, new PdfBlocks(inlines)));
        titleBlock(flow, edition, inlines, variant);
        List<String> numbers = text.numbers();
        java.util.Set<String> shown = new java.util.HashSet<>();
        for (int i = 0; i < text.clauses().size(); i++) {
            Clause clause = text.clauses().get(i);
            if (clause.kind() == ClauseKind.FOOTNOTE) {
                continue;
            }
            shown.add(clause.id());
            String badge = compilation == null ? null : Wording.compilationMark(clause, numbers.get(i), edition.adopted());
            Node tree = parsed.get(clause.id());
            float keep = clause.kind() == ClauseKind.HEADING ? PdfStyle.HEADING_KEEP : 0;
            flow.add(clauses.clause(clause, numbers.get(i), tree, badge), notes.citedIn(tree), keep);
            if (compilation != null) {
                for (PendingChange change : compilation.on(clause.id())) {
                    flow.add(clauses.pending(change, clause), List.of());
                }
            }
        }
        uncitedNotes(flow, notes, inlines);
        if (compilation != null) {
            unplacedChanges(flow, compilation, edition, shown, clauses, inlines);
        }
        flow.finish(inlines);
        if (!edition.votes().isEmpty()) {
            new PdfVoteAnnex(inlines).add(pdf, edition);
        }
        pdf.close();
        return out.toByteArray();
    }

    private static void titleBlock(PdfFlow pdf, Edition edition, PdfInlines inlines, Variant variant) {
        DocumentMeta meta = edition.document().meta();
        PdfInlines.Look look = PdfInlines.Look.body(PdfStyle.BODY);
        StringBuilder placeDate = new StringBuilder();
        meta.place().ifPresent(placeDate::append);
        meta.date().map(Wording::metaDate).ifPresent(d -> placeDate.append(placeDate.isEmpty() ? "" : ", ").append(d));
        meta.conference().ifPresent(c -> pdf.add(PdfFlow.wrap(line(inlines, c, look.bolder(), Element.ALIGN_LEFT)), List.of()));
        if (!placeDate.isEmpty()) {
            pdf.add(PdfFlow.wrap(line(inlines, placeDate.toString(), look, Element.ALIGN_LEFT)), List.of());
        }
        meta.symbol().ifPresent(s -> pdf.add(PdfFlow.wrap(line(inlines, s, look.bolder(), Element.ALIGN_RIGHT)), List.of()));
        Wording.original(meta).ifPresent(o -> pdf.add(PdfFlow.wrap(line(inlines, o, look, Element.ALIGN_RIGHT)), List.of()));

        Paragraph title = PdfBlocks.paragraph(inlines.phrase(ClauseMarkdown.parse("# " + edition.document().title())
                .getFirstChild(), PdfInlines.Look.body(PdfStyle.TITLE).bolder()), look, Element.ALIGN_CENTER);
        title.setSpacingBefore(18);
        title.setSpacingAfter(variant == Variant.COMPILATION ? 4 : 16);
        pdf.add(PdfFlow.wrap(title), List.of());
        if (variant == Variant.COMPILATION) {
            Paragraph sub = line(inlines, Wording.compilationSubtitle(edition), look.italicised(), Element.ALIGN_CENTER);
            sub.setSpacingAfter(14);
            pdf.add(PdfFlow.wrap(sub), List.of());
        }
        if (edition.adoption() != null) {
            pdf.add(stamp(edition.adoption(), edition.document().meta(), inlines), List.of());
        }
    }

    /** The adoption stamp under the title: date, revision, and the hash anyone can recompute. */
    private static PdfPTable stamp(AdoptionStamp stamp, DocumentMeta meta, PdfInlines inlines) {
        PdfPCell cell = new PdfPCell();
        cell.setBorder(Rectangle.BOX);
        cell.setBorderColor(PdfStyle.RULE);
        cell.setPadding(8);
        PdfInlines.Look look = PdfInlines.Look.body(PdfStyle.SMALL);
        cell.addElement(line(inlines, Wording.adoptedLine(stamp, meta), look.bolder(), Element.ALIGN_LEFT));
        cell.addElement(line(inlines, Wording.hashLine(stamp), look, Element.ALIGN_LEFT));
        PdfPTable table = new PdfPTable(1);
        table.setTotalWidth(PdfStyle.textWidth());
        table.setLockedWidth(true);
        table.setSpacingAfter(16);
        table.addCell(cell);
        return table;
    }

    /**
     * Amendments with no paragraph in the text to sit under: those to a footnote, and obsolete ones
     * whose paragraph is gone. The compilation must still show every pending amendment.
     */
    private static void unplacedChanges(PdfFlow flow, Compilation compilation, Edition edition,
                                        java.util.Set<String> shown, PdfClauses clauses, PdfInlines inlines) {
        List<String> left = compilation.clauseIds().stream().filter(id -> !shown.contains(id)).toList();
        if (left.isEmpty()) {
            return;
        }
        Paragraph heading = line(inlines, "Amendments to footnotes and to paragraphs no longer in the text",
                PdfInlines.Look.body(PdfStyle.BODY).bolder(), Element.ALIGN_LEFT);
        heading.setSpacingBefore(12);
        flow.add(PdfFlow.wrap(heading), List.of(), PdfStyle.HEADING_KEEP);
        for (String clauseId : left) {
            Clause clause = edition.document().clause(clauseId)
                    .orElse(Clause.fresh(clauseId, ClauseKind.FREE_TEXT, ""));
            for (PendingChange change : compilation.on(clauseId)) {
                flow.add(clauses.pending(change, clause), List.of());
            }
        }
    }

    /** A note no paragraph cites has no page to sit at the foot of: it is printed after the text. */
    private static void uncitedNotes(PdfFlow flow, Footnotes notes, PdfInlines inlines) {
        PdfNotes layout = new PdfNotes(inlines, new PdfBlocks(inlines));
        List<Footnotes.Note> left = notes.all().stream().filter(n -> !flow.printed(n)).toList();
        if (left.isEmpty()) {
            return;
        }
        Paragraph heading = line(inlines, "Notes", PdfInlines.Look.body(PdfStyle.SMALL).bolder(), Element.ALIGN_LEFT);
        heading.setSpacingBefore(14);
        flow.add(PdfFlow.wrap(heading), List.of());
        for (Footnotes.Note note : left) {
            flow.add(layout.table(note), List.of());
        }
    }

    static Paragraph line(PdfInlines inlines, String text, PdfInlines.Look look, int alignment) {
        Phrase phrase = new Phrase();
        inlines.text(text, look, phrase);
        return PdfBlocks.paragraph(phrase, look, alignment);
    }
}
