package plenary.search;

import org.apache.lucene.index.Term;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * "Agreed language": the paragraphs of adopted documents closest to a clause being drafted. The
 * clause's own words, weighted by how rare they are in the index (Lucene's MoreLikeThis), are
 * matched against adopted paragraphs the person may read, outside the clause's own document; the
 * snippet marks the words they share.
 */
public final class Precedents {
    public static final int MAX = 10;

    private final SearchIndex index;

    public Precedents(SearchIndex index) {
        this.index = index;
    }

    public List<SearchHit> like(String clauseText, String ownDocumentId, Scope scope, int limit) {
        IndexSearcher searcher = index.acquire();
        try {
            MoreLikeThis mlt = new MoreLikeThis(searcher.getIndexReader());
            mlt.setAnalyzer(new SearchAnalyzer());
            mlt.setFieldNames(new String[]{IndexFields.TEXT});
            mlt.setMinTermFreq(1);
            mlt.setMinDocFreq(1);
            mlt.setMinWordLen(2);
            mlt.setMaxQueryTerms(30);
            // Words in more than a quarter of all entries ("the", "de", "و") say nothing about a paragraph.
            mlt.setMaxDocFreqPct(25);
            Query like = mlt.like(IndexFields.TEXT, new StringReader(clauseText));
            BooleanQuery.Builder query = new BooleanQuery.Builder().add(like, BooleanClause.Occur.MUST);
            Search.visibleTo(query, scope);
            query.add(new TermQuery(new Term(IndexFields.KIND, SearchKind.ADOPTED.wireName())), BooleanClause.Occur.FILTER);
            query.add(new TermQuery(new Term(IndexFields.DOCUMENT, ownDocumentId)), BooleanClause.Occur.MUST_NOT);
            TopDocs top = searcher.search(query.build(), Math.max(1, Math.min(limit, MAX)));
            return Search.hits(searcher, like, top.scoreDocs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            index.release(searcher);
        }
    }
}
