package plenary.document;

/**
 * Refuses drafts nested deeper than any real outcome document before they reach the Markdown
 * parser, whose list handling takes time quadratic in the depth: fifty kilobytes of "1. 1. 1. …"
 * would otherwise hold a worker thread for minutes.
 */
final class NestingGuard {
    static final int MAX_MARKERS_PER_LINE = 16;
    static final int MAX_INDENT = 128;

    private NestingGuard() {
    }

    static void check(String markdown) {
        int line = 1;
        int start = 0;
        while (start <= markdown.length()) {
            int end = markdown.indexOf('\n', start);
            if (end < 0) {
                end = markdown.length();
            }
            checkLine(markdown, start, end, line);
            start = end + 1;
            line++;
        }
    }

    private static void checkLine(String text, int start, int end, int line) {
        int i = start;
        int markers = 0;
        while (i < end) {
            int indentStart = i;
            while (i < end && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
                i++;
            }
            if (i - indentStart > MAX_INDENT) {
                throw new DocumentException("line " + line + " is indented more than " + MAX_INDENT + " columns");
            }
            if (i == end) {
                return;
            }
            int marker = markerLength(text, i, end);
            if (marker == 0) {
                return;
            }
            if (++markers > MAX_MARKERS_PER_LINE) {
                throw new DocumentException("line " + line + " nests lists or quotes more than "
                        + MAX_MARKERS_PER_LINE + " levels deep");
            }
            i += marker;
        }
    }

    /** Length of a quote or list marker at {@code i} ("> ", "- ", "12. ", "3) "), or 0. */
    static int markerLength(String text, int i, int end) {
        if (i >= end) {
            return 0;
        }
        char c = text.charAt(i);
        if (c == '>') {
            return 1;
        }
        if ((c == '-' || c == '+' || c == '*') && i + 1 < end && text.charAt(i + 1) == ' ') {
            return 2;
        }
        int j = i;
        while (j < end && j - i < 9 && Character.isDigit(text.charAt(j))) {
            j++;
        }
        if (j > i && j + 1 < end && (text.charAt(j) == '.' || text.charAt(j) == ')') && text.charAt(j + 1) == ' ') {
            return j - i + 2;
        }
        return 0;
    }
}
