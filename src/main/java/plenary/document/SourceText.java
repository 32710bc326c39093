package plenary.document;

import com.vladsch.flexmark.ast.ListItem;
import com.vladsch.flexmark.util.ast.BlankLine;
import com.vladsch.flexmark.util.ast.Node;

/** Cuts a block's Markdown source out of the draft, taking away the indentation a list gave it. */
final class SourceText {
    private SourceText() {
    }

    /** The block's own source; continuation lines lose the indentation of the block's first line. */
    static String of(String source, Node block) {
        int start = block.getStartOffset();
        return dedent(source.substring(start, block.getEndOffset()), column(source, start));
    }

    /** Like {@link #of} but from the start of the line, so indented code keeps its indentation. */
    static String fromLineStart(String source, Node block) {
        int start = block.getStartOffset();
        int lineStart = start - column(source, start);
        return dedent(source.substring(lineStart, block.getEndOffset()), 0);
    }

    /** Everything inside a list item (nested lists too), dedented to the item's content column. */
    static String itemContent(String source, ListItem item) {
        Node first = item.getFirstChild();
        while (first instanceof BlankLine) {
            first = first.getNext();
        }
        if (first == null) {
            return "";
        }
        Node last = item.getLastChild();
        while (last instanceof BlankLine && last != first) {
            last = last.getPrevious();
        }
        int start = first.getStartOffset();
        return dedent(source.substring(start, last.getEndOffset()), column(source, start));
    }

    private static int column(String source, int offset) {
        int lineStart = source.lastIndexOf('\n', offset - 1) + 1;
        return offset - lineStart;
    }

    /** Removes up to {@code indent} leading spaces from every line but the first; trims trailing space. */
    static String dedent(String text, int indent) {
        String[] lines = text.split("\n", -1);
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (i > 0) {
                out.append('\n');
                int n = 0;
                while (n < indent && n < line.length() && line.charAt(n) == ' ') {
                    n++;
                }
                line = line.substring(n);
            }
            out.append(line);
        }
        return out.toString().stripTrailing();
    }
}
