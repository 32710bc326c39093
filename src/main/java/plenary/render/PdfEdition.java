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
            // A heading's text is inline Markdown; "1. Introduction" alone would parse as a list.
            parsed.put(clause.id(), ClauseMarkdown.parse(
                    clause.kind() == ClauseKind.HEADING ? "## " + clause.text() : clause.text()));
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
        writer.setPageEvent(new PdfPageDecor(edition, fonts));
        pdf.open();
        PdfArchive.outputIntent(writer);

        titleBlock(pdf, edition, inlines, variant);
        List<String> numbers = text.numbers();
        for (int i = 0; i < text.clauses().size(); i++) {
            Clause clause = text.clauses().get(i);
            if (clause.kind() == ClauseKind.FOOTNOTE) {
                continue;
            }
            String badge = compilation != null && numbers.get(i) != null ? Wording.status(clause.status()) : null;
            pdf.add(clauses.clause(clause, numbers.get(i), parsed.get(clause.id()), badge));
            if (compilation != null) {
                for (PendingChange change : compilation.on(clause.id())) {
                    pdf.add(clauses.pending(change, clause));
                }
            }
        }
        notes(pdf, notes, inlines);
        if (!edition.votes().isEmpty()) {
            new PdfVoteAnnex(inlines).add(pdf, edition.votes(), text, edition.pending());
        }
        pdf.close();
        return out.toByteArray();
    }

    private static void titleBlock(Document pdf, Edition edition, PdfInlines inlines, Variant variant) {
        DocumentMeta meta = edition.document().meta();
        PdfInlines.Look look = PdfInlines.Look.body(PdfStyle.BODY);
        StringBuilder placeDate = new StringBuilder();
        meta.place().ifPresent(placeDate::append);
        meta.date().ifPresent(d -> placeDate.append(placeDate.isEmpty() ? "" : ", ").append(d));
        meta.conference().ifPresent(c -> pdf.add(line(inlines, c, look.bolder(), Element.ALIGN_LEFT)));
        if (!placeDate.isEmpty()) {
            pdf.add(line(inlines, placeDate.toString(), look, Element.ALIGN_LEFT));
        }
        meta.symbol().ifPresent(s -> pdf.add(line(inlines, "Distr.: " + s, look, Element.ALIGN_RIGHT)));
        Wording.original(meta).ifPresent(o -> pdf.add(line(inlines, o, look, Element.ALIGN_RIGHT)));

        Paragraph title = PdfBlocks.paragraph(inlines.phrase(ClauseMarkdown.parse("# " + edition.document().title())
                .getFirstChild(), PdfInlines.Look.body(PdfStyle.TITLE).bolder()), look, Element.ALIGN_CENTER);
        title.setSpacingBefore(18);
        title.setSpacingAfter(variant == Variant.COMPILATION ? 4 : 16);
        pdf.add(title);
        if (variant == Variant.COMPILATION) {
            Paragraph sub = line(inlines, "Compilation text: the current text with every pending amendment",
                    look.italicised(), Element.ALIGN_CENTER);
            sub.setSpacingAfter(14);
            pdf.add(sub);
        }
        if (edition.adoption() != null) {
            pdf.add(stamp(edition.adoption(), inlines));
        }
    }

    /** The adoption stamp under the title: date, revision, and the hash anyone can recompute. */
    private static PdfPTable stamp(AdoptionStamp stamp, PdfInlines inlines) {
        PdfPCell cell = new PdfPCell();
        cell.setBorder(Rectangle.BOX);
        cell.setBorderColor(PdfStyle.RULE);
        cell.setPadding(8);
        PdfInlines.Look look = PdfInlines.Look.body(PdfStyle.SMALL);
        cell.addElement(line(inlines, Wording.adoptedLine(stamp), look.bolder(), Element.ALIGN_LEFT));
        cell.addElement(line(inlines, Wording.hashLine(stamp), look, Element.ALIGN_LEFT));
        PdfPTable table = new PdfPTable(1);
        table.setWidthPercentage(100);
        table.setSpacingAfter(16);
        table.addCell(cell);
        return table;
    }

    private static void notes(Document pdf, Footnotes notes, PdfInlines inlines) {
        if (notes.all().isEmpty()) {
            return;
        }
        PdfInlines.Look small = PdfInlines.Look.body(PdfStyle.SMALL);
        Paragraph heading = line(inlines, "Notes", small.bolder(), Element.ALIGN_LEFT);
        heading.setSpacingBefore(14);
        pdf.add(heading);
        PdfBlocks blocks = new PdfBlocks(inlines);
        for (Footnotes.Note note : notes.all()) {
            Phrase mark = new Phrase();
            inlines.text(Integer.toString(note.number()), small.raised(), mark);
            PdfPCell number = new PdfPCell(mark);
            number.setBorder(Rectangle.NO_BORDER);
            PdfPCell body = new PdfPCell();
            body.setBorder(Rectangle.NO_BORDER);
            body.setPadding(0);
            TextDirection direction = TextDirection.of(note.content());
            body.setRunDirection(PdfClauses.runDirection(direction));
            blocks.blocks(note.content(), small, Element.ALIGN_LEFT).forEach(body::addElement);
            PdfPTable row = new PdfPTable(new float[]{1, 19});
            row.setWidthPercentage(100);
            row.setRunDirection(PdfClauses.runDirection(direction));
            row.addCell(number);
            row.addCell(body);
            pdf.add(row);
        }
    }

    static Paragraph line(PdfInlines inlines, String text, PdfInlines.Look look, int alignment) {
        Phrase phrase = new Phrase();
        inlines.text(text, look, phrase);
        return PdfBlocks.paragraph(phrase, look, alignment);
    }
}
