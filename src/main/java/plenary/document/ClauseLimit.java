package plenary.document;

/**
 * The most clauses a document may hold: a hundred times an ordinary outcome document (the samples
 * have 20 to 40). Every clause is a row, part of every answer, edition and PDF; with no limit, 2 MiB
 * of "1. x" made 419,389 clauses, a 43 MB answer, and compilation PDFs that ran the server out of
 * memory. Imports check it; so should whatever adds clauses to a document.
 */
public final class ClauseLimit {
    public static final int MAX_CLAUSES = 5_000;

    private ClauseLimit() {
    }

    /** Throws when a document would hold {@code count} clauses. */
    public static void check(int count) {
        if (count > MAX_CLAUSES) {
            throw new DocumentException("a document may hold at most " + MAX_CLAUSES + " clauses");
        }
    }
}
