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

    /** Every block child of {@code parent}, in order. */
    List<Element> blocks(Node parent, PdfInlines.Look look, int alignment) {
        List<Element> out = new ArrayList<>();
        for (Node block = parent.getFirstChild(); block != null; block = block.getNext()) {
            block(block, look, alignment, out);
        }
        return out;
    }

    private void block(Node node, PdfInlines.Look look, int alignment, List<Element> out) {
        switch (node) {
            case BlankLine b -> {
            }
            case HtmlCommentBlock c -> {
            }
            case FootnoteBlock f -> {
                // Printed once, in the notes at the end.
            }
            case Paragraph p -> out.add(paragraph(inlines.phrase(p, look), look, alignment));
            case Heading h -> out.add(paragraph(inlines.phrase(h, look.bolder()), look, Element.ALIGN_LEFT));
            case ListBlock list -> out.add(list(list, look, alignment));
            case BlockQuote q -> {
                for (Element e : blocks(q, look.italicised(), alignment)) {
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
            case TableBlock t -> out.add(table(t, look));
            case ThematicBreak t -> out.add(paragraph(new Phrase(" "), look, alignment));
            default -> {
                if (node.hasChildren()) {
                    out.addAll(blocks(node, look, alignment));
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

    private org.openpdf.text.List list(ListBlock list, PdfInlines.Look look, int alignment) {
        boolean ordered = list instanceof OrderedList;
        org.openpdf.text.List out = new org.openpdf.text.List(ordered, 18);
        if (ordered) {
            out.setFirst(((OrderedList) list).getStartNumber());
        } else {
            out.setListSymbol(new org.openpdf.text.Chunk("\u2022"));
            out.getSymbol().setFont(PdfFonts.plain(look.size()));
        }
        for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
            if (item instanceof ListItem li) {
                org.openpdf.text.ListItem pdfItem = new org.openpdf.text.ListItem();
                pdfItem.setFont(PdfFonts.plain(look.size()));
                pdfItem.setLeading(0, PdfStyle.LEADING);
                pdfItem.setAlignment(alignment);
                for (Element e : blocks(li, look, alignment)) {
                    pdfItem.add(e);
                }
                out.add(pdfItem);
            }
        }
        return out;
    }

    private PdfPTable table(TableBlock block, PdfInlines.Look look) {
        List<List<Node>> rows = new ArrayList<>();
        List<Boolean> head = new ArrayList<>();
        collectRows(block, rows, head, false);
        int columns = rows.stream().mapToInt(List::size).max().orElse(1);
        PdfPTable table = new PdfPTable(Math.max(1, columns));
        table.setWidthPercentage(100);
        table.setSpacingBefore(4);
        table.setSpacingAfter(8);
        table.setHeaderRows(head.stream().filter(h -> h).toList().size());
        PdfInlines.Look small = PdfInlines.Look.body(PdfStyle.SMALL).colored(look.color());
        for (int r = 0; r < rows.size(); r++) {
            List<Node> cells = rows.get(r);
            for (int c = 0; c < columns; c++) {
                Phrase phrase = c < cells.size()
                        ? inlines.phrase(cells.get(c), head.get(r) ? small.bolder() : small) : new Phrase();
                PdfPCell cell = new PdfPCell(phrase);
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
