package plenary.search;

import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The best passages of each hit's text with the matched words marked, from the offsets stored in
 * the index. A hit whose match the highlighter cannot place (a fuzzy term, say) gets its opening
 * words instead, so every result shows some text.
 */
final class Snippets {
    private static final int PASSAGES = 2;
    private static final int FALLBACK_CHARS = 200;

    private Snippets() {
    }

    /** One snippet per document id, in the order given. */
    static List<List<SearchHit.Part>> of(IndexSearcher searcher, Query query, int[] docIds, List<String> texts)
            throws IOException {
        PartsHighlighter highlighter = new PartsHighlighter(UnifiedHighlighter.builder(searcher, new SearchAnalyzer())
                .withFormatter(new PartsFormatter())
                .withMaxLength(100_000));
        Map<String, Object[]> found = highlighter.parts(query, docIds.clone());
        Object[] byDoc = found.get(IndexFields.TEXT);
        List<List<SearchHit.Part>> out = new ArrayList<>(docIds.length);
        for (int i = 0; i < docIds.length; i++) {
            @SuppressWarnings("unchecked")
            List<SearchHit.Part> parts = byDoc == null ? null : (List<SearchHit.Part>) byDoc[i];
            out.add(parts == null || parts.isEmpty() ? opening(texts.get(i)) : parts);
        }
        return out;
    }

    private static List<SearchHit.Part> opening(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return List.of(new SearchHit.Part(flat.length() <= FALLBACK_CHARS ? flat
                : flat.substring(0, FALLBACK_CHARS) + "\u2026", false));
    }

    /** The highlighter's object-valued results, which it keeps for subclasses; ours are lists of parts. */
    private static final class PartsHighlighter extends UnifiedHighlighter {
        PartsHighlighter(Builder builder) {
            super(builder);
        }

        Map<String, Object[]> parts(Query query, int[] docIds) throws IOException {
            return highlightFieldsAsObjects(new String[]{IndexFields.TEXT}, query, docIds, new int[]{PASSAGES});
        }
    }

    /** Passages joined by " … ", each split into matched and unmatched runs. */
    private static final class PartsFormatter extends PassageFormatter {
        @Override
        public Object format(Passage[] passages, String content) {
            List<SearchHit.Part> parts = new ArrayList<>();
            for (int p = 0; p < passages.length; p++) {
                Passage passage = passages[p];
                if (p > 0) {
                    parts.add(new SearchHit.Part(" \u2026 ", false));
                }
                int at = passage.getStartOffset();
                for (int m = 0; m < passage.getNumMatches(); m++) {
                    int start = Math.max(at, passage.getMatchStarts()[m]);
                    int end = passage.getMatchEnds()[m];
                    if (end <= start) {
                        continue;
                    }
                    if (start > at) {
                        parts.add(new SearchHit.Part(content.substring(at, start), false));
                    }
                    parts.add(new SearchHit.Part(content.substring(start, end), true));
                    at = end;
                }
                if (passage.getEndOffset() > at) {
                    parts.add(new SearchHit.Part(content.substring(at, passage.getEndOffset()), false));
                }
            }
            return parts;
        }
    }
}
