package plenary.amendment;

import org.junit.jupiter.api.Test;
import plenary.document.Clause;
import plenary.document.ClauseKind;
import plenary.document.Document;
import plenary.document.DocumentMeta;
import plenary.document.DocumentStatus;
import plenary.document.Seeds;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Conflict groups, rebasing and text edits against independent references (seeded; replay with
 * -Dplenary.seed=N). Every word and every separator of a generated text is unique, so a word diff has
 * exactly one answer and the reference can name each amendment's edits as ranges of token indices.
 */
class ConflictGroupsPropertyTest {
    private static final int CASES = 2_500;
    private static final String CLAUSE = "c1";

    /** Conflict groups are exactly the connected components of "some edit of one overlaps or touches some edit of the other". */
    @Test
    void groupsAreTheChainsOfOverlappingAmendments() {
        long seed = Seeds.base();
        SplittableRandom random = new SplittableRandom(seed);
        int grouped = 0;
        int chained = 0;
        for (int i = 0; i < CASES; i++) {
            Case c = new Case(random, i);
            List<List<Edit>> edits = new ArrayList<>();
            int count = random.nextInt(2, 7);
            while (edits.size() < count) {
                List<Edit> next = c.editsAvoiding(List.of());
                if (!next.isEmpty()) {
                    edits.add(next);
                }
            }
            List<Set<String>> expected = referenceGroups(edits);
            Set<Set<String>> actual = new HashSet<>();
            for (ConflictGroup g : ConflictGroups.of(c.amendments(edits), c.document(c.base))) {
                assertEquals(CLAUSE, g.clauseId(), () -> c.where(seed, edits));
                actual.add(Set.copyOf(g.amendmentIds()));
            }
            assertEquals(Set.copyOf(expected), actual, () -> c.where(seed, edits));
            grouped += expected.isEmpty() ? 0 : 1;
            chained += expected.stream().anyMatch(g -> !allPairsClash(g, edits)) ? 1 : 0;
        }
        // The generator must produce both kinds of case, or the comparison above proves little.
        assertTrue(grouped > CASES / 4 && grouped < CASES * 19 / 20, "seed " + seed + ": " + grouped + " grouped cases");
        assertTrue(chained > CASES / 50, "seed " + seed + ": only " + chained + " cases linked through a chain");
    }

    /** Amendments to different words, accepted one after another and rebased each time, all land in the text. */
    @Test
    void separateAmendmentsAcceptedInTurnAllEndUpInTheText() {
        long seed = Seeds.base();
        SplittableRandom random = new SplittableRandom(seed);
        int rebasedTwice = 0;
        for (int i = 0; i < CASES; i++) {
            Case c = new Case(random, i);
            List<List<Edit>> edits = new ArrayList<>();
            int count = random.nextInt(2, 6);
            for (int k = 0; k < count; k++) {
                List<Edit> next = c.editsAvoiding(edits.stream().flatMap(List::stream).toList());
                if (next.isEmpty()) {
                    break; // no room left for a separate change
                }
                edits.add(next);
            }
            List<Amendment> amendments = c.amendments(edits);
            Document document = c.document(c.base);
            assertTrue(ConflictGroups.of(amendments, document).isEmpty(), () -> c.where(seed, edits));
            List<Integer> order = shuffled(random, edits.size());
            List<Edit> landed = new ArrayList<>();
            for (int step = 0; step < order.size(); step++) {
                int k = order.get(step);
                Standing standing = Standing.of(amendments.get(k), document);
                int at = step;
                Supplier<String> where = () -> c.where(seed, edits) + "\naccepting a" + k + " as step " + at;
                assertEquals(step == 0 ? Standing.Kind.CURRENT : Standing.Kind.REBASED, standing.kind(), where);
                Clause clause = document.clause(CLAUSE).orElseThrow();
                String next = TextEdits.between(clause.text(), standing.proposal()).apply(clause.text());
                document = document.replace(clause.withText(next));
                landed.addAll(edits.get(k));
                assertEquals(apply(c.base, landed), next, where);
            }
            rebasedTwice += edits.size() >= 3 ? 1 : 0;
        }
        assertTrue(rebasedTwice > CASES / 4, "seed " + seed + ": only " + rebasedTwice + " cases rebased more than once");
    }

