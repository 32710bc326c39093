package plenary.bench;

import plenary.editing.TextOp;

import java.util.SplittableRandom;

/** The draft both benchmarks edit (a heading, three preambular and N operative paragraphs) and the edits made to it. */
final class BenchDraft {
    private static final String[] VERBS = {"Calls upon", "Encourages", "Invites", "Requests", "Urges", "Recommends",
            "Decides", "Welcomes", "Emphasizes", "Stresses"};
    private static final String[] WORDS = {"a", "e", "the ", "and ", "local ", "s", "regional ", ", ", "x", "to "};

    private BenchDraft() {
    }

    static String markdown(int operative) {
        StringBuilder md = new StringBuilder("# Load test outcome document\n\n");
        md.append("## Preamble\n\n");
        md.append("*Recalling* the Universal Declaration of Human Rights and the core international human rights "
                + "treaties,\n\n");
        md.append("*Reaffirming* that all human rights are universal, indivisible, interdependent and interrelated,\n\n");
        md.append("*Noting* the growing number of cities and regions that have declared themselves human rights "
                + "cities,\n\n");
        for (int i = 1; i <= operative; i++) {
            md.append(i).append(". *").append(VERBS[i % VERBS.length]).append("* local and regional governments to "
                    + "adopt measurable targets, budgets and procedures for paragraph ").append(i)
                    .append(", and to report on them to the next conference;\n");
        }
        return md.toString();
    }

    /**
     * A small random edit of {@code text}: insert or delete 1–3 characters at a random place, more
     * deletes when the text has grown past 250 characters and only inserts below 60, so clause lengths
     * stay bounded however long the run. ASCII only, so no surrogate pair is ever cut.
     */
    static TextOp randomEdit(SplittableRandom random, String text) {
        int length = text.length();
        boolean delete = length > 250 || (length >= 60 && random.nextBoolean());
        if (delete) {
            int position = random.nextInt(length);
            int count = Math.min(length - position, random.nextInt(1, 4));
            return TextOp.builder().retain(position).delete(count).build();
        }
        int position = random.nextInt(length + 1);
        return TextOp.builder().retain(position).insert(WORDS[random.nextInt(WORDS.length)]).build();
    }
}
