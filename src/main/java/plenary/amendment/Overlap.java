package plenary.amendment;

import java.util.List;

/** Whether two proposals for one text touch the same words, so only one of them can be taken as is. */
public final class Overlap {
    private Overlap() {
    }

    public static boolean between(String current, String proposalA, String proposalB) {
        List<String> tokens = Words.tokens(current);
        List<Hunk> a = WordDiff.hunks(tokens, Words.tokens(proposalA));
        List<Hunk> b = WordDiff.hunks(tokens, Words.tokens(proposalB));
        for (Hunk x : a) {
            for (Hunk y : b) {
                if (x.clashesWith(y)) {
                    return true;
                }
            }
        }
        return false;
    }
}