    /** The text operation a merge submits turns the current text into the target, for any pair of texts. */
    @Test
    void textEditsTurnOneTextIntoTheOther() {
        long seed = Seeds.base();
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < CASES * 2; i++) {
            String a = MergeTexts.sentence(random);
            String b = random.nextBoolean() ? MergeTexts.sentence(random) : mutate(random, a);
            int at = i;
            assertEquals(b, TextEdits.between(a, b).apply(a), () -> "seed " + seed + " case " + at + "\na: " + a + "\nb: " + b);
        }
    }

    /** One edit of an amendment: base tokens {@code [start, end)} become {@code replacement}. */
    record Edit(int start, int end, List<String> replacement) {
        /** Overlapping, or touching with no token between: the reference for a conflict. */
        boolean clashesWith(Edit other) {
            return start <= other.end && other.start <= end;
        }
    }

    /** A clause text of unique words joined by unique separators, and a source of fresh tokens. */
    private static final class Case {
        // Each word, with the number that makes it unique, must be one token: an ideograph and digits
        // are two (Chinese and its neighbours have UnspacedScriptsPropertyTest), Arabic letters and
        // digits one.
        private static final String[] WORDS = {"local", "governments", "rights", "cities", "shall", "report",
                "l'État", "derechos", "права", "حقوق"};
        private static final String SYMBOLS = "~!@#$%^&*+";
        private final SplittableRandom random;
        private final int number;
        private int fresh;
        final int words;
        final List<String> base = new ArrayList<>();

        Case(SplittableRandom random, int number) {
            this.random = random;
            this.number = number;
            this.words = random.nextInt(2, 22);
            for (int w = 0; w < words; w++) {
                if (w > 0) {
                    base.add(separator());
                }
                base.add(word());
            }
        }

        String word() {
            return WORDS[random.nextInt(WORDS.length)] + fresh++;
        }

        String separator() {
            StringBuilder code = new StringBuilder();
            for (int k = fresh++; ; k /= SYMBOLS.length()) {
                code.append(SYMBOLS.charAt(k % SYMBOLS.length()));
                if (k < SYMBOLS.length()) {
                    return " " + code + " ";
                }
            }
        }

        /** One or two edits that keep the word/separator alternation and clash with none of {@code taken}; none when crowded. */
        List<Edit> editsAvoiding(List<Edit> taken) {
            List<Edit> mine = new ArrayList<>();
            int wanted = random.nextInt(1, 3);
            for (int attempt = 0; attempt < 50 && mine.size() < wanted; attempt++) {
                Edit e = randomEdit();
                if (e != null && taken.stream().noneMatch(e::clashesWith) && mine.stream().noneMatch(e::clashesWith)) {
                    mine.add(e);
                }
            }
            mine.sort(Comparator.comparingInt(Edit::start));
            return mine;
        }

        private Edit randomEdit() {
            int i = random.nextInt(words);
            int j = Math.min(words - 1, i + random.nextInt(0, 2));
            return switch (random.nextInt(4)) {
                case 0, 1 -> { // replace words i..j by one to three fresh words
                    List<String> replacement = new ArrayList<>(List.of(word()));
                    for (int n = random.nextInt(0, 3); n > 0; n--) {
                        replacement.add(separator());
                        replacement.add(word());
                    }
                    yield new Edit(2 * i, 2 * j + 1, replacement);
                }
                case 2 -> { // delete words i..j with one separator next to them
                    if (j < words - 1) {
                        yield new Edit(2 * i, 2 * j + 2, List.of());
                    }
                    yield i > 0 ? new Edit(2 * i - 1, 2 * j + 1, List.of()) : null;
                }
                default -> random.nextBoolean()
                        ? new Edit(2 * i, 2 * i, List.of(word(), separator()))                        // before word i
                        : new Edit(base.size(), base.size(), List.of(separator(), word()));          // at the end
            };
        }

        Document document(List<String> tokens) {
            Clause clause = Clause.fresh(CLAUSE, ClauseKind.OPERATIVE, String.join("", tokens));
            return new Document("d", "Draft", DocumentMeta.EMPTY, DocumentStatus.NEGOTIATING, 0, List.of(clause));
        }

        /** Tabled modifications a0, a1, … written against the base text. */
        List<Amendment> amendments(List<List<Edit>> edits) {
            String baseText = String.join("", base);
            List<Amendment> out = new ArrayList<>();
            for (int k = 0; k < edits.size(); k++) {
                out.add(new Amendment("a" + k, AmendmentKind.MODIFY, CLAUSE, null, null, 0, baseText,
                        apply(base, edits.get(k)), "D" + k, List.of(), "", "u" + k, "U" + k, AmendmentState.TABLED,
                        null, List.of(), "2026-01-01T00:00:00Z"));
            }
            return out;
        }

        String where(long seed, List<List<Edit>> edits) {
            StringBuilder out = new StringBuilder("seed " + seed + " case " + number + "\nbase: " + String.join("", base));
            for (int k = 0; k < edits.size(); k++) {
                out.append("\na").append(k).append(": ").append(apply(base, edits.get(k))).append("  ").append(edits.get(k));
            }
            return out.toString();
        }
    }

    /** The reference groups: union-find over clashing pairs, components of two or more. */
    private static List<Set<String>> referenceGroups(List<List<Edit>> edits) {
        int n = edits.size();
        int[] component = new int[n];
        for (int k = 0; k < n; k++) {
            component[k] = k;
        }
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                if (clash(edits.get(a), edits.get(b))) {
                    int from = component[b];
                    int to = component[a];
                    for (int k = 0; k < n; k++) {
                        component[k] = component[k] == from ? to : component[k];
                    }
                }
            }
        }
        List<Set<String>> groups = new ArrayList<>();
        for (int root = 0; root < n; root++) {
            Set<String> members = new HashSet<>();
            for (int k = 0; k < n; k++) {
                if (component[k] == root) {
                    members.add("a" + k);
                }
            }
            if (members.size() > 1) {
                groups.add(members);
            }
        }
        return groups;
    }

    private static boolean clash(List<Edit> a, List<Edit> b) {
        return a.stream().anyMatch(x -> b.stream().anyMatch(x::clashesWith));
    }

    private static boolean allPairsClash(Set<String> group, List<List<Edit>> edits) {
        List<Integer> members = group.stream().map(id -> Integer.parseInt(id.substring(1))).toList();
        return members.stream().allMatch(a -> members.stream().allMatch(b -> a.equals(b) || clash(edits.get(a), edits.get(b))));
    }

    /** Applies non-clashing edits to the base tokens. */
    private static String apply(List<String> base, List<Edit> edits) {
        List<Edit> sorted = edits.stream().sorted(Comparator.comparingInt(Edit::start)).toList();
        StringBuilder out = new StringBuilder();
        int at = 0;
        for (Edit e : sorted) {
            base.subList(at, e.start()).forEach(out::append);
            e.replacement().forEach(out::append);
            at = e.end();
        }
        base.subList(at, base.size()).forEach(out::append);
        return out.toString();
    }

    private static List<Integer> shuffled(SplittableRandom random, int n) {
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            order.add(random.nextInt(k + 1), k);
        }
        return order;
    }

    /** A text sharing most of its words with {@code a}: some tokens dropped, replaced or added. */
    private static String mutate(SplittableRandom random, String a) {
        List<String> tokens = new ArrayList<>(Words.tokens(a));
        for (int n = random.nextInt(0, 4); n > 0; n--) {
            int at = random.nextInt(tokens.size() + 1);
            switch (random.nextInt(3)) {
                case 0 -> { if (at < tokens.size()) tokens.remove(at); }
                case 1 -> { if (at < tokens.size()) tokens.set(at, MergeTexts.sentence(random)); }
                default -> tokens.add(at, " " + MergeTexts.sentence(random) + " ");
            }
        }
        return String.join("", tokens);
    }
}
