package plenary.render;

import com.vladsch.flexmark.ast.BlockQuote;
import com.vladsch.flexmark.ast.CodeBlock;
import com.vladsch.flexmark.ast.FencedCodeBlock;
import com.vladsch.flexmark.ast.Heading;
import com.vladsch.flexmark.ast.HtmlBlock;
import com.vladsch.flexmark.ast.HtmlCommentBlock;
import com.vladsch.flexmark.ast.IndentedCodeBlock;
import com.vladsch.flexmark.ast.ListBlock;
import com.vladsch.flexmark.ast.ListItem;
import com.vladsch.flexmark.ast.OrderedList;
import com.vladsch.flexmark.ast.Paragraph;
import com.vladsch.flexmark.ast.ThematicBreak;
import com.vladsch.flexmark.ext.footnotes.FootnoteBlock;
import com.vladsch.flexmark.ext.tables.TableBlock;
import com.vladsch.flexmark.ext.tables.TableCell;
import com.vladsch.flexmark.ext.tables.TableHead;
import com.vladsch.flexmark.ext.tables.TableRow;
import com.vladsch.flexmark.ext.tables.TableSeparator;
import com.vladsch.flexmark.util.ast.BlankLine;
import com.vladsch.flexmark.util.ast.Node;
import org.openpdf.text.Element;
import org.openpdf.text.Phrase;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns the block nodes of one clause (paragraphs, lists, tables, quotes, code) into OpenPDF
 * elements that a table cell lays out, so every block inherits the clause's run direction.
 */
final class PdfBlocks {
    private final PdfInlines inlines;

    PdfBlocks(PdfInlines inlines) {
        this.inlines = inlines;
    }

    /** Every block child of {@code parent}, in order, for a clause running in {@code direction}. */
    List<Element> blocks(Node parent, PdfInlines.Look look, int alignment, TextDirection direction) {
        List<Element> out = new ArrayList<>();
        for (Node block = parent.getFirstChild(); block != null; block = block.getNext()) {
            block(block, look, alignment, direction, 0, out);
        }
        return out;
    }

    private void block(Node node, PdfInlines.Look look, int alignment, TextDirection direction, int depth,
                       List<Element> out) {
        switch (node) {
            case BlankLine b -> {
            }
            case HtmlCommentBlock c -> {
            }
            case FootnoteBlock f -> {
                // A definition typed into an ordinary clause is not a numbered note: shown where it stands.
                Phrase label = new Phrase();
                inlines.text("[^" + f.getText() + "]: ", look, label);
                for (Element e : blocks(f, look, alignment, direction)) {
                    if (e instanceof org.openpdf.text.Paragraph p && label != null) {
                        p.add(0, label);
                        label = null;
                    }
                    out.add(e);
                }
            }
            case Paragraph p -> out.add(paragraph(inlines.phrase(p, look), look, alignment));
            case Heading h -> out.add(paragraph(inlines.phrase(h, look.bolder()), look, Element.ALIGN_LEFT));
            case ListBlock list -> list(list, look, alignment, direction, depth, out);
            case BlockQuote q -> {
                for (Element e : blocks(q, look.italicised(), alignment, direction)) {
                    if (e instanceof org.openpdf.text.Paragraph p) {
                        p.setIndentationLeft(p.getIndentationLeft() + 24);
                        p.setIndentationRight(p.getIndentationRight() + 24);
                    }
                    out.add(e);
                }
            }
            case FencedCodeBlock c -> out.add(literal(c.getContentChars().toString(), look));
            case IndentedCodeBlock c -> out.add(literal(c.getContentChars().toString(), look));
            case CodeBlock c -> out.add(literal(c.getChars().toString(), look));
            case HtmlBlock h -> out.add(literal(h.getChars().toString(), look));
            case TableBlock t -> out.add(table(t, look, direction));
            case ThematicBreak t -> out.add(paragraph(new Phrase(" "), look, alignment));
            default -> {
                if (node.hasChildren()) {
                    out.addAll(blocks(node, look, alignment, direction));
                } else {
                    out.add(literal(node.getChars().toString(), look));
                }
            }
        }
    }

