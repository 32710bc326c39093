package plenary.amendment;

import org.junit.jupiter.api.Test;
import plenary.document.Seeds;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Rebasing an amendment (seeded; replay with -Dplenary.seed=N): changes to different words always
 * merge to a text with both; changes to the same words are always flagged, never dropped.
 */
class ThreeWayMergePropertyTest {
    private static final int CASES = 10_000;

    @Test
    void changesToDifferentWordsAlwaysMergeWithBoth() {
        long seed = Seeds.base();
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < CASES; i++) {
            // A base of distinct words; each side edits its own words, with untouched words between.
            int n = random.nextInt(3, 30);
            List<String> base = new ArrayList<>();
            for (int w = 0; w < n; w++) {
                base.add("w" + w);
            }
            StringBuilder baseText = new StringBuilder();
            StringBuilder current = new StringBuilder();
            StringBuilder proposed = new StringBuilder();
            StringBuilder expected = new StringBuilder();
            int lastEditor = -1;
            for (int w = 0; w < n; w++) {
                String word = base.get(w);
                String sep = w == 0 ? "" : " ";
                int editor = lastEditor == -1 ? random.nextInt(3) : 0; // 0 untouched, 1 current, 2 proposed
                String edited = switch (random.nextInt(3)) {
                    case 0 -> "";                                  // deleted
                    case 1 -> "new" + i + "x" + w;                  // replaced
                    default -> word + " added" + i + "x" + w;       // kept, and a word added after it
                };
                baseText.append(sep).append(word);
                current.append(sep).append(editor == 1 ? edited : word);
                proposed.append(sep).append(editor == 2 ? edited : word);
                expected.append(sep).append(editor == 0 ? word : edited);
                lastEditor = editor == 0 ? -1 : editor;
            }
            MergeResult result = ThreeWayMerge.merge(baseText.toString(), current.toString(), proposed.toString());
            if (!(result instanceof MergeResult.Merged merged)) {
                fail("seed " + seed + " case " + i + ": separate changes were flagged: " + result + "\nbase: "
                        + baseText + "\ncurrent: " + current + "\nproposed: " + proposed);
                return;
            }
            assertEquals(expected.toString(), merged.text(), "seed " + seed + " case " + i + "\nbase: " + baseText
                    + "\ncurrent: " + current + "\nproposed: " + proposed);
        }
    }

    @Test
    void changesToTheSameWordsAreAlwaysFlagged() {
        long seed = Seeds.base();
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < CASES; i++) {
            String before = MergeTexts.sentence(random);
            String after = MergeTexts.sentence(random);
            String target = "target" + i;
            String base = (before + " " + target + " " + after).strip();
            String current = base.replace(target, "ours" + i);
            String proposed = base.replace(target, random.nextBoolean() ? "theirs" + i : "");
            MergeResult result = ThreeWayMerge.merge(base, current, proposed);
            String where = "seed " + seed + " case " + i + ": overlapping changes merged silently: " + result;
            MergeResult.Conflict conflict = assertInstanceOf(MergeResult.Conflict.class, result, where);
            assertEquals(true, String.join("", conflict.regions()).contains(target), "the region names the word");
        }
    }
}
