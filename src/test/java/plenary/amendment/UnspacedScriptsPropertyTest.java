package plenary.amendment;

import org.junit.jupiter.api.Test;
import plenary.document.Clause;
import plenary.document.ClauseKind;
import plenary.document.Document;
import plenary.document.DocumentMeta;
import plenary.document.DocumentStatus;
import plenary.document.Seeds;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 19: Chinese, Japanese and Thai are written without spaces, and a paragraph of them was
 * diffed as one word. Seeded random paragraphs (replay with -Dplenary.seed=N) of phrases of three to
 * five dictionary words, each word at most once, between punctuation marks; an amendment replaces
 * one word by one not in the paragraph. Its diff touches
 * that word (at most with a neighbour the dictionary now reads together with it), never the rest of
 * the phrase; two amendments are put in one conflict group when they replace the same word, and
 * never when three words or a punctuation mark lie between theirs.
 */
class UnspacedScriptsPropertyTest {
    private static final int CASES = 1_500;
    private static final String CLAUSE = "c1";

    /** Words of each script, and the marks between its phrases. */
    private record Script(String name, List<String> words, List<String> marks) {
    }

    private static final List<Script> SCRIPTS = List.of(
            new Script("Chinese", List.of("政府", "城市", "人权", "教育", "培训", "预算", "报告", "加强", "支持", "地方",
                    "社会", "妇女", "儿童", "青年", "住房", "环境", "安全", "参与", "透明", "机构", "卫生", "就业",
                    "文化", "交通"), List.of("，", "、", "；", "。")),
            new Script("Japanese", List.of("政府", "都市", "人権", "教育", "予算", "報告", "協力", "支援", "地域", "社会",
                    "女性", "子供", "住宅", "環境", "安全", "参加", "透明性", "機関", "保健", "雇用", "文化", "交通",
                    "若者", "研修"), List.of("、", "。", "；")),
            new Script("Thai", List.of("รัฐบาล", "เมือง", "สิทธิ", "การศึกษา", "งบประมาณ", "รายงาน", "สนับสนุน", "ท้องถิ่น",
                    "สังคม", "ผู้หญิง", "เด็ก", "เยาวชน", "ที่อยู่อาศัย", "สิ่งแวดล้อม", "ความปลอดภัย", "หน่วยงาน", "สุขภาพ",
                    "การจ้างงาน", "วัฒนธรรม", "การขนส่ง", "ชุมชน", "ประชาชน", "นโยบาย", "กฎหมาย"),
                    List.of(" ", "; ", ", ")));

    @Test
    void aReplacedWordIsAllTheDiffTouches() {
        long seed = Seeds.base();
        SplittableRandom random = new SplittableRandom(seed);
        int exact = 0;
        for (int n = 0; n < CASES; n++) {
            Paragraph p = new Paragraph(random);
            int i = random.nextInt(p.words.size());
            String edited = p.replacing(i, p.otherWord(random));
            List<Segment> diff = WordDiff.between(p.text(), edited);
            int[] changed = changedRange(diff);
            String where = "seed " + seed + " case " + n + " (" + p.script.name() + "): " + p.text() + " → " + edited;
            // The changed part of the old text lies within the word and its two neighbours in the phrase.
            int from = p.phraseNeighbour(i, -1);
            int to = p.phraseNeighbour(i, +1);
            assertTrue(changed[0] >= p.start(from) && changed[1] <= p.end(to), where + "\nchanged "
                    + p.text().substring(changed[0], changed[1]) + " of the old text");
            exact += changed[0] >= p.start(i) && changed[1] <= p.end(i) ? 1 : 0;
        }
        // Mostly the word alone: neighbours come in only where the dictionary reads two words as one.
        assertTrue(exact > CASES * 3 / 4, "seed " + seed + ": only " + exact + " of " + CASES + " diffs kept to the word");
    }

