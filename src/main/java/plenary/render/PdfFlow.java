package plenary.render;

import org.openpdf.text.Document;
import org.openpdf.text.Element;
import org.openpdf.text.pdf.ColumnText;
import org.openpdf.text.pdf.PdfContentByte;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfWriter;
import org.openpdf.text.Rectangle;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Lays the body out page by page so that each page ends with the footnotes first cited on it, under
 * a short rule, as UN documents print them. A block moves whole to the next page when it and its
 * notes do not fit; only a block taller than a page is split, with its notes on the page it starts.
 *
 * <p>Blocks are written straight onto the page, so the document is told the page is not empty
 * before each page break; the page decoration runs on every break as usual.
 */
final class PdfFlow {
    private static final float RULE_GAP = 10;

    private final Document pdf;
    private final PdfWriter writer;
    private final PdfNotes notes;
    private final Set<Integer> printed = new HashSet<>();
    private final List<PdfPTable> pageNotes = new ArrayList<>();
    private float pageNotesHeight;
    private float y;
    private boolean pageHasBody;

    PdfFlow(Document pdf, PdfWriter writer, PdfNotes notes) {
        this.pdf = pdf;
        this.writer = writer;
        this.notes = notes;
        this.y = pdf.top();
    }

    /** A paragraph or list outside any clause (the title block), in a borderless full-width table. */
    static PdfPTable wrap(Element element) {
        PdfPCell cell = new PdfPCell();
        cell.setBorder(Rectangle.NO_BORDER);
        cell.setPadding(0);
        cell.addElement(element);
        PdfPTable table = new PdfPTable(1);
        table.setTotalWidth(PdfStyle.textWidth());
        table.setLockedWidth(true);
        table.addCell(cell);
        return table;
    }

    /** Places a block, with the notes it cites that no earlier page has printed. */
    void add(PdfPTable block, List<Footnotes.Note> cited) {
        add(block, cited, 0);
    }

    /**
     * Places a block that must have {@code keepRoom} points below it on the same page: a section
     * heading is not left alone at the foot of a page.
     */
    void add(PdfPTable block, List<Footnotes.Note> cited, float keepRoom) {
        List<Footnotes.Note> fresh = cited.stream().filter(n -> !printed.contains(n.number())).distinct().toList();
        List<PdfPTable> noteTables = fresh.stream().map(notes::table).toList();
        float notesHeight = noteTables.stream().map(t -> t.calculateHeights(true)).reduce(0f, Float::sum);
        // Recomputed: a status badge may have been set into the block after it was built.
        float height = block.calculateHeights(true);
        float after = block.spacingAfter();
        if (height + keepRoom <= room(notesHeight)) {
            block.writeSelectedRows(0, -1, pdf.left(), y, writer.getDirectContent());
            y -= height + after;
        } else if (pageHasBody) {
            breakPage();
            add(block, cited, keepRoom);
            return;
        } else {
            split(block, notesHeight);
        }
        pageHasBody = true;
        fresh.forEach(n -> printed.add(n.number()));
        pageNotes.addAll(noteTables);
        pageNotesHeight += notesHeight;
    }

    /** Ends the body: prints the last page's notes; the next element starts on a fresh page. */
    void finish() {
        printNotes();
        writer.setPageEmpty(false);
    }

    /** Whether a note was printed at the foot of some page. */
    boolean printed(Footnotes.Note note) {
        return printed.contains(note.number());
    }

    private float room(float extraNotes) {
        float reserved = pageNotesHeight + extraNotes;
        return y - pdf.bottom() - (reserved > 0 ? reserved + RULE_GAP : 0);
    }

    /** A block taller than a whole page: ColumnText splits it between rows and inside them. */
    private void split(PdfPTable block, float notesHeight) {
        ColumnText column = new ColumnText(writer.getDirectContent());
        column.addElement(block);
        float reserve = notesHeight > 0 ? notesHeight + RULE_GAP : 0;
        while (true) {
            column.setSimpleColumn(pdf.left(), pdf.bottom() + reserve + pageNotesHeight, pdf.right(), y);
            int status = column.go();
            if (!ColumnText.hasMoreText(status)) {
                y = column.getYLine() - block.spacingAfter();
                return;
            }
            breakPage();
            reserve = 0;
        }
    }

    private void breakPage() {
        printNotes();
        writer.setPageEmpty(false);
        pdf.newPage();
        y = pdf.top();
        pageHasBody = false;
    }

    private void printNotes() {
        if (pageNotes.isEmpty()) {
            return;
        }
        PdfContentByte canvas = writer.getDirectContent();
        float top = pdf.bottom() + pageNotesHeight;
        canvas.saveState();
        canvas.setColorStroke(PdfStyle.RULE);
        canvas.setLineWidth(0.5f);
        canvas.moveTo(pdf.left(), top + RULE_GAP / 2);
        canvas.lineTo(pdf.left() + 120, top + RULE_GAP / 2);
        canvas.stroke();
        canvas.restoreState();
        for (PdfPTable note : pageNotes) {
            note.writeSelectedRows(0, -1, pdf.left(), top, canvas);
            top -= note.getTotalHeight();
        }
        pageNotes.clear();
        pageNotesHeight = 0;
    }
}
