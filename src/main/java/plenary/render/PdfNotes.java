package plenary.render;

import org.openpdf.text.Element;
import org.openpdf.text.Phrase;
import org.openpdf.text.Rectangle;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;

/** One footnote laid out for the foot of a page: its number hanging, its text beside, in small type. */
final class PdfNotes {
    private final PdfInlines inlines;
    private final PdfBlocks blocks;

    PdfNotes(PdfInlines inlines, PdfBlocks blocks) {
        this.inlines = inlines;
        this.blocks = blocks;
    }

    PdfPTable table(Footnotes.Note note) {
        PdfInlines.Look small = PdfInlines.Look.body(PdfStyle.SMALL);
        TextDirection direction = TextDirection.of(note.content());
        Phrase mark = new Phrase();
        inlines.text(Integer.toString(note.number()), PdfInlines.Look.body(PdfStyle.SMALL - 1.5f), mark);
        PdfPCell number = new PdfPCell(mark);
        number.setBorder(Rectangle.NO_BORDER);
        number.setPadding(0);
        number.setUseAscender(true);
        number.setRunDirection(PdfClauses.runDirection(TextDirection.LTR));
        number.setHorizontalAlignment(direction == TextDirection.RTL ? Element.ALIGN_LEFT : Element.ALIGN_RIGHT);
        PdfPCell body = new PdfPCell();
        body.setBorder(Rectangle.NO_BORDER);
        body.setPadding(0);
        body.setUseAscender(true);
        body.setPaddingLeft(direction == TextDirection.RTL ? 0 : 4);
        body.setPaddingRight(direction == TextDirection.RTL ? 4 : 0);
        body.setRunDirection(PdfClauses.runDirection(direction));
        blocks.blocks(note.content(), small, Element.ALIGN_LEFT, direction).forEach(body::addElement);
        float[] widths = {18, PdfStyle.textWidth() - 18};
        PdfPTable row = new PdfPTable(2);
        try {
            row.setTotalWidth(direction == TextDirection.RTL ? new float[]{widths[1], widths[0]} : widths);
        } catch (org.openpdf.text.DocumentException e) {
            throw new IllegalStateException(e);
        }
        row.setLockedWidth(true);
        if (direction == TextDirection.RTL) {
            row.addCell(body);
            row.addCell(number);
        } else {
            row.addCell(number);
            row.addCell(body);
        }
        return row;
    }
}
