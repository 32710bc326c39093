package plenary.render;

import com.vladsch.flexmark.ast.AutoLink;
import com.vladsch.flexmark.ast.Image;
import com.vladsch.flexmark.ast.ImageRef;
import com.vladsch.flexmark.ast.Link;
import com.vladsch.flexmark.ast.LinkRef;
import com.vladsch.flexmark.ast.Paragraph;
import com.vladsch.flexmark.ast.RefNode;
import com.vladsch.flexmark.ast.Reference;
import com.vladsch.flexmark.ext.footnotes.Footnote;
import com.vladsch.flexmark.ext.footnotes.FootnoteBlock;
import com.vladsch.flexmark.ext.footnotes.FootnoteExtension;
import com.vladsch.flexmark.html.AttributeProvider;
import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.html.HtmlWriter;
import com.vladsch.flexmark.html.IndependentAttributeProviderFactory;
import com.vladsch.flexmark.html.renderer.AttributablePart;
import com.vladsch.flexmark.html.renderer.LinkResolverContext;
import com.vladsch.flexmark.html.renderer.NodeRendererContext;
import com.vladsch.flexmark.html.renderer.NodeRenderingHandler;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.ast.TextCollectingVisitor;
import com.vladsch.flexmark.util.data.MutableDataHolder;
import com.vladsch.flexmark.util.data.MutableDataSet;
import com.vladsch.flexmark.util.html.MutableAttributes;
import com.vladsch.flexmark.util.misc.Extension;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Clause Markdown to HTML for {@link HtmlEdition}: Flexmark's renderer with the clause parser's
 * extensions, raw HTML escaped rather than passed through, every link and image address checked
 * by {@link SafeLinks}, and footnote references numbered for the whole document by {@link Footnotes}.
 * One instance renders one edition: it remembers which notes were already cited.
 */
final class HtmlMarkdown {
    private final HtmlRenderer renderer;
    private final Footnotes notes;
    private final Set<Integer> cited = new HashSet<>();
    // The nodes the next render writes. Flexmark renders links only inside a Document render, so
    // every render goes through the Document, whose handler then writes just these.
    private List<Node> targets = List.of();

    HtmlMarkdown(Footnotes notes) {
        this.notes = notes;
        // The clause parser's extensions, but footnotes are rendered here, not by their extension,
        // which would number them per clause and append a list of notes to each clause.
        List<Extension> extensions = new ArrayList<>(Parser.EXTENSIONS.get(ClauseMarkdown.OPTIONS).stream()
                .filter(e -> !(e instanceof FootnoteExtension)).toList());
        extensions.add(new Guard());
        renderer = HtmlRenderer.builder(new MutableDataSet(ClauseMarkdown.OPTIONS)
                .set(Parser.EXTENSIONS, extensions)
                .set(HtmlRenderer.ESCAPE_HTML, true)).build();
    }

    /** The blocks of a parsed clause. */
    String blocks(Node root) {
        return render(root, children(root));
    }

    /** What a footnote says: the blocks inside its definition. */
    String note(Node definition) {
        return render(definition, children(definition));
    }

    /** One block, such as a stray paragraph in a footnote clause. */
    String block(Node block) {
        return render(block, List.of(block));
    }

    /** A clause that is one paragraph, as inline content for a heading; null when it is anything else. */
    String inline(Node root) {
        Node only = root.getFirstChild();
        boolean inline = (only instanceof Paragraph || only instanceof com.vladsch.flexmark.ast.Heading)
                && only.getNext() == null;
        return inline ? render(only, children(only)).strip() : null;
    }

    /** Whether the text cited this note, so its entry can link back to the first citation. */
    boolean cited(int number) {
        return cited.contains(number);
    }

    private String render(Node within, List<Node> nodes) {
        targets = nodes;
        try {
            return renderer.render(within.getDocument());
        } finally {
            targets = List.of();
        }
    }

