package plenary.render;

import com.vladsch.flexmark.ast.Heading;
import com.vladsch.flexmark.util.ast.Node;
import org.openpdf.text.Element;
import org.openpdf.text.Phrase;
import org.openpdf.text.Rectangle;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfWriter;
import plenary.amendment.Segment;
import plenary.document.Clause;
import plenary.document.ClauseKind;


/**
 * Lays out one clause the way outcome documents are printed: preambular paragraphs indented on
 * their first line, operative numbers and sub-paragraph letters hanging in their own column, and
 * in the compilation the pending amendments beneath, with insertions bold and underlined and
 * deletions struck through.
 *
 * <p>Each clause is a borderless one-row table: a cell is where OpenPDF applies a run direction,
 * so an Arabic paragraph runs right to left (its number on the right) and Arabic words inside a
 * French one are still shaped and ordered.
 */
final class PdfClauses {
    private final PdfInlines inlines;
    private final PdfBlocks blocks;

    PdfClauses(PdfInlines inlines, PdfBlocks blocks) {
        this.inlines = inlines;
        this.blocks = blocks;
    }

    PdfPTable clause(Clause clause, String number, Node parsed, String badge) {
        PdfPTable table = layout(clause, number, parsed);
        if (badge != null) {
            markStatus(table, badge);
        }
        return table;
    }

    /** The compilation's status badge, small and grey, opening the clause's first line. */
    private void markStatus(PdfPTable table, String badge) {
        Phrase mark = new Phrase();
        inlines.text("[" + badge + "]\u00a0", PdfInlines.Look.body(PdfStyle.SMALL).colored(PdfStyle.GREY), mark);
        // The text is always the widest cell, whichever side the row starts from.
        float[] widths = table.getAbsoluteWidths();
        int widest = 0;
        for (int i = 1; i < widths.length; i++) {
            widest = widths[i] > widths[widest] ? i : widest;
        }
        PdfPCell text = table.getRow(0).getCells()[widest];
        if (text.getCompositeElements() != null) {
            for (Object e : text.getCompositeElements()) {
                if (e instanceof org.openpdf.text.Paragraph p && !p.isEmpty()) {
                    p.add(0, mark);
                    return;
                }
            }
        }
        // Nothing printable in the clause (an empty text, a lone comment): the badge stands alone.
        text.addElement(PdfBlocks.paragraph(mark, PdfInlines.Look.body(PdfStyle.SMALL), Element.ALIGN_LEFT));
    }

    private PdfPTable layout(Clause clause, String number, Node parsed) {
        TextDirection direction = TextDirection.of(parsed);
        PdfInlines.Look body = PdfInlines.Look.body(PdfStyle.BODY);
        PdfPCell text = cell(direction);
        return switch (clause.kind()) {
            case HEADING -> {
                Node heading = parsed.getFirstChild() instanceof Heading h ? h : parsed;
                org.openpdf.text.Paragraph p = PdfBlocks.paragraph(
                        inlines.phrase(heading, PdfInlines.Look.body(PdfStyle.BODY + 1).bolder()), body, Element.ALIGN_LEFT);
                p.setSpacingBefore(PdfStyle.PARAGRAPH_GAP);
                p.setKeepTogether(true);
                text.addElement(p);
                yield row(direction, new float[]{1}, text);
            }
            case PREAMBULAR -> {
                for (Element e : blocks.blocks(parsed, body, Element.ALIGN_JUSTIFIED, direction)) {
                    if (e instanceof org.openpdf.text.Paragraph p) {
                        p.setFirstLineIndent(PdfStyle.NUMBER_WIDTH);
                    }
                    text.addElement(e);
                }
                yield row(direction, new float[]{1}, text);
            }
            case OPERATIVE -> {
                blocks.blocks(parsed, body, Element.ALIGN_JUSTIFIED, direction).forEach(text::addElement);
                yield row(direction, new float[]{PdfStyle.NUMBER_WIDTH, width(1)}, number(number, direction), text);
            }
            case SUB_PARAGRAPH -> {
                blocks.blocks(parsed, body, Element.ALIGN_JUSTIFIED, direction).forEach(text::addElement);
                yield row(direction, new float[]{PdfStyle.NUMBER_WIDTH, PdfStyle.NUMBER_WIDTH, width(2)},
                        cell(direction), number(number, direction), text);
            }
            default -> {
                blocks.blocks(parsed, body, Element.ALIGN_JUSTIFIED, direction).forEach(text::addElement);
                yield row(direction, new float[]{1}, text);
            }
        };
    }