    static org.openpdf.text.Paragraph paragraph(Phrase phrase, PdfInlines.Look look, int alignment) {
        org.openpdf.text.Paragraph p = new org.openpdf.text.Paragraph();
        // OpenPDF writes spacing as a blank in the paragraph's own font: it must be an embedded one.
        p.setFont(PdfFonts.plain(look.size()));
        p.setLeading(0, PdfStyle.LEADING);
        p.add(phrase);
        p.setAlignment(alignment);
        p.setSpacingAfter(look.size() * 0.35f);
        return p;
    }

    private org.openpdf.text.Paragraph literal(String text, PdfInlines.Look look) {
        Phrase phrase = new Phrase();
        inlines.text(text.stripTrailing(), look, phrase);
        org.openpdf.text.Paragraph p = paragraph(phrase, look, Element.ALIGN_LEFT);
        p.setIndentationLeft(18);
        return p;
    }

    /**
     * A list as paragraphs with hanging markers, indented by depth on the side the text starts
     * from: OpenPDF's own lists put their markers on the left even in a right-to-left cell, and
     * lose nested markers.
     */
    private void list(ListBlock list, PdfInlines.Look look, int alignment, TextDirection direction, int depth,
                      List<Element> out) {
        int number = list instanceof OrderedList ordered ? ordered.getStartNumber() : 1;
        float hang = 16;
        for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
            if (!(item instanceof ListItem li)) {
                continue;
            }
            String marker = list instanceof OrderedList ? (number++) + "." : depth % 2 == 0 ? "\u2022" : "\u2013";
            boolean first = true;
            for (Node child = li.getFirstChild(); child != null; child = child.getNext()) {
                if (child instanceof ListBlock nested) {
                    list(nested, look, alignment, direction, depth + 1, out);
                    continue;
                }
                List<Element> parts = new ArrayList<>();
                block(child, look, alignment, direction, depth, parts);
                for (Element e : parts) {
                    if (e instanceof org.openpdf.text.Paragraph p) {
                        float indent = hang * (depth + 1);
                        if (direction == TextDirection.RTL) {
                            p.setIndentationRight(p.getIndentationRight() + indent);
                        } else {
                            p.setIndentationLeft(p.getIndentationLeft() + indent);
                        }
                        if (first) {
                            Phrase mark = new Phrase();
                            inlines.text(marker + "\u00a0", look, mark);
                            p.add(0, mark);
                            p.setFirstLineIndent(-hang);
                            first = false;
                        }
                    }
                    out.add(e);
                }
            }
        }
    }

    private PdfPTable table(TableBlock block, PdfInlines.Look look, TextDirection direction) {
        List<List<Node>> rows = new ArrayList<>();
        List<Boolean> head = new ArrayList<>();
        collectRows(block, rows, head, false);
        int columns = rows.stream().mapToInt(List::size).max().orElse(1);
        PdfPTable table = new PdfPTable(Math.max(1, columns));
        table.setWidthPercentage(100);
        table.setSpacingBefore(4);
        table.setSpacingAfter(8);
        table.setHeaderRows(head.stream().filter(h -> h).toList().size());
        table.setRunDirection(PdfClauses.runDirection(direction));
        PdfInlines.Look small = PdfInlines.Look.body(PdfStyle.SMALL).colored(look.color());
        for (int r = 0; r < rows.size(); r++) {
            List<Node> cells = rows.get(r);
            for (int c = 0; c < columns; c++) {
                Phrase phrase = c < cells.size()
                        ? inlines.phrase(cells.get(c), head.get(r) ? small.bolder() : small) : new Phrase();
                PdfPCell cell = new PdfPCell(phrase);
                // Each cell shapes and orders its own text; the table's run direction mirrors the columns.
                cell.setRunDirection(PdfClauses.runDirection(TextDirection.of(phrase.getContent())));
                cell.setPadding(4);
                cell.setBorderColor(PdfStyle.RULE);
                cell.setBorderWidth(0.5f);
                table.addCell(cell);
            }
        }
        return table;
    }

    private static void collectRows(Node node, List<List<Node>> rows, List<Boolean> head, boolean inHead) {
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof TableRow row) {
                List<Node> cells = new ArrayList<>();
                for (Node cell = row.getFirstChild(); cell != null; cell = cell.getNext()) {
                    if (cell instanceof TableCell) {
                        cells.add(cell);
                    }
                }
                rows.add(cells);
                head.add(inHead);
            } else if (!(child instanceof TableSeparator)) {
                // The separator row is the |---| line: syntax, not content.
                collectRows(child, rows, head, inHead || child instanceof TableHead);
            }
        }
    }
}
