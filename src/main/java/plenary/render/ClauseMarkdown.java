package plenary.render;

import com.vladsch.flexmark.ext.footnotes.FootnoteExtension;
import com.vladsch.flexmark.ext.gfm.strikethrough.StrikethroughExtension;
import com.vladsch.flexmark.ext.ins.InsExtension;
import com.vladsch.flexmark.ext.tables.TablesExtension;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.ast.TextCollectingVisitor;
import com.vladsch.flexmark.util.data.DataHolder;
import com.vladsch.flexmark.util.data.MutableDataSet;
import plenary.document.Clause;
import plenary.document.ClauseKind;

import java.util.List;

/**
 * Parses one clause's Markdown into a Flexmark tree, the common input of the HTML and PDF
 * renderers. Clauses are parsed one by one so each rendered block keeps its clause id, number and
 * status; a footnote reference parses to a {@code Footnote} node even though its definition lives
 * in another clause, and {@link Footnotes} numbers them across the document.
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
        return PARSER.parse(markdown);
    }

    /**
     * A clause as both renderers read it. A heading's text is one line of inline Markdown: parsed
     * on its own, "1. Introduction" would become a list, and a second line would fall out of it.
     */
    public static Node parse(Clause clause) {
        if (clause.kind() == ClauseKind.HEADING) {
            return PARSER.parse("## " + clause.text().replaceAll("\\s*\\R\\s*", " ").strip());
        }
        return PARSER.parse(clause.text());
    }

    /** The words a reader sees, without Markdown marks: what the compilation diffs. */
    public static String plainText(String markdown) {
        return new TextCollectingVisitor().collectAndGetText(parse(markdown)).strip();
    }
}
