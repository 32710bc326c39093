package plenary.amendment;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UCharacterCategory;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.text.BreakIterator;
import com.ibm.icu.util.ULocale;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a clause into the units negotiators think in: words, and the runs of spaces and
 * punctuation between them. Words are found by Unicode word segmentation (UAX #29, with ICU's
 * dictionaries for the languages written without spaces: Chinese, Japanese, Thai, Lao, Khmer,
 * Burmese), so a word keeps its combining marks (Arabic vowel signs, accents), an emoji sequence
 * stays whole, and "、预算" inserted into a Chinese paragraph is a change of two tokens, not of the
 * paragraph. Segments made only of spaces, punctuation and the symbols typed between words
 * (mathematical, currency, modifier) join into one separator token, as before, so a change next to
 * a comma has one place in the token list rather than several equally good ones. Joining the tokens
 * gives the text back exactly. The browser's diff ({@code web/js/room/history/word-diff.js}) does
 * the same with {@code Intl.Segmenter}; both are checked against one set of vectors.
 */
public final class Words {
    /**
     * ICU's word-break rules for no particular language: the same for every document and in the
     * browser. A break iterator keeps its position, so each thread has its own (a copy per call
     * cost about as much again as the segmenting).
     */
    private static final ThreadLocal<BreakIterator> SEGMENTS = ThreadLocal.withInitial(() ->
            BreakIterator.getWordInstance(ULocale.ROOT));

    private Words() {
    }

    public static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        BreakIterator segments = SEGMENTS.get();
        segments.setText(text);
        int start = segments.first();
        int separatorFrom = -1;
        for (int end = segments.next(); end != BreakIterator.DONE; start = end, end = segments.next()) {
            if (isSeparator(text, start, end)) {
                separatorFrom = separatorFrom < 0 ? start : separatorFrom;
                continue;
            }
            if (separatorFrom >= 0) {
                tokens.add(text.substring(separatorFrom, start));
                separatorFrom = -1;
            }
            tokens.add(text.substring(start, end));
        }
        if (separatorFrom >= 0) {
            tokens.add(text.substring(separatorFrom));
        }
        return tokens;
    }

    private static boolean isSeparator(String text, int start, int end) {
        for (int i = start; i < end; i += Character.charCount(text.codePointAt(i))) {
            int c = text.codePointAt(i);
            if (!UCharacter.hasBinaryProperty(c, UProperty.WHITE_SPACE) && !isPunctuationOrTypedSymbol(UCharacter.getType(c))) {
                return false;
            }
        }
        return true;
    }

    /** Punctuation (P*) and the symbols of the keyboard (Sm, Sc, Sk); not other symbols such as emoji (So). */
    private static boolean isPunctuationOrTypedSymbol(int type) {
        return switch (type) {
            case UCharacterCategory.CONNECTOR_PUNCTUATION, UCharacterCategory.DASH_PUNCTUATION,
                 UCharacterCategory.START_PUNCTUATION, UCharacterCategory.END_PUNCTUATION,
                 UCharacterCategory.INITIAL_PUNCTUATION, UCharacterCategory.FINAL_PUNCTUATION,
                 UCharacterCategory.OTHER_PUNCTUATION, UCharacterCategory.MATH_SYMBOL,
                 UCharacterCategory.CURRENCY_SYMBOL, UCharacterCategory.MODIFIER_SYMBOL -> true;
            default -> false;
        };
    }
}
