package plenary.editing;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded generators for clause texts and operations. Texts mix ASCII with Arabic, Chinese,
 * combining marks and astral characters (emoji, mathematical letters, CJK extension B), which
 * are surrogate pairs in UTF-16, so every test crosses pair boundaries.
 */
final class Gen {

    private Gen() {
    }

    /** Code point ranges, inclusive; astral ones become surrogate pairs. */
    private static final int[][] POOLS = {
        {'a', 'z'},
        {' ', ' '},
        {'.', '.'},
        {0x0621, 0x064A},   // Arabic letters
        {0x4E00, 0x4FFF},   // CJK unified ideographs
        {0x0300, 0x036F},   // combining diacritical marks
        {0x1F600, 0x1F64F}, // emoticons
        {0x1F300, 0x1F5FF}, // pictographs
        {0x1D400, 0x1D7FF}, // mathematical alphanumerics
        {0x20000, 0x2A6DF}, // CJK extension B
    };

    static int codePoint(SplittableRandom r) {
        int[] pool = POOLS[r.nextInt(POOLS.length)];
        return pool[0] + r.nextInt(pool[1] - pool[0] + 1);
    }

    /** 0..maxCodePoints code points, short on purpose so concurrent edits often collide. */
    static String text(SplittableRandom r, int maxCodePoints) {
        int n = r.nextInt(maxCodePoints + 1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.appendCodePoint(codePoint(r));
        }
        return sb.toString();
    }

    static String insertText(SplittableRandom r) {
        StringBuilder sb = new StringBuilder();
        int n = 1 + r.nextInt(4);
        for (int i = 0; i < n; i++) {
            sb.appendCodePoint(codePoint(r));
        }
        return sb.toString();
    }

    /**
     * A random, possibly non-canonical component list valid on {@code text}: it only cuts at
     * code point boundaries, may repeat a type, put a delete before an insert, or end with a
     * retain.
     */
    static List<Component> rawComponents(SplittableRandom r, String text) {
        List<Component> out = new ArrayList<>();
        int pos = 0;
        boolean edited = false;
        while (true) {
            int roll = r.nextInt(10);
            // Mostly stop only after an edit: all-retain operations are no-ops, wanted but rarely.
            boolean mayStop = edited || r.nextInt(8) == 0;
            if (mayStop && (roll == 0 || (pos == text.length() && roll < 5))) {
                return out;
            }
            edited |= roll < 4 || roll >= 7;
            if (roll < 4) {
                out.add(new Component.Insert(insertText(r)));
                continue;
            }
            int units = unitsForCodePoints(text, pos, 1 + r.nextInt(3));
            if (units == 0) {
                continue;
            }
            out.add(roll < 7 ? new Component.Retain(units) : new Component.Delete(units));
            pos += units;
        }
    }

    /** A canonical operation valid on {@code text}. */
    static TextOp op(SplittableRandom r, String text) {
        return TextOp.of(rawComponents(r, text));
    }

    /** Code units covered by up to {@code count} code points starting at {@code pos}. */
    static int unitsForCodePoints(String text, int pos, int count) {
        int end = pos;
        for (int i = 0; i < count && end < text.length(); i++) {
            end += Character.charCount(text.codePointAt(end));
        }
        return end - pos;
    }

    /** A code point boundary of {@code text}, from 0 to its length. */
    static int boundary(SplittableRandom r, String text) {
        int cps = text.codePointCount(0, text.length());
        return text.offsetByCodePoints(0, r.nextInt(cps + 1));
    }

    /** The wire form of arbitrary components (non-canonical lists stay as they are). */
    static List<Object> wire(List<Component> components) {
        List<Object> out = new ArrayList<>();
        for (Component c : components) {
            switch (c) {
                case Component.Retain x -> out.add(x.count());
                case Component.Insert x -> out.add(x.text());
                case Component.Delete x -> out.add(-x.count());
            }
        }
        return out;
    }

    /**
     * A wire array built in code units without regard for the text: it may reach past the end,
     * cut a surrogate pair or insert an unpaired surrogate. For error-path agreement tests.
     */
    static List<Object> unitWire(SplittableRandom r, String text) {
        List<Object> out = new ArrayList<>();
        int n = 1 + r.nextInt(4);
        for (int i = 0; i < n; i++) {
            int roll = r.nextInt(3);
            if (roll == 0) {
                String s = insertText(r);
                if (r.nextInt(4) == 0) {
                    int cut = r.nextInt(s.length());
                    s = s.substring(cut, cut + 1); // may be half a pair
                }
                out.add(s);
            } else {
                int units = 1 + r.nextInt(Math.max(1, text.length() / 2 + 1));
                out.add(roll == 1 ? units : -units);
            }
        }
        return out;
    }

    /** Reference apply of a raw component list, step by step, with no normalization. */
    static String naiveApply(String text, List<Component> components) {
        StringBuilder out = new StringBuilder();
        int pos = 0;
        for (Component c : components) {
            switch (c) {
                case Component.Retain x -> {
                    out.append(text, pos, pos + x.count());
                    pos += x.count();
                }
                case Component.Insert x -> out.append(x.text());
                case Component.Delete x -> pos += x.count();
            }
        }
        return out.append(text.substring(pos)).toString();
    }

    /** A string as a Java literal with everything but printable ASCII escaped, for messages. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c >= 0x20 && c < 0x7f) {
                sb.append(c);
            } else {
                sb.append(String.format("\\u%04x", (int) c));
            }
        }
        return sb.append('"').toString();
    }
}
