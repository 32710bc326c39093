package plenary.amendment;

import java.util.SplittableRandom;

/** Random clause-like texts for the diff and merge properties. */
final class MergeTexts {
    private static final String[] WORDS = {"local", "governments", "human", "rights", "cities", "shall", "may",
            "l'État", "droits", "derechos", "права", "حقوق", "人权", "🌍", "é"};
    private static final String[] GAPS = {" ", " ", " ", ", ", "; ", " — "};

    private MergeTexts() {
    }

    static String sentence(SplittableRandom random) {
        StringBuilder out = new StringBuilder();
        int n = random.nextInt(0, 12);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                out.append(GAPS[random.nextInt(GAPS.length)]);
            }
            out.append(WORDS[random.nextInt(WORDS.length)]);
        }
        return out.toString();
    }
}
