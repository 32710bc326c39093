package plenary.search;

import com.vladsch.flexmark.ast.Text;
import com.vladsch.flexmark.ext.footnotes.Footnote;
import com.vladsch.flexmark.ext.tables.TableCell;
import com.vladsch.flexmark.ext.tables.TableSeparator;
import com.vladsch.flexmark.util.ast.Node;
import plenary.render.ClauseMarkdown;

/**
 * The words of a clause without its Markdown marks, as the index holds them: snippets then read
 * like the text on the page ("Encourages local…", not "*Encourages* local…"), and footnote
 * references and link addresses do not count as words.
 */
final class PlainText {
    private PlainText() {
    }

    static String of(String markdown) {
        StringBuilder out = new StringBuilder(markdown.length());
        collect(ClauseMarkdown.parse(markdown), out);
        return out.toString().replaceAll("[ \\t]+", " ").replaceAll(" ?\\n ?", "\n").strip();
    }

    private static void collect(Node node, StringBuilder out) {
        if (node instanceof Footnote || node instanceof TableSeparator) {
            return;
        }
        if (node instanceof Text) {
            out.append(node.getChars().unescape());
            return;
        }
        if (!node.hasChildren()) {
            // Line breaks and blocks keep words apart; other leaves (code, entities) keep their text.
            String own = node.getChars().unescape();
            out.append(node instanceof com.vladsch.flexmark.ast.SoftLineBreak
                    || node instanceof com.vladsch.flexmark.ast.HardLineBreak ? " " : own);
            return;
        }
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            collect(child, out);
        }
        if (node instanceof com.vladsch.flexmark.util.ast.Block) {
            out.append('\n');
        } else if (node instanceof TableCell) {
            out.append(' ');
        }
    }
}
