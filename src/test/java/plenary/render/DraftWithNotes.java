package plenary.render;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A random draft for layout tests. Every paragraph and note carries a unique marker word
 * (zqa17x, zqn3x…) so a test can find each exactly once in the extracted text.
 */
record DraftWithNotes(String markdown, List<String> markers) {
    private static final String[] LATIN = ("local regional governments human rights participation residents "
            + "commitments monitoring budget inclusive sustainable partnership networks housing data").split(" ");
    private static final String[] ARABIC = "الحكومات المحلية حقوق الإنسان المشاركة السكان الميزانية البيانات".split(" ");

    static DraftWithNotes generate(SplittableRandom random) {
        StringBuilder md = new StringBuilder("# Layout test\n\n");
        List<String> markers = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        int paragraphs = 1 + random.nextInt(14);
        int number = 0;
        for (int p = 0; p < paragraphs; p++) {
            String marker = "zqa" + p + "x";
            markers.add(marker);
            boolean arabic = random.nextInt(5) == 0;
            int words = switch (random.nextInt(6)) {
                case 0 -> 1200 + random.nextInt(600); // longer than a page
                case 1, 2 -> 80 + random.nextInt(120);
                default -> 8 + random.nextInt(40);
            };
            StringBuilder body = new StringBuilder(arabic ? "*تدعو* " : "*Calls upon* ");
            body.append(words(random, words, arabic)).append(' ').append(marker);
            int cites = random.nextInt(4) == 0 ? 1 + random.nextInt(random.nextInt(3) == 0 ? 40 : 3) : 0;
            for (int n = 0; n < cites; n++) {
                String label = "n" + notes.size();
                body.append("[^").append(label).append(']');
                notes.add(label);
            }
            switch (random.nextInt(5)) {
                case 0 -> md.append(body).append(",\n\n");
                case 1 -> {
                    md.append("| A | B |\n|---|---|\n| ").append(marker).append(" | ").append(words(random, 6, arabic))
                            .append(" |\n\n");
                }
                case 2 -> {
                    md.append("- ").append(marker).append(' ').append(words(random, 10, arabic)).append("\n  - ")
                            .append(words(random, 12, arabic)).append("\n\n");
                }
                default -> md.append(++number).append(". ").append(body).append(";\n\n");
            }
        }
        for (int n = 0; n < notes.size(); n++) {
            String marker = "zqn" + n + "x";
            markers.add(marker);
            int words = random.nextInt(8) == 0 ? 300 + random.nextInt(700) : 5 + random.nextInt(40);
            md.append("[^").append(notes.get(n)).append("]: ").append(marker).append(' ')
                    .append(words(random, words, false)).append(".\n\n");
        }
        return new DraftWithNotes(md.toString(), markers);
    }

    private static String words(SplittableRandom random, int n, boolean arabic) {
        String[] pool = arabic ? ARABIC : LATIN;
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            out.append(i == 0 ? "" : " ").append(pool[random.nextInt(pool.length)]);
        }
        return out.toString();
    }
}
