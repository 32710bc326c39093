package plenary.document;

/**
 * Limits inline marks. The parser matches each emphasis closer (a run of *, _ or ~) against the
 * openers before it in the same paragraph, and on some shapes ("a**b" and then "c* " repeated)
 * against all of them without reading the text, so a paragraph of n runs costs n²: 16,000 took
 * half a second of CPU. And every mark ([, &lt;, &amp;, a run of backticks or of emphasis) becomes
 * a node or two: 2 MiB of "[a] " held 170 MB of tree. So: runs of emphasis marks per block (a run
 * of lines without a blank one, which holds any paragraph), and marks in the whole draft.
 */
final class InlineGuard {
    static final int MAX_BLOCK_EMPHASIS_RUNS = 1_000;
    static final int MAX_MARKS = 100_000;

    private InlineGuard() {
    }

    static void check(String markdown) {
        int marks = 0;
        int blockRuns = 0;
        int line = 1;
        int blockStart = 1;
        boolean lineBlank = true;
        boolean afterBlank = true;
        int n = markdown.length();
        for (int i = 0; i < n; i++) {
            char c = markdown.charAt(i);
            if (c == '\n') {
                if (lineBlank) {
                    blockRuns = 0;
                    afterBlank = true;
                }
                line++;
                lineBlank = true;
                continue;
            }
            if (c == ' ' || c == '\t') {
                continue;
            }
            if (afterBlank) {
                blockStart = line;
                afterBlank = false;
            }
            lineBlank = false;
            boolean runStart = i == 0 || markdown.charAt(i - 1) != c;
            if (c == '*' || c == '_' || c == '~') {
                if (runStart) {
                    marks++;
                    if (++blockRuns > MAX_BLOCK_EMPHASIS_RUNS) {
                        throw new DocumentException("the paragraph starting at line " + blockStart + " has more than "
                                + MAX_BLOCK_EMPHASIS_RUNS + " runs of emphasis marks (*, _ or ~)");
                    }
                }
            } else if (c == '`' && runStart || c == '[' || c == '<' || c == '&') {
                marks++;
            }
            if (marks > MAX_MARKS) {
                throw new DocumentException("the draft has more than " + MAX_MARKS
                        + " inline marks (links, emphasis, code, HTML, entities); the limit is reached at line " + line);
            }
        }
    }
}
