package plenary.document;

/**
 * The checks every piece of Markdown passes before it reaches the parser, each a single pass over
 * the text: they refuse the shapes on which the parser's work grows faster than the text and does
 * not read the text while it does (so {@link ParseBudget} could not stop it), and the shapes that
 * would make more nodes than any outcome document has. Each limit is far above a real draft.
 */
public final class MarkdownGuards {
    private MarkdownGuards() {
    }

    /** Throws a {@link DocumentException} naming the first limit the text goes over. */
    public static void check(String markdown) {
        BlockGuard.check(markdown);
        NestingGuard.check(markdown);
        TableGuard.check(markdown);
        InlineGuard.check(markdown);
    }
}