    /** A pending amendment as the compilation prints it, indented under its clause. */
    PdfPTable pending(PendingChange change, Clause clause) {
        StringBuilder words = new StringBuilder();
        change.segments().forEach(s -> words.append(s.text()));
        TextDirection direction = TextDirection.of(words.isEmpty() ? clause.text() : words.toString());
        PdfInlines.Look small = PdfInlines.Look.body(PdfStyle.SMALL);
        PdfPCell box = cell(direction);
        box.setBorder(direction == TextDirection.RTL ? Rectangle.RIGHT : Rectangle.LEFT);
        box.setBorderColor(PdfStyle.AMENDMENT_RULE);
        box.setBorderWidth(1.5f);
        box.setPaddingLeft(8);
        box.setPaddingRight(8);

        Phrase head = new Phrase();
        inlines.text(Wording.heading(change), small.bolder(), head);
        String tail = " \u2014 " + Wording.standing(change.standing())
                + (change.conflictLabel() == null ? "" : " \u2014 conflict group " + change.conflictLabel());
        inlines.text(tail, small.colored(PdfStyle.GREY), head);
        box.addElement(PdfBlocks.paragraph(head, small, Element.ALIGN_LEFT));

        Phrase diff = new Phrase();
        if (change.kind() == plenary.amendment.AmendmentKind.MOVE) {
            inlines.text(Wording.moveTarget(change), small.italicised(), diff);
        }
        Segment.Kind previous = null;
        for (Segment s : change.segments()) {
            switch (s.kind()) {
                case EQUAL -> inlines.text(s.text(), small, diff);
                case INSERT -> {
                    if (previous == Segment.Kind.DELETE) {
                        inlines.text(" ", small, diff);
                    }
                    marked(s.text(), small.bolder().underlined().colored(PdfStyle.INSERTED), small, diff);
                }
                case DELETE -> marked(s.text(), small.struck().colored(PdfStyle.DELETED), small, diff);
            }
            previous = s.kind();
        }
        box.addElement(PdfBlocks.paragraph(diff, small, Element.ALIGN_JUSTIFIED));
        if (change.rationale() != null && !change.rationale().isBlank()) {
            Phrase why = new Phrase();
            inlines.text(change.rationale(), small.italicised().colored(PdfStyle.GREY), why);
            box.addElement(PdfBlocks.paragraph(why, small, Element.ALIGN_LEFT));
        }
        boolean sub = clause.kind() == ClauseKind.SUB_PARAGRAPH;
        float indent = sub ? 2 * PdfStyle.NUMBER_WIDTH : PdfStyle.NUMBER_WIDTH;
        return row(direction, new float[]{indent, PdfStyle.textWidth() - indent}, cell(direction), box);
    }

    /** A change's words under its mark; the spaces around them stay plain, so no mark trails off. */
    private void marked(String text, PdfInlines.Look mark, PdfInlines.Look plain, Phrase out) {
        String core = text.strip();
        if (core.isEmpty()) {
            inlines.text(text, plain, out);
            return;
        }
        int start = text.indexOf(core);
        inlines.text(text.substring(0, start), plain, out);
        inlines.text(core, mark, out);
        inlines.text(text.substring(start + core.length()), plain, out);
    }

    /** The number keeps its own order ("4.", "(a)") and stands on the side the text starts from. */
    private PdfPCell number(String number, TextDirection direction) {
        PdfPCell cell = cell(TextDirection.LTR);
        Phrase label = new Phrase();
        inlines.text(number == null ? "" : number.startsWith("(") ? number : number + ".",
                PdfInlines.Look.body(PdfStyle.BODY), label);
        cell.addElement(PdfBlocks.paragraph(label, PdfInlines.Look.body(PdfStyle.BODY),
                direction == TextDirection.RTL ? Element.ALIGN_RIGHT : Element.ALIGN_LEFT));
        return cell;
    }

    private static PdfPCell cell(TextDirection direction) {
        PdfPCell cell = new PdfPCell();
        cell.setBorder(Rectangle.NO_BORDER);
        cell.setPadding(0);
        cell.setPaddingBottom(PdfStyle.PARAGRAPH_GAP - 4);
        cell.setRunDirection(runDirection(direction));
        cell.setUseAscender(true);
        return cell;
    }

    /**
     * One borderless row. A right-to-left row lists its cells from the right: they are added in
     * reverse rather than through the table's own run direction, which mirrors the cells but not
     * the column widths.
     */
    private static PdfPTable row(TextDirection direction, float[] widths, PdfPCell... cells) {
        boolean rtl = direction == TextDirection.RTL;
        float[] ordered = widths.length == 1 ? new float[]{PdfStyle.textWidth()} : widths.clone();
        PdfPCell[] placed = cells.clone();
        if (rtl) {
            reverse(ordered);
            java.util.Collections.reverse(java.util.Arrays.asList(placed));
        }
        PdfPTable table = new PdfPTable(ordered.length);
        try {
            table.setTotalWidth(ordered);
        } catch (org.openpdf.text.DocumentException e) {
            throw new IllegalStateException(e);
        }
        table.setLockedWidth(true);
        table.setSplitLate(false);
        table.setSplitRows(true);
        table.setSpacingAfter(PdfStyle.PARAGRAPH_GAP - 3);
        for (PdfPCell c : placed) {
            table.addCell(c);
        }
        return table;
    }

    private static void reverse(float[] values) {
        for (int i = 0, j = values.length - 1; i < j; i++, j--) {
            float t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }

    private static float width(int numberColumns) {
        return PdfStyle.textWidth() - numberColumns * PdfStyle.NUMBER_WIDTH;
    }

    static int runDirection(TextDirection direction) {
        return direction == TextDirection.RTL ? PdfWriter.RUN_DIRECTION_RTL : PdfWriter.RUN_DIRECTION_LTR;
    }
}
