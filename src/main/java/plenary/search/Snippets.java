package plenary.search;

import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
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
    private static final int MAX_LENGTH = 100_000;

    private Snippets() {
    }

    /** One snippet per document id, in the order given; {@code texts} are the hits' stored texts, already read. */
    static List<List<SearchHit.Part>> of(IndexSearcher searcher, Query query, int[] docIds, List<String> texts)
            throws IOException {
        Map<Integer, String> textOf = new HashMap<>();
        for (int i = 0; i < docIds.length; i++) {
            textOf.put(docIds[i], texts.get(i));
        }
        PartsHighlighter highlighter = new PartsHighlighter(UnifiedHighlighter.builder(searcher, new SearchAnalyzer())
                .withFormatter(new PartsFormatter())
                .withScorer(new LeanScorer())
                .withMaxLength(MAX_LENGTH), textOf);
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

    /**
     * The highlighter's object-valued results, which it keeps for subclasses; ours are lists of parts.
     * It takes the texts the search has already read rather than reading every hit's stored fields
     * a second time, and it knows the text is indexed with offsets, rather than merging the field
     * infos of every segment on each search to find that out.
     */
    private static final class PartsHighlighter extends UnifiedHighlighter {
        private final Map<Integer, String> textOf;

        PartsHighlighter(Builder builder, Map<Integer, String> textOf) {
            super(builder);
            this.textOf = textOf;
        }

        Map<String, Object[]> parts(Query query, int[] docIds) throws IOException {
            return highlightFieldsAsObjects(new String[]{IndexFields.TEXT}, query, docIds, new int[]{PASSAGES});
        }

        @Override
        protected OffsetSource getOffsetSource(String field) {
            return IndexFields.TEXT.equals(field) ? OffsetSource.POSTINGS : super.getOffsetSource(field);
        }

        @Override
        protected List<CharSequence[]> loadFieldValues(String[] fields, DocIdSetIterator docs, int cacheCharsThreshold)
                throws IOException {
            if (fields.length != 1 || !IndexFields.TEXT.equals(fields[0])) {
                return super.loadFieldValues(fields, docs, cacheCharsThreshold);
            }
            List<CharSequence[]> out = new ArrayList<>();
            for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
                String text = textOf.get(doc);
                out.add(new CharSequence[]{text == null || text.length() <= MAX_LENGTH ? text
                        : text.substring(0, MAX_LENGTH)});
            }
            return out;
        }
    }

    /**
     * Lucene's passage scoring (BM25 over the passage, boosted towards the start), without the
     * 32 KB hash table the default scorer allocates for every passage it looks at: a passage holds
     * a handful of matches, so a linear scan for the distinct terms does.
     */
    private static final class LeanScorer extends PassageScorer {
        @Override
        public float score(Passage passage, int contentLength) {
            int matches = passage.getNumMatches();
            BytesRef[] terms = passage.getMatchTerms();
            int[] inDoc = passage.getMatchTermFreqsInDoc();
            BytesRef[] distinct = new BytesRef[matches];
            int[] inPassage = new int[matches];
            int[] inDocOf = new int[matches];
            int count = 0;
            for (int i = 0; i < matches; i++) {
                int at = 0;
                while (at < count && !distinct[at].bytesEquals(terms[i])) {
                    at++;
                }
                if (at == count) {
                    distinct[count] = terms[i];
                    inDocOf[count] = inDoc[i];
                    count++;
                }
                inPassage[at]++;
            }
            double score = 0;
            for (int t = 0; t < count; t++) {
                score += tf(inPassage[t], passage.getLength()) * weight(contentLength, inDocOf[t]);
            }
            return (float) (score * norm(passage.getStartOffset()));
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
