package plenary.document;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sub-lists indented four spaces under a paragraph number of three digits or more. CommonMark nests
 * a block in a list item only when it is indented to the item's text: two or three spaces under
 * "1.", four under "10.", but five under "100.". Drafters indent sub-paragraphs four spaces whatever
 * the number, and from paragraph 100 on those sub-paragraphs were read as paragraphs of their own
 * (171 extra operative paragraphs in a 500-paragraph draft, and wrong numbers from there, without a
 * word). A list indented at least four spaces right under an item, but less than its text, is moved
 * right to the item's text, so that it is read as the item's sub-list as it is under a shorter
 * number; each move is reported, so the import can say so.
 */
final class SubListIndent {
    /** A top-level ordered item: up to three spaces, the number, its delimiter, the spaces before its text. */
    private static final Pattern ITEM = Pattern.compile("^( {0,3})(\\d{1,9})([.)])( {1,4})(?=\\S)");
    /** A list marker after some indentation: a bullet or a number. */
    private static final Pattern MARKER = Pattern.compile("^( *)([-*+]|\\d{1,9}[.)])( |$)");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(```|~~~)");

    /** The text with such sub-lists moved, and the 1-based lines of the items whose sub-lists were moved. */
    record Widened(String text, List<Integer> itemLines) {
    }

    private SubListIndent() {
    }

    static Widened widen(String source) {
        String[] lines = source.split("\n", -1);
        List<Integer> moved = new ArrayList<>();
        boolean fenced = false;
        for (int i = 0; i < lines.length; i++) {
            if (FENCE.matcher(lines[i]).find()) {
                fenced = !fenced;
                continue;
            }
            Matcher item = fenced ? null : ITEM.matcher(lines[i]);
            if (item == null || !item.find()) {
                continue;
            }
            int textColumn = item.end();
            if (textColumn <= 4) {
                continue; // four spaces already reach the text of "1." to "99."
            }
            // The item's own lines: its paragraph, until a blank line or a less indented line.
            int next = i + 1;
            while (next < lines.length && !lines[next].isBlank() && indent(lines[next]) >= textColumn) {
                next++;
            }
            int first = next;
            while (first < lines.length && lines[first].isBlank()) {
                first++;
            }
            if (first >= lines.length) {
                continue;
            }
            int k = indent(lines[first]);
            Matcher marker = MARKER.matcher(lines[first]);
            if (k < 4 || k >= textColumn || !marker.find()) {
                continue;
            }
            // Every line of the sub-list (indented at least as much as its first marker) moves right alike.
            int shift = textColumn - k;
            int end = first;
            while (end < lines.length && (lines[end].isBlank() || indent(lines[end]) >= k)) {
                end++;
            }
            for (int j = first; j < end; j++) {
                if (!lines[j].isBlank()) {
                    lines[j] = " ".repeat(shift) + lines[j];
                }
            }
            moved.add(i + 1);
            i = end - 1;
        }
        return new Widened(String.join("\n", lines), List.copyOf(moved));
    }

    private static int indent(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == ' ') {
            n++;
        }
        return n;
    }
}
