package plenary.render;

import com.vladsch.flexmark.ast.Paragraph;
import com.vladsch.flexmark.ast.Text;
import com.vladsch.flexmark.ext.footnotes.FootnoteExtension;
import com.vladsch.flexmark.ext.gfm.strikethrough.StrikethroughExtension;
import com.vladsch.flexmark.ext.ins.InsExtension;
import com.vladsch.flexmark.ext.tables.TablesExtension;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.ast.TextCollectingVisitor;
import com.vladsch.flexmark.util.data.DataHolder;
import com.vladsch.flexmark.util.data.MutableDataSet;
import com.vladsch.flexmark.util.sequence.BasedSequence;
import plenary.document.Clause;
import plenary.document.ClauseKind;
import plenary.document.DocumentException;
import plenary.document.MarkdownGuards;
import plenary.document.ParseBudget;

import java.util.List;

/**
 * Parses one clause's Markdown into a Flexmark tree, the common input of the HTML and PDF
 * renderers. Clauses are parsed one by one so each rendered block keeps its clause id, number and
 * status; a footnote reference parses to a {@code Footnote} node even though its definition lives
 * in another clause, and {@link Footnotes} numbers them across the document.
 *
 * <p>A clause may have been typed live rather than imported, so it passes the same guards and
 * allowance of work as an import ({@link MarkdownGuards}, {@link ParseBudget}); one that does not
 * is shown verbatim, as plain text, so no clause can stall an export or the search index.
 */
public final class ClauseMarkdown {
    /** Tables, footnotes, ~~strikethrough~~ and ++insert++ marks, as delegates write them. */
    public static final DataHolder OPTIONS = new MutableDataSet()
            .set(Parser.EXTENSIONS, List.of(FootnoteExtension.create(), TablesExtension.create(),
                    StrikethroughExtension.create(), InsExtension.create()))
            .toImmutable();

    // A built parser holds only its options and extension factories: safe to share between threads.
    private static final Parser PARSER = Parser.builder(OPTIONS).build();

    private ClauseMarkdown() {
    }

    public static Node parse(String markdown) {
        Node tree = tryParse(markdown);
        return tree != null ? tree : verbatim(markdown);
    }

    /** The tree, or null when the Markdown is past the guards or the allowance of work. */
    private static Node tryParse(String markdown) {
        try {
            MarkdownGuards.check(markdown);
            return ParseBudget.readsOnly().parse(PARSER, markdown);
        } catch (DocumentException e) {
            return null;
        }
    }

    /** The text as one paragraph of plain text: what a reader sees when the Markdown cannot be read. */
    static Node verbatim(String markdown) {
        // Line breaks read as spaces, as in any paragraph; kept as breaks, the PDF layout copied the
        // rest of the text at each one (20,000 lines of one clause took 11 s to lay out).
        BasedSequence chars = BasedSequence.of(markdown.replaceAll("\\R", " "));
        com.vladsch.flexmark.util.ast.Document root = new com.vladsch.flexmark.util.ast.Document(OPTIONS, chars);
        Paragraph paragraph = new Paragraph(chars);
        paragraph.appendChild(new Text(chars));
        root.appendChild(paragraph);
        return root;
    }

    /**
     * A clause as both renderers read it. A heading's text is one line of inline Markdown: parsed
     * on its own, "1. Introduction" would become a list, and a second line would fall out of it.
     */
    public static Node parse(Clause clause) {
        if (clause.kind() == ClauseKind.HEADING) {
            Node heading = tryParse("## " + clause.text().replaceAll("\\s*\\R\\s*", " ").strip());
            return heading != null ? heading : verbatim(clause.text());
        }
        return parse(clause.text());
    }

    /** The words a reader sees, without Markdown marks: what the compilation diffs. */
    public static String plainText(String markdown) {
        return new TextCollectingVisitor().collectAndGetText(parse(markdown)).strip();
    }
}
