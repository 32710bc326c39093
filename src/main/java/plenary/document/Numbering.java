package plenary.document;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Derives the numbers people cite ("PP3", "OP 12", "(b)") from clause order. Numbers are never
 * stored: inserting, deleting or moving a clause renumbers everything after it, while ids stay put.
 */
public final class Numbering {
    private Numbering() {
    }

    /** One label per clause, in order; null where a clause carries no number. */
    public static List<String> labels(List<Clause> clauses) {
        List<String> labels = new ArrayList<>(clauses.size());
        int preambular = 0;
        int operative = 0;
        int sub = 0;
        for (Clause clause : clauses) {
            switch (clause.kind()) {
                case PREAMBULAR -> labels.add("PP" + (++preambular));
                case OPERATIVE -> {
                    sub = 0;
                    labels.add(Integer.toString(++operative));
                }
                case SUB_PARAGRAPH -> labels.add("(" + letters(++sub) + ")");
                default -> labels.add(null);
            }
        }
        return Collections.unmodifiableList(labels);
    }

    /**
     * How a negotiator cites each clause: "PP2", "OP15", "OP2(a)"; null for headings, footnotes and
     * free text, which have no number.
     */
    public static List<String> citations(List<Clause> clauses) {
        List<String> labels = labels(clauses);
        List<String> out = new ArrayList<>(clauses.size());
        String operative = null;
        for (int i = 0; i < clauses.size(); i++) {
            String label = labels.get(i);
            switch (clauses.get(i).kind()) {
                case PREAMBULAR -> out.add(label);
                case OPERATIVE -> {
                    operative = "OP" + label;
                    out.add(operative);
                }
                case SUB_PARAGRAPH -> out.add(operative == null ? label : operative + label);
                default -> out.add(null);
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** 1 → a … 26 → z, then 27 → aa, 28 → bb: the usual style of UN sub-paragraphs. */
    static String letters(int n) {
        int repeat = (n - 1) / 26 + 1;
        char letter = (char) ('a' + (n - 1) % 26);
        return String.valueOf(letter).repeat(repeat);
    }
}
