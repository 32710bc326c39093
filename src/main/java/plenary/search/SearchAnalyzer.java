package plenary.search;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.icu.ICUFoldingFilter;
import org.apache.lucene.analysis.icu.segmentation.ICUTokenizer;

/**
 * One analyzer for every language in the room: ICU's tokenizer finds words in any script (Chinese
 * by dictionary, Arabic, Cyrillic, Greek, Latin) and ICU folding matches "Déclaration" with
 * "declaration" and "Ελλάδα" with "ελλαδα". No stemming: it is language-specific, and the room
 * writes in many languages at once.
 */
public final class SearchAnalyzer extends Analyzer {
    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        ICUTokenizer tokenizer = new ICUTokenizer();
        TokenStream folded = new ICUFoldingFilter(tokenizer);
        return new TokenStreamComponents(tokenizer, folded);
    }

    /** Wildcard and fuzzy terms skip the tokenizer but must be folded alike, or "Призыва*" misses "призывает". */
    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new ICUFoldingFilter(in);
    }
}
