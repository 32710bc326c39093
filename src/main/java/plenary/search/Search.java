package plenary.search;

import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Runs searches against the index for one person at a time. What they may not see is never
 * matched in the first place (filters on meeting and readers), so totals and pages do not leak
 * that it exists.
 */
public final class Search {
    private final SearchIndex index;

    public Search(SearchIndex index) {
        this.index = index;
    }

    public SearchPage run(SearchRequest request, Scope scope) {
        Query text = SearchQuery.parse(request.query());
        BooleanQuery.Builder query = new BooleanQuery.Builder().add(text, BooleanClause.Occur.MUST);
        visibleTo(query, scope);
        if (request.kind() == null) {
            // Every kind but the markers. Excluding the few markers is far cheaper than a filter that
            // matches nearly every entry, which each query would otherwise rebuild for every segment.
            query.add(new TermQuery(new Term(IndexFields.KIND, IndexFields.MARKER)), BooleanClause.Occur.MUST_NOT);
        } else {
            query.add(new TermQuery(new Term(IndexFields.KIND, request.kind().wireName())), BooleanClause.Occur.FILTER);
        }
        if (request.documentId() != null) {
            query.add(new TermQuery(new Term(IndexFields.DOCUMENT, request.documentId())), BooleanClause.Occur.FILTER);
        }
        if (request.meetingId() != null) {
            query.add(new TermQuery(new Term(IndexFields.MEETING, request.meetingId())), BooleanClause.Occur.FILTER);
        }
        IndexSearcher searcher = index.acquire();
        try {
            int end = request.page() * request.size();
            // Count every match: a page that says "about 1,000" when there are 4,000 misleads.
            TopDocs top = searcher.search(query.build(),
                    new org.apache.lucene.search.TopScoreDocCollectorManager(end, null, Integer.MAX_VALUE));
            int from = Math.min((request.page() - 1) * request.size(), top.scoreDocs.length);
            ScoreDoc[] slice = Arrays.copyOfRange(top.scoreDocs, from, top.scoreDocs.length);
            return new SearchPage(top.totalHits.value(), request.page(), request.size(), hits(searcher, text, slice));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IndexSearcher.TooManyClauses e) {
            throw new QueryException("the query expands to too many terms; be more specific");
        } finally {
            index.release(searcher);
        }
    }

    /** The filters every search and every precedent lookup carries. */
    static void visibleTo(BooleanQuery.Builder query, Scope scope) {
        if (scope.meetings() != null) {
            query.add(anyOf(IndexFields.MEETING, scope.meetings()), BooleanClause.Occur.FILTER);
        }
        query.add(anyOf(IndexFields.READER, scope.readerTokens()), BooleanClause.Occur.FILTER);
    }

    static Query anyOf(String field, Collection<String> values) {
        return new TermInSetQuery(field, values.stream().map(BytesRef::new).toList());
    }

    static List<SearchHit> hits(IndexSearcher searcher, Query highlight, ScoreDoc[] docs) throws IOException {
        int[] ids = Arrays.stream(docs).mapToInt(d -> d.doc).toArray();
        List<Entry> entries = new ArrayList<>();
        var stored = searcher.storedFields();
        for (int id : ids) {
            entries.add(IndexFields.fromLucene(stored.document(id)));
        }
        List<List<SearchHit.Part>> snippets = Snippets.of(searcher, highlight, ids,
                entries.stream().map(Entry::text).toList());
        List<SearchHit> out = new ArrayList<>();
        for (int i = 0; i < docs.length; i++) {
            Entry e = entries.get(i);
            out.add(new SearchHit(e.kind(), e.documentId(), e.documentTitle(), e.meetingId(), e.clauseId(), e.number(),
                    e.targetId(), e.label(), snippets.get(i), docs[i].score));
        }
        return out;
    }
}
