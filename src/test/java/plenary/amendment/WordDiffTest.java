package plenary.amendment;

import org.junit.jupiter.api.Test;
import plenary.document.Seeds;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WordDiffTest {

    @Test
    void marksWordsInsertedAndDeleted() {
        List<Segment> diff = WordDiff.between("*Calls upon* local governments to act;",
                "*Calls upon* local and regional governments to act swiftly;");
        assertEquals(List.of(
                new Segment(Segment.Kind.EQUAL, "*Calls upon* local "),
                new Segment(Segment.Kind.INSERT, "and regional "),
                new Segment(Segment.Kind.EQUAL, "governments to act"),
                new Segment(Segment.Kind.INSERT, " swiftly"),
                new Segment(Segment.Kind.EQUAL, ";")), diff);
    }

    @Test
    void segmentsSpellBothTextsForAnyPair() {
        long seed = Seeds.base();
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 5_000; i++) {
            String a = MergeTexts.sentence(random);
            String b = MergeTexts.sentence(random);
            List<Segment> diff = WordDiff.between(a, b);
            StringBuilder from = new StringBuilder();
            StringBuilder to = new StringBuilder();
            for (Segment s : diff) {
                if (s.kind() != Segment.Kind.INSERT) {
                    from.append(s.text());
                }
                if (s.kind() != Segment.Kind.DELETE) {
                    to.append(s.text());
                }
            }
            assertEquals(a, from.toString(), "seed " + seed + " case " + i);
            assertEquals(b, to.toString(), "seed " + seed + " case " + i);
        }
    }

    @Test
    void tokensJoinBackToTheText() {
        for (String text : List.of("", "a", "l'État, c’est-à-dire", "حقوق الإنسان؛", "人权 城市", "e\u0301te\u0301 🌍!")) {
            assertEquals(text, String.join("", Words.tokens(text)));
        }
    }
}
