package plenary.document;

import com.vladsch.flexmark.ast.BulletList;
import com.vladsch.flexmark.ast.Emphasis;
import com.vladsch.flexmark.ast.Heading;
import com.vladsch.flexmark.ast.ListItem;
import com.vladsch.flexmark.ast.OrderedList;
import com.vladsch.flexmark.ast.Paragraph;
import com.vladsch.flexmark.ext.footnotes.FootnoteBlock;
import com.vladsch.flexmark.ext.footnotes.FootnoteExtension;
import com.vladsch.flexmark.ext.gfm.strikethrough.StrikethroughExtension;
import com.vladsch.flexmark.ext.tables.TablesExtension;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.ast.BlankLine;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.data.MutableDataSet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Reads a draft written by hand in the Plenary Markdown convention (see README, "Writing a draft in
 * Markdown") into a {@link Document}:
 * <ul>
 *   <li>front matter → meeting metadata; the first level-1 heading → the title;</li>
 *   <li>a paragraph opening with italics → preambular paragraph;</li>
 *   <li>an ordered-list item → operative paragraph; items of a list nested in it → sub-paragraphs;</li>
 *   <li>any other heading → section heading; a footnote definition → footnote clause;</li>
 *   <li>anything else → free text, verbatim, so no content is ever dropped.</li>
 * </ul>
 * Clause texts keep the author's Markdown source; only list indentation is removed.
 *
 * <p>Any text is read in bounded time and memory: {@link MarkdownGuards} refuse the shapes the parser
 * is slow on before it starts, a {@link ParseBudget} stops it past its allowance of work, its
 * deadline or a cancellation, and {@link ClauseLimit} bounds what comes out. Every refusal is a
 * {@link DocumentException} that says why.
 */
public final class MarkdownImporter {
    /** An empty HTML comment: ends a list in CommonMark; it holds nothing, so it is no clause. */
    static final String LIST_END = "<!-- -->";
    /** How long {@link #read(String, String)} may take: far beyond any real draft, which takes milliseconds. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(20);

    private final Parser parser;
    private final Supplier<String> ids;

    public MarkdownImporter(Supplier<String> ids) {
        MutableDataSet options = new MutableDataSet();
        options.set(Parser.EXTENSIONS, List.of(
                FootnoteExtension.create(), TablesExtension.create(), StrikethroughExtension.create()));
        this.parser = Parser.builder(options).build();
        this.ids = ids;
    }

    /** Reads a draft within {@link #DEFAULT_DEADLINE}. */
    public Document read(String documentId, String markdown) {
        return read(documentId, markdown, ParseBudget.within(DEFAULT_DEADLINE));
    }

    /** Reads a draft within {@code budget}, which the caller may cancel from another thread. */
    public Document read(String documentId, String markdown, ParseBudget budget) {
        return readWithWarnings(documentId, markdown, budget).document();
    }

    /** A draft as read, and what in it may not have been read as its author meant ({@link ImportWarning}). */
    public record Imported(Document document, List<ImportWarning> warnings) {
        public Imported {
            warnings = List.copyOf(warnings);
        }
    }

    /** Reads a draft within {@code budget}, and says what in it may not be what its author meant. */
    public Imported readWithWarnings(String documentId, String markdown, ParseBudget budget) {
        String whole = normalise(markdown);
        String source = whole;
        MarkdownGuards.check(source);
        DocumentMeta meta = DocumentMeta.EMPTY;
        var frontMatter = FrontMatter.split(source);
        if (frontMatter.isPresent()) {
            meta = new DocumentMeta(frontMatter.get().fields());
            source = frontMatter.get().body();
        }
        SubListIndent.Widened widened = SubListIndent.widen(source);
        source = widened.text();
        var root = budget.parse(parser, source);
        String title = "";
        boolean titleSeen = false;
        List<Clause> clauses = new ArrayList<>();
        for (Node block = root.getFirstChild(); block != null; block = block.getNext()) {
            budget.check();
            if (block instanceof BlankLine || SourceText.of(source, block).equals(LIST_END)) {
                continue;
            }
            if (!titleSeen && block instanceof Heading heading && heading.getLevel() == 1) {
                title = heading.getText().toString().strip();
                titleSeen = true;
            } else {
                readBlock(source, block, clauses);
            }
        }
        Document document = new Document(documentId, title, meta, DocumentStatus.DRAFTING, 0, clauses);
        // Lines as the author numbers them: the front matter's come first.
        int frontLines = (int) whole.substring(0, whole.length() - frontMatter.map(FrontMatter::body).orElse(whole).length())
                .chars().filter(c -> c == '\n').count();
        return new Imported(document, ImportWarnings.of(document, frontMatter.isPresent(),
                widened.itemLines().stream().map(line -> line + frontLines).toList()));
    }

    private void readBlock(String source, Node block, List<Clause> clauses) {
        if (block instanceof Heading heading) {
            add(clauses, ClauseKind.HEADING, heading.getText().toString().strip());
        } else if (block instanceof Paragraph paragraph && paragraph.getFirstChild() instanceof Emphasis) {
            add(clauses, ClauseKind.PREAMBULAR, SourceText.of(source, block));
        } else if (block instanceof OrderedList list) {
            for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
                readOperative(source, item, clauses);
            }
        } else if (block instanceof FootnoteBlock) {
            add(clauses, ClauseKind.FOOTNOTE, SourceText.of(source, block));
        } else {
            add(clauses, ClauseKind.FREE_TEXT, SourceText.fromLineStart(source, block));
        }
    }

    /** An operative paragraph's text is its item minus nested lists, whose items become sub-paragraphs. */
    private void readOperative(String source, Node item, List<Clause> clauses) {
        List<String> parts = new ArrayList<>();
        List<Node> subItems = new ArrayList<>();
        for (Node child = item.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof BlankLine) {
                continue;
            }
            if (child instanceof OrderedList || child instanceof BulletList) {
                for (Node sub = child.getFirstChild(); sub != null; sub = sub.getNext()) {
                    subItems.add(sub);
                }
            } else {
                parts.add(SourceText.of(source, child));
            }
        }
        add(clauses, ClauseKind.OPERATIVE, String.join("\n\n", parts));
        for (Node sub : subItems) {
            add(clauses, ClauseKind.SUB_PARAGRAPH, SourceText.itemContent(source, (ListItem) sub));
        }
    }

    private void add(List<Clause> clauses, ClauseKind kind, String text) {
        ClauseLimit.check(clauses.size() + 1);
        clauses.add(Clause.fresh(ids.get(), kind, text));
    }

    /** One line ending and no byte-order mark, so offsets and round trips are stable. */
    static String normalise(String markdown) {
        String text = markdown.startsWith("\uFEFF") ? markdown.substring(1) : markdown;
        return text.replace("\r\n", "\n").replace('\r', '\n');
    }
}
