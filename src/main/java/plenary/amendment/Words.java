package plenary.amendment;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a clause into the units negotiators think in: words, and the runs of spaces and
 * punctuation between them. Joining the tokens gives the text back exactly.
 */
public final class Words {
    private Words() {
    }

    public static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int start = i;
            boolean word = isWordChar(text.codePointAt(i));
            while (i < text.length() && isWordChar(text.codePointAt(i)) == word) {
                i += Character.charCount(text.codePointAt(i));
            }
            tokens.add(text.substring(start, i));
        }
        return tokens;
    }

    private static boolean isWordChar(int codePoint) {
        return Character.isLetterOrDigit(codePoint) || Character.getType(codePoint) == Character.NON_SPACING_MARK
                || codePoint == '\'' || codePoint == '-' || codePoint == '’';
    }
}
