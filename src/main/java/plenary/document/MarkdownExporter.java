package plenary.document;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes a {@link Document} back in the Plenary Markdown convention, so that reading the result with
 * {@link MarkdownImporter} gives the same clauses, kinds and texts. Operative numbers are written as
 * derived, so the file reads naturally in any editor.
 */
public final class MarkdownExporter {
    private static final Pattern BULLET = Pattern.compile("[-+*][ \t]");

    public String write(Document document) {
        StringBuilder out = new StringBuilder();
        Map<String, String> meta = document.meta().fields();
        if (!meta.isEmpty()) {
            out.append("---\n");
            meta.forEach((key, value) -> out.append(key).append(": ").append(value).append('\n'));
            out.append("---\n\n");
        }
        if (!document.title().isEmpty()) {
            out.append("# ").append(document.title()).append("\n\n");
        }
        List<Clause> clauses = document.clauses();
        List<String> numbers = document.numbers();
        String parentIndent = "";
        for (int i = 0; i < clauses.size(); i++) {
            Clause clause = clauses.get(i);
            switch (clause.kind()) {
                case HEADING -> block(out, "## " + clause.text());
                case OPERATIVE -> {
                    String marker = numbers.get(i) + ". ";
                    parentIndent = " ".repeat(marker.length());
                    block(out, marker + indent(clause.text(), parentIndent));
                }
                case SUB_PARAGRAPH -> {
                    int ordinal = subOrdinal(clauses, i);
                    String marker = ordinal + ". ";
                    String subIndent = parentIndent + " ".repeat(marker.length());
                    // Straight under the parent line: an ordered list starting at 1 may interrupt a paragraph.
                    trimBlankLine(out);
                    out.append(parentIndent).append(marker).append(indent(clause.text(), subIndent)).append("\n\n");
                }
                default -> {
                    if (i > 0 && wouldJoinPrevious(clauses.get(i - 1), clause)) {
                        // CommonMark's way to keep two blocks apart; the importer skips it.
                        block(out, MarkdownImporter.LIST_END);
                    }
                    block(out, clause.text());
                }
            }
        }
        trimBlankLine(out);
        return out.toString();
    }

    /**
     * Indented text after a list item or a footnote would be read as part of it, and two bullet
     * lists or two indented code blocks in a row would be read as one.
     */
    private static boolean wouldJoinPrevious(Clause previous, Clause clause) {
        String text = clause.text();
        boolean indented = text.startsWith(" ") || text.startsWith("\t");
        return indented || previous.kind() == ClauseKind.FREE_TEXT && BULLET.matcher(text).lookingAt();
    }

    private static int subOrdinal(List<Clause> clauses, int index) {
        int ordinal = 1;
        while (clauses.get(index - ordinal).kind() == ClauseKind.SUB_PARAGRAPH) {
            ordinal++;
        }
        return ordinal;
    }

    private static void block(StringBuilder out, String text) {
        out.append(text).append("\n\n");
    }

    private static void trimBlankLine(StringBuilder out) {
        if (out.length() >= 2 && out.charAt(out.length() - 1) == '\n' && out.charAt(out.length() - 2) == '\n') {
            out.setLength(out.length() - 1);
        }
    }

    /** Indents every line after the first so it stays inside its list item; blank lines stay empty. */
    private static String indent(String text, String indent) {
        String[] lines = text.split("\n", -1);
        StringBuilder out = new StringBuilder(text.length() + lines.length * indent.length());
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                out.append('\n');
                if (!lines[i].isEmpty()) {
                    out.append(indent);
                }
            }
            out.append(lines[i]);
        }
        return out.toString();
    }
}
