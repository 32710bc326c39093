package plenary.bench;

import plenary.document.Document;
import plenary.document.MarkdownImporter;
import plenary.document.RandomIds;
import plenary.render.Edition;
import plenary.render.HtmlEdition;
import plenary.render.PdfEdition;
import plenary.render.Variant;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Time to render the official PDF of a 200-clause outcome document (preambular and operative
 * paragraphs, sub-paragraphs, footnotes), in a warm JVM: the target is 300 ms. Also times the HTML.
 *
 * <p>Arguments: {@code --clauses N} (default 200), {@code --warmup N} renders first (default 30),
 * {@code --runs N} measured renders (default 50), {@code --seed S}.
 */
public final class PdfRendering {
    private PdfRendering() {
    }

    public static void main(String[] args) {
        int clauses = intArg(args, "--clauses", 200);
        int warmup = intArg(args, "--warmup", 30);
        int runs = intArg(args, "--runs", 50);
        long seed = intArg(args, "--seed", 2026);
        String markdown = draft(clauses, new SplittableRandom(seed));
        Document document = new MarkdownImporter(RandomIds.secure()).read("bench", markdown);
        Edition edition = Edition.of(document);
        System.out.printf("document: %d clauses (%d characters of Markdown), seed %d%n",
                document.clauses().size(), markdown.length(), seed);
        byte[] pdf = null;
        for (int i = 0; i < warmup; i++) {
            pdf = PdfEdition.render(edition, Variant.CLEAN);
            HtmlEdition.render(edition, Variant.CLEAN);
        }
        long[] pdfNanos = new long[runs];
        long[] htmlNanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            pdf = PdfEdition.render(edition, Variant.CLEAN);
            long t1 = System.nanoTime();
            HtmlEdition.render(edition, Variant.CLEAN);
            long t2 = System.nanoTime();
            pdfNanos[i] = t1 - t0;
            htmlNanos[i] = t2 - t1;
        }
        System.out.printf("PDF:  %s; %,d bytes%n", summary(pdfNanos), pdf.length);
        System.out.printf("HTML: %s%n", summary(htmlNanos));
    }

    /** A draft shaped like a real outcome document, with every feature the renderer lays out. */
    static String draft(int clauses, SplittableRandom random) {
        StringBuilder out = new StringBuilder("""
                ---
                conference: Benchmark Conference on Local Human Rights
                place: Graz, Austria
                date: 2026-11-27
                symbol: BENCH/2026/1
                language: en
                ---

                # Outcome document of the benchmark conference

                """);
        String[] leads = {"Recalling", "Recognizing", "Reaffirming", "Bearing in mind", "Noting with appreciation"};
        String[] verbs = {"Calls upon", "Encourages", "Invites", "Urges", "Recommends", "Commits to"};
        int preambular = clauses / 5;
        int written = 0;
        int notes = 0;
        for (; written < preambular; written++) {
            out.append('*').append(leads[random.nextInt(leads.length)]).append("* ").append(words(random, 40));
            if (written % 4 == 0) {
                out.append("[^n").append(++notes).append(']');
            }
            out.append(",\n\n");
        }
        int number = 0;
        while (written < clauses) {
            out.append(++number).append(". *").append(verbs[random.nextInt(verbs.length)]).append("* ")
                    .append(words(random, 50));
            if (number % 6 == 0) {
                out.append("[^n").append(++notes).append(']');
            }
            written++;
            if (number % 5 == 0 && written < clauses) {
                out.append(":\n");
                for (int s = 0; s < 3 && written < clauses; s++, written++) {
                    out.append("   ").append(s + 1).append(". ").append(words(random, 25)).append(";\n");
                }
                out.append('\n');
            } else {
                out.append(";\n\n");
            }
        }
        for (int n = 1; n <= notes; n++) {
            out.append("[^n").append(n).append("]: ").append(words(random, 20)).append(".\n\n");
        }
        return out.toString();
    }

    private static final String[] WORDS = ("local regional governments human rights implementation participation "
            + "residents cities municipalities commitments obligations monitoring indicators budget accessible "
            + "inclusive sustainable development agenda partnership networks civil society children persons "
            + "disabilities older migrants housing water sanitation education health data assessment").split(" ");

    private static String words(SplittableRandom random, int n) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            out.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return out.toString();
    }

    private static String summary(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format("p50 %.1f ms, p95 %.1f ms, max %.1f ms over %d renders", ms(sorted[sorted.length / 2]),
                ms(sorted[(int) Math.ceil(sorted.length * 0.95) - 1]), ms(sorted[sorted.length - 1]), sorted.length);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
