package plenary.document;

/**
 * Limits table cells. Every cell becomes several nodes, and a 2 MiB table ran a 1 GiB server out
 * of memory. Counting the pipes bounds the cells without finding the tables: a table row has at
 * most one cell more than it has pipes, and a row without pipes is a line, which {@link BlockGuard}
 * counts. Pipes outside tables are rare enough in an outcome document to count the same.
 */
final class TableGuard {
    static final int MAX_PIPES = 20_000;

    private TableGuard() {
    }

    static void check(String markdown) {
        int pipes = 0;
        for (int i = markdown.indexOf('|'); i >= 0; i = markdown.indexOf('|', i + 1)) {
            if (++pipes > MAX_PIPES) {
                int line = 1;
                for (int j = markdown.indexOf('\n'); j >= 0 && j < i; j = markdown.indexOf('\n', j + 1)) {
                    line++;
                }
                throw new DocumentException("the draft has more than " + MAX_PIPES
                        + " table cell separators (|); the last one allowed is before line " + line);
            }
        }
    }
}
