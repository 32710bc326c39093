package plenary.render;

import org.openpdf.text.Document;
import org.openpdf.text.Element;
import org.openpdf.text.pdf.ColumnText;
import org.openpdf.text.pdf.PdfContentByte;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfWriter;
import org.openpdf.text.Rectangle;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Lays the body out page by page so that each page ends with the footnotes first cited on it, under
 * a short rule, as UN documents print them. A block moves whole to the next page when it and its
 * notes do not fit; a block taller than a page is split where it stands. The notes of one page
 * take at most {@link #NOTES_SHARE} of it: the rest continue at the foot of the next pages, and a
 * note too long for that space is printed after the text instead, so notes never cover text.
 *
 * <p>Blocks are written straight onto the page, so the document is told the page is not empty
 * before each page break; the page decoration runs on every break as usual.
 */
final class PdfFlow {
    private static final float RULE_GAP = 10;
    private static final float NOTES_SHARE = 0.45f;
    private static final int MAX_PAGES_PER_BLOCK = 1_000;

    private final Document pdf;
    private final PdfWriter writer;
    private final PdfNotes notes;
    private final Set<Integer> placed = new HashSet<>();
    private final List<Footnotes.Note> tooLong = new ArrayList<>();
    private final Deque<PdfPTable> waiting = new ArrayDeque<>();
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
        List<PdfPTable> fresh = new ArrayList<>();
        float freshHeight = 0;
        for (Footnotes.Note note : cited) {
            if (!placed.add(note.number())) {
                continue;
            }
            PdfPTable table = notes.table(note);
            float h = table.calculateHeights(true);
            if (h > cap()) {
                tooLong.add(note);
            } else {
                fresh.add(table);
                freshHeight += h;
            }
        }
        // Recomputed: a status badge may have been set into the block after it was built.
        float height = block.calculateHeights(true);
        float ownNotes = Math.min(freshHeight, cap() - pageNotesHeight);
        boolean tallerThanPage = height > pdf.top() - pdf.bottom() - cap();
        if (!tallerThanPage && pageHasBody && height + keepRoom > room(Math.max(0, ownNotes))) {
            breakPage();
        }
        queueNotes(fresh);
        if (height <= room(0)) {
            block.writeSelectedRows(0, -1, pdf.left(), y, writer.getDirectContent());
            y -= height + block.spacingAfter();
        } else {
            split(block);
        }
        pageHasBody = true;
    }

    /** Ends the body: prints the remaining notes, then those too long for a page foot. */
    void finish(PdfInlines inlines) {
        while (!waiting.isEmpty()) {
            breakPage();
        }
        printNotes();
        writer.setPageEmpty(false);
        if (!tooLong.isEmpty()) {
            pdf.newPage();
            y = pdf.top();
            PdfPTable heading = wrap(PdfEdition.line(inlines, "Notes", PdfInlines.Look.body(PdfStyle.SMALL).bolder(),
                    Element.ALIGN_LEFT));
            split(heading);
            tooLong.forEach(note -> split(notes.table(note)));
            writer.setPageEmpty(false);
        }
    }

    /** Whether a note was placed at the foot of some page or after the text. */
    boolean printed(Footnotes.Note note) {
        return placed.contains(note.number());
    }

    private float cap() {
        return (pdf.top() - pdf.bottom()) * NOTES_SHARE;
    }

    private float room(float extraNotes) {
        float reserved = pageNotesHeight + extraNotes;
        return y - pdf.bottom() - (reserved > 0 ? reserved + RULE_GAP : 0);
    }

    /** New notes join this page's foot while they fit in its share and below the text; the rest wait. */
    private void queueNotes(List<PdfPTable> fresh) {
        waiting.addAll(fresh);
        while (!waiting.isEmpty()) {
            float h = waiting.peekFirst().getTotalHeight();
            if (pageNotesHeight + h > cap() || room(h) < 0) {
                return;
            }
            pageNotes.add(waiting.removeFirst());
            pageNotesHeight += h;
        }
    }

    /** A block that does not fit whole: ColumnText splits it between rows and inside them. */
    private void split(PdfPTable block) {
        ColumnText column = new ColumnText(writer.getDirectContent());
        column.addElement(block);
        for (int pages = 0; ; pages++) {
            if (pages > MAX_PAGES_PER_BLOCK) {
                // Something no page can hold (a line taller than a page): refuse rather than loop.
                throw new IllegalStateException("a paragraph cannot be laid out on any page");
            }
            float reserved = pageNotesHeight > 0 ? pageNotesHeight + RULE_GAP : 0;
            column.setSimpleColumn(pdf.left(), pdf.bottom() + reserved, pdf.right(), y);
            int status = column.go();
            if (!ColumnText.hasMoreText(status)) {
                y = column.getYLine() - block.spacingAfter();
                return;
            }
            breakPage();
        }
    }

    private void breakPage() {
        printNotes();
        writer.setPageEmpty(false);
        pdf.newPage();
        y = pdf.top();
        pageHasBody = false;
        queueNotes(List.of());
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
