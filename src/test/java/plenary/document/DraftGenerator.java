package plenary.document;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Random outcome documents and random Markdown drafts for the round-trip properties. */
final class DraftGenerator {
    private static final String[] WORDS = {
            "local", "governments", "human", "rights", "cities", "Graz", "résumé", "naïve", "Überprüfung",
            "São", "Paulo", "żółć", "права", "человека", "δικαιώματα", "حقوق", "الإنسان", "人权", "城市",
            "2030", "Agenda", "🌍", "👩🏽‍⚖️", "e\u0301te\u0301", "UN-Habitat", "OHCHR", "co-operation"};
    private static final String[] LEADS = {"Recalling", "Noting", "Recognizing", "Bearing in mind", "Rappelant",
            "Reconociendo", "Напоминая", "إذ يشير", "回顾"};

    private final SplittableRandom random;
    private final RandomIds ids;

    DraftGenerator(long seed) {
        this.random = new SplittableRandom(seed);
        this.ids = RandomIds.seeded(seed);
    }

    // ---- documents -------------------------------------------------------------------------

    Document document() {
        List<Clause> clauses = new ArrayList<>();
        int n = random.nextInt(0, 25);
        ClauseKind previous = null;
        for (int i = 0; i < n; i++) {
            ClauseKind kind = ClauseKind.values()[random.nextInt(ClauseKind.values().length)];
            if (kind == ClauseKind.SUB_PARAGRAPH && previous != ClauseKind.OPERATIVE && previous != ClauseKind.SUB_PARAGRAPH) {
                kind = ClauseKind.OPERATIVE;
            }
            if (kind == ClauseKind.FREE_TEXT && previous == ClauseKind.FREE_TEXT) {
                kind = ClauseKind.HEADING; // two bullet lists side by side would merge into one
            }
            clauses.add(Clause.fresh(ids.get(), kind, text(kind)));
            previous = kind;
        }
        Map<String, String> meta = new LinkedHashMap<>();
        for (String key : new String[] {"conference", "place", "date", "symbol", "language", "x-extra"}) {
            if (random.nextBoolean()) {
                meta.put(key, random.nextInt(5) == 0 ? "" : words(1, 6) + (random.nextBoolean() ? ": part two" : ""));
            }
        }
        String title = random.nextInt(6) == 0 ? "" : words(1, 8);
        return new Document(ids.get(), title, new DocumentMeta(meta), DocumentStatus.DRAFTING, 0, clauses);
    }

    private String text(ClauseKind kind) {
        return switch (kind) {
            case HEADING -> words(1, 6);
            case PREAMBULAR -> "*" + LEADS[random.nextInt(LEADS.length)] + "* " + sentence() + ",";
            case OPERATIVE, SUB_PARAGRAPH -> paragraphs();
            case FREE_TEXT -> random.nextBoolean() ? "Plain " + sentence() : "- " + words(1, 4) + "\n- " + words(1, 4);
            case FOOTNOTE -> "[^" + (1 + random.nextInt(9)) + "]: " + sentence();
        };
    }

    private String paragraphs() {
        StringBuilder out = new StringBuilder(random.nextBoolean() ? "*Calls upon* " : "");
        out.append(sentence());
        int more = random.nextInt(4) == 0 ? random.nextInt(1, 3) : 0;
        for (int i = 0; i < more; i++) {
            out.append(random.nextBoolean() ? "\n" : "\n\n").append("then ").append(sentence());
        }
        return out.append(';').toString();
    }

    private String sentence() {
        StringBuilder out = new StringBuilder(words(1, 4));
        int pieces = random.nextInt(0, 4);
        for (int i = 0; i < pieces; i++) {
            out.append(' ').append(switch (random.nextInt(6)) {
                case 0 -> "*" + words(1, 3) + "*";
                case 1 -> "**" + words(1, 3) + "**";
                case 2 -> "[" + words(1, 2) + "](https://example.org/" + random.nextInt(100) + ")";
                case 3 -> "`code " + random.nextInt(10) + "`";
                case 4 -> "[^" + (1 + random.nextInt(9)) + "]";
                default -> words(1, 5);
            });
        }
        return out.toString();
    }

    private String words(int min, int max) {
        int n = random.nextInt(min, max + 1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(WORDS[random.nextInt(WORDS.length)]);
        }
        return out.toString();
    }

    // ---- free-form Markdown ----------------------------------------------------------------

    /** A draft as a careless person might write it: any block, any list style, odd spacing. */
    String markdown() {
        StringBuilder out = new StringBuilder();
        if (random.nextInt(3) == 0) {
            out.append("---\nconference: ").append(words(1, 4)).append("\nplace: ").append(words(1, 2)).append("\n---\n");
        }
        int blocks = random.nextInt(0, 20);
        for (int i = 0; i < blocks; i++) {
            out.append(random.nextInt(4) == 0 ? "\n\n" : "\n");
            out.append(switch (random.nextInt(16)) {
                case 0 -> "# " + words(1, 5);
                case 1 -> "#".repeat(random.nextInt(2, 7)) + " " + words(1, 5);
                case 2 -> words(1, 4) + "\n" + (random.nextBoolean() ? "===" : "---");
                case 3 -> "*" + LEADS[random.nextInt(LEADS.length)] + "* " + sentence() + ",";
                case 4 -> orderedList();
                case 5 -> "- " + words(1, 3) + "\n- " + words(1, 3);
                case 6 -> "> " + sentence() + "\n> " + words(1, 3);
                case 7 -> "```\n" + words(1, 4) + "\n  indented\n```";
                case 8 -> "    code " + words(1, 2);
                case 9 -> "| a | b |\n|---|---|\n| " + words(1, 1) + " | " + words(1, 1) + " |";
                case 10 -> "[^" + random.nextInt(1, 5) + "]: " + sentence();
                case 11 -> "<!-- " + words(1, 3) + " -->";
                case 12 -> "***";
                case 13 -> "[ref" + random.nextInt(3) + "]: https://example.org/" + random.nextInt(9);
                default -> sentence();
            });
            out.append('\n');
        }
        return out.toString();
    }

    private String orderedList() {
        StringBuilder out = new StringBuilder();
        int items = random.nextInt(1, 5);
        int start = random.nextInt(1, 12);
        char delimiter = random.nextInt(4) == 0 ? ')' : '.';
        for (int i = 0; i < items; i++) {
            String marker = (start + i) + String.valueOf(delimiter) + " ";
            String pad = " ".repeat(marker.length());
            out.append(marker).append(sentence());
            if (random.nextInt(4) == 0) {
                out.append("\n").append(random.nextBoolean() ? "\n" + pad : pad).append("and ").append(words(1, 3));
            }
            out.append('\n');
            int subs = random.nextInt(3) == 0 ? random.nextInt(1, 4) : 0;
            String subMarker = random.nextBoolean() ? "- " : "1. ";
            for (int s = 0; s < subs; s++) {
                out.append(pad).append(subMarker).append(sentence()).append('\n');
            }
            if (random.nextInt(3) == 0) {
                out.append('\n');
            }
        }
        return out.toString();
    }
}
