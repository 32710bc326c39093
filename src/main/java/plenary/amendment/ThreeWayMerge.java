package plenary.amendment;

import java.util.ArrayList;
import java.util.List;

/**
 * Rebases an amendment: the clause text it was written against ({@code base}), the text now
 * ({@code current}) and the text it proposes ({@code proposed}). When the two sets of changes
 * touch different words, both are kept; when any change of one touches a change of the other, the
 * whole is a conflict. Nothing is dropped silently.
 */
public final class ThreeWayMerge {
    private ThreeWayMerge() {
    }

    public static MergeResult merge(String base, String current, String proposed) {
        List<String> tokens = Words.tokens(base);
        List<Hunk> ours = WordDiff.hunks(tokens, Words.tokens(current));
        List<Hunk> theirs = WordDiff.hunks(tokens, Words.tokens(proposed));
        List<String> conflicts = new ArrayList<>();
        // The same change made on both sides (typed in before the amendment was accepted) is no clash.
        theirs = theirs.stream().filter(b -> !ours.contains(b)).toList();
        for (Hunk a : ours) {
            for (Hunk b : theirs) {
                if (a.clashesWith(b)) {
                    int from = Math.min(a.start(), b.start());
                    int to = Math.max(a.end(), b.end());
                    conflicts.add(String.join("", tokens.subList(from, to)));
                }
            }
        }
        if (!conflicts.isEmpty()) {
            return new MergeResult.Conflict(conflicts);
        }
        List<Hunk> all = new ArrayList<>(ours);
        all.addAll(theirs);
        all.sort((x, y) -> Integer.compare(x.start(), y.start()));
        StringBuilder out = new StringBuilder();
        int at = 0;
        for (Hunk hunk : all) {
            out.append(String.join("", tokens.subList(at, hunk.start())));
            hunk.replacement().forEach(out::append);
            at = hunk.end();
        }
        out.append(String.join("", tokens.subList(at, tokens.size())));
        return new MergeResult.Merged(out.toString());
    }
}