    private static List<Node> children(Node parent) {
        List<Node> out = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNext()) {
            out.add(child);
        }
        return out;
    }

    private Set<NodeRenderingHandler<?>> handlers() {
        return Set.of(
                new NodeRenderingHandler<>(Document.class, (node, context, html) -> targets.forEach(context::render)),
                new NodeRenderingHandler<>(Link.class, (node, context, html) ->
                        link(node, node.getUrl().unescape(), context)),
                new NodeRenderingHandler<>(LinkRef.class, (node, context, html) ->
                        link(node, referenceUrl(node, context), context)),
                new NodeRenderingHandler<>(Image.class, (node, context, html) ->
                        image(node, node.getUrl().unescape() + node.getUrlContent(), context, html)),
                new NodeRenderingHandler<>(ImageRef.class, (node, context, html) ->
                        image(node, referenceUrl(node, context), context, html)),
                new NodeRenderingHandler<>(AutoLink.class, this::autoLink),
                new NodeRenderingHandler<>(Footnote.class, this::footnote),
                new NodeRenderingHandler<>(FootnoteBlock.class, this::strayDefinition));
    }

    /** The address a reference link points to; "" for an undefined one, which Flexmark prints as text. */
    private static String referenceUrl(RefNode node, NodeRendererContext context) {
        Reference reference = node.isDefined() ? node.getReferenceNode(context.getDocument()) : null;
        return reference == null ? "" : reference.getUrl().unescape();
    }

    /** A refused link keeps its words and loses its address. */
    private static void link(Node node, String url, NodeRendererContext context) {
        if (SafeLinks.allowed(url)) {
            context.delegateRender();
        } else {
            context.renderChildren(node);
        }
    }

    /** A refused image is replaced by its description. */
    private static void image(Node node, String url, NodeRendererContext context, HtmlWriter html) {
        if (SafeLinks.allowed(url)) {
            context.delegateRender();
        } else {
            html.text(new TextCollectingVisitor().collectAndGetText(node));
        }
    }

    // CommonMark accepts any scheme in <scheme:...>, and Flexmark's own filter misses "JAVASCRIPT:".
    private void autoLink(AutoLink node, NodeRendererContext context, HtmlWriter html) {
        if (SafeLinks.allowed(node.getText()) && SafeLinks.allowed(node.getUrl())) {
            context.delegateRender();
        } else {
            html.text(node.getText().toString());
        }
    }

    /** The document-wide number, not the author's label; a reference to no definition prints as written. */
    private void footnote(Footnote node, NodeRendererContext context, HtmlWriter html) {
        Footnotes.Note note = notes.cited(node);
        if (note == null) {
            html.text(node.getChars().toString());
            return;
        }
        int n = note.number();
        String id = cited.add(n) ? " id=\"fnref-" + n + "\"" : "";
        html.raw("<sup class=\"fnref\"" + id + "><a href=\"#fn-" + n + "\">" + n + "</a></sup>");
    }

    /** A definition typed into an ordinary clause is not one of the numbered notes: shown where it stands. */
    private void strayDefinition(FootnoteBlock node, NodeRendererContext context, HtmlWriter html) {
        html.attr("class", "stray-note").withAttr().tag("div");
        html.text("[^" + node.getText() + "]:");
        context.renderChildren(node);
        html.tag("/div");
    }

    /**
     * The last word on every address Flexmark writes into a tag: the node renderers above decide
     * what becomes a link, this catches any path they did not foresee; and links out get a rel.
     */
    private static void checkAttributes(Node node, AttributablePart part, MutableAttributes attributes) {
        for (String name : List.of("href", "src")) {
            if (attributes.contains(name) && !SafeLinks.allowed(attributes.getValue(name))) {
                attributes.replaceValue(name, "#");
            }
        }
        if (attributes.contains("href") && SafeLinks.external(attributes.getValue("href"))) {
            attributes.replaceValue("rel", "nofollow noopener");
        }
    }

    /** Registers the handlers and the attribute check with Flexmark's renderer builder. */
    private final class Guard implements HtmlRenderer.HtmlRendererExtension {
        @Override
        public void rendererOptions(MutableDataHolder options) {
        }

        @Override
        public void extend(HtmlRenderer.Builder builder, String rendererType) {
            builder.nodeRendererFactory(options -> HtmlMarkdown.this::handlers);
            builder.attributeProviderFactory(new IndependentAttributeProviderFactory() {
                @Override
                public AttributeProvider apply(LinkResolverContext context) {
                    return HtmlMarkdown::checkAttributes;
                }
            });
        }
    }
}
