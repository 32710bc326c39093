package plenary.amendment;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;

import java.util.ArrayList;
import java.util.List;

/** A word-level diff between two texts, for showing an amendment against the current text. */
public final class WordDiff {
    private WordDiff() {
    }

    /** Segments that, read in order, spell {@code from} (EQUAL + DELETE) and {@code to} (EQUAL + INSERT). */
    public static List<Segment> between(String from, String to) {
        List<String> a = Words.tokens(from);
        List<String> b = Words.tokens(to);
        List<Segment> out = new ArrayList<>();
        int at = 0;
        for (Hunk hunk : hunks(a, b)) {
            add(out, Segment.Kind.EQUAL, String.join("", a.subList(at, hunk.start())));
            add(out, Segment.Kind.DELETE, String.join("", a.subList(hunk.start(), hunk.end())));
            add(out, Segment.Kind.INSERT, String.join("", hunk.replacement()));
            at = hunk.end();
        }
        add(out, Segment.Kind.EQUAL, String.join("", a.subList(at, a.size())));
        return out;
    }

    /** The changes that turn token list {@code a} into {@code b}, in order, as ranges of {@code a}. */
    static List<Hunk> hunks(List<String> a, List<String> b) {
        Patch<String> patch = DiffUtils.diff(a, b);
        List<Hunk> hunks = new ArrayList<>();
        for (AbstractDelta<String> delta : patch.getDeltas()) {
            int start = delta.getSource().getPosition();
            hunks.add(new Hunk(start, start + delta.getSource().size(), List.copyOf(delta.getTarget().getLines())));
        }
        hunks.sort((x, y) -> Integer.compare(x.start(), y.start()));
        return hunks;
    }

    private static void add(List<Segment> out, Segment.Kind kind, String text) {
        if (!text.isEmpty()) {
            out.add(new Segment(kind, text));
        }
    }
}