    @Test
    void amendmentsConflictOnlyWhenTheyChangeTheSameWords() {
        long seed = Seeds.base();
        SplittableRandom random = new SplittableRandom(seed);
        int apart = 0;
        int same = 0;
        for (int n = 0; n < CASES; n++) {
            Paragraph p = new Paragraph(random);
            int i = random.nextInt(p.words.size());
            int j = random.nextInt(p.words.size());
            String a = p.replacing(i, p.otherWord(random));
            String b = p.replacing(j, p.otherWord(random));
            if (a.equals(b)) {
                continue;
            }
            boolean grouped = !ConflictGroups.of(List.of(amendment("a", p.text(), a), amendment("b", p.text(), b)),
                    document(p.text())).isEmpty();
            String where = "seed " + seed + " case " + n + " (" + p.script.name() + "): " + p.text() + "\na: " + a
                    + "\nb: " + b;
            if (i == j) {
                assertTrue(grouped, "the same word changed two ways: " + where);
                same++;
            } else if (Math.abs(i - j) > 3 || p.phrase(i) != p.phrase(j)) {
                assertFalse(grouped, "words apart: " + where);
                apart++;
            }
        }
        assertTrue(same > CASES / 20 && apart > CASES / 4, "seed " + seed + ": " + same + " same, " + apart + " apart");
    }

    /** [start, end) of the old text that the diff deletes or inserts at. */
    private static int[] changedRange(List<Segment> diff) {
        int at = 0;
        int start = -1;
        int end = -1;
        for (Segment s : diff) {
            if (s.kind() != Segment.Kind.EQUAL) {
                start = start < 0 ? at : start;
                end = at + (s.kind() == Segment.Kind.DELETE ? s.text().length() : 0);
            }
            if (s.kind() != Segment.Kind.INSERT) {
                at += s.text().length();
            }
        }
        assertTrue(start >= 0, "a replaced word shows as a change");
        return new int[] {start, end};
    }

    private static Amendment amendment(String id, String base, String proposed) {
        return new Amendment(id, AmendmentKind.MODIFY, CLAUSE, null, null, 0, base, proposed, "D" + id, List.of(), "",
                "u" + id, "U" + id, AmendmentState.TABLED, null, List.of(), "2026-01-01T00:00:00Z");
    }

    private static Document document(String text) {
        Clause clause = Clause.fresh(CLAUSE, ClauseKind.OPERATIVE, text);
        return new Document("d", "Draft", DocumentMeta.EMPTY, DocumentStatus.NEGOTIATING, 0, List.of(clause));
    }

    /** Phrases of three to six words of one script, each phrase ended by one of its marks. */
    private static final class Paragraph {
        final Script script;
        final List<String> words = new ArrayList<>();
        /** For each word: its phrase, and where it starts in the text. */
        final List<Integer> phrases = new ArrayList<>();
        final List<Integer> starts = new ArrayList<>();
        private final StringBuilder text = new StringBuilder();

        Paragraph(SplittableRandom random) {
            script = SCRIPTS.get(random.nextInt(SCRIPTS.size()));
            int phraseCount = random.nextInt(1, 4);
            for (int ph = 0; ph < phraseCount; ph++) {
                int length = random.nextInt(3, 6);
                for (int w = 0; w < length; w++) {
                    String word;
                    do {
                        word = script.words().get(random.nextInt(script.words().size()));
                    } while (words.contains(word));
                    starts.add(text.length());
                    phrases.add(ph);
                    words.add(word);
                    text.append(word);
                }
                text.append(script.marks().get(random.nextInt(script.marks().size())));
            }
        }

        String text() {
            return text.toString();
        }

        int start(int i) {
            return starts.get(i);
        }

        int end(int i) {
            return starts.get(i) + words.get(i).length();
        }

        int phrase(int i) {
            return phrases.get(i);
        }

        /** The word next to word i on that side within its phrase, or word i itself at the phrase's edge. */
        int phraseNeighbour(int i, int side) {
            int k = i + side;
            return k >= 0 && k < words.size() && phrases.get(k).equals(phrases.get(i)) ? k : i;
        }

        /** A word not in the paragraph: every word appears once, so a diff has one best alignment. */
        String otherWord(SplittableRandom random) {
            String other;
            do {
                other = script.words().get(random.nextInt(script.words().size()));
            } while (words.contains(other));
            return other;
        }

        String replacing(int i, String word) {
            return text.substring(0, start(i)) + word + text.substring(end(i));
        }
    }
}
