package plenary.document;

/**
 * Limits lines: in the draft, in one block (a run of lines without a blank one), and in one
 * paragraph (the lines of a block since its last list item). For each line of a paragraph that
 * does not open with a letter ("|", "(", "&gt;"…) the parser rebuilds the paragraph's text so far
 * and does not read the text meanwhile: a paragraph of n such lines costs n² (16,000 lines of "|"
 * took a second of CPU), and inside a quote or a list item n³ (2,000 lines of "&gt; (x" took 0.9 s,
 * a draft of such blocks a thousand times more). So a paragraph may have fewer lines when they are
 * indented or quoted. Within these limits the worst draft costs a few hundred milliseconds. A table
 * is one paragraph to count, a list item starts a new one.
 */
final class BlockGuard {
    static final int MAX_LINES = 20_000;
    static final int MAX_BLOCK_LINES = 1_000;
    static final int MAX_PARAGRAPH_LINES = 250;
    static final int MAX_NESTED_PARAGRAPH_LINES = 100;

    private BlockGuard() {
    }

    static void check(String markdown) {
        int lines = 0;
        int blockLines = 0;
        int paragraphLines = 0;
        int nestedLines = 0;
        int blockStart = 0;
        int start = 0;
        while (start <= markdown.length()) {
            int end = markdown.indexOf('\n', start);
            if (end < 0) {
                end = markdown.length();
            }
            lines++;
            if (lines > MAX_LINES) {
                throw new DocumentException("the draft has more than " + MAX_LINES + " lines");
            }
            int content = skipPrefix(markdown, start, end);
            if (content == end) {
                blockLines = 0;
                paragraphLines = 0;
                nestedLines = 0;
            } else {
                if (blockLines == 0) {
                    blockStart = lines;
                }
                if (++blockLines > MAX_BLOCK_LINES) {
                    throw new DocumentException("the block starting at line " + blockStart + " runs for more than "
                            + MAX_BLOCK_LINES + " lines without a blank line");
                }
                boolean item = NestingGuard.markerLength(markdown, content, end) > 0;
                paragraphLines = item ? 1 : paragraphLines + 1;
                nestedLines = item ? 1 : content > start ? nestedLines + 1 : nestedLines;
                if (paragraphLines > MAX_PARAGRAPH_LINES || nestedLines > MAX_NESTED_PARAGRAPH_LINES) {
                    throw new DocumentException("the paragraph or table ending at line " + lines + " has more than "
                            + (paragraphLines > MAX_PARAGRAPH_LINES ? MAX_PARAGRAPH_LINES + " lines"
                                    : MAX_NESTED_PARAGRAPH_LINES + " indented or quoted lines")
                            + "; separate it with blank lines or list items");
                }
            }
            start = end + 1;
        }
    }

    /** Where a line's text starts after indentation and quote marks; {@code end} for a blank line. */
    private static int skipPrefix(String text, int start, int end) {
        int i = start;
        while (i < end && (text.charAt(i) == ' ' || text.charAt(i) == '\t' || text.charAt(i) == '>')) {
            i++;
        }
        return i;
    }
}
