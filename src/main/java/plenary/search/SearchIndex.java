package plenary.search;

import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The Lucene index under the data dir. The database is the truth; this is a copy that can always
 * be thrown away: a missing or unreadable index is recreated empty ({@link #fresh()}) and refilled
 * from the database, and each document's marker says which revision and negotiation entry the
 * index has seen, so documents that moved while the server was down are found and refilled too.
 *
 * <p>Writes replace a document's entries in one atomic step. Readers see them within
 * {@link #REFRESH_MILLIS} (near-real-time); a commit to disk follows within {@link #COMMIT_MILLIS}.
 */
public final class SearchIndex implements AutoCloseable {
    public static final long REFRESH_MILLIS = 100;
    public static final long COMMIT_MILLIS = 5_000;
    private static final Logger LOG = LoggerFactory.getLogger(SearchIndex.class);

    /** What the index has seen of one document. */
    public record Marker(long revision, long seq) {
    }

    /** The marker of entries written under an older {@link Entries#RULE}: no document is at this revision. */
    static final Marker OUTDATED = new Marker(-1, -1);

    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final boolean fresh;
    private final ScheduledExecutorService upkeep;

    private SearchIndex(Directory directory, IndexWriter writer, boolean fresh) throws IOException {
        this.directory = directory;
        this.writer = writer;
        this.fresh = fresh;
        this.searchers = new SearcherManager(writer, null);
        this.upkeep = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "plenary-search-upkeep");
            t.setDaemon(true);
            return t;
        });
        upkeep.scheduleWithFixedDelay(this::refresh, REFRESH_MILLIS, REFRESH_MILLIS, TimeUnit.MILLISECONDS);
        upkeep.scheduleWithFixedDelay(this::commit, COMMIT_MILLIS, COMMIT_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Opens the index in {@code dir}, recreating it empty when it is missing or cannot be read. */
    public static SearchIndex open(Path dir) {
        try {
            Files.createDirectories(dir);
            FSDirectory directory = FSDirectory.open(dir);
            boolean exists = DirectoryReader.indexExists(directory);
            if (exists) {
                try {
                    // Reading every segment's metadata and stored fields index is what a corrupt file fails.
                    try (DirectoryReader check = DirectoryReader.open(directory)) {
                        check.numDocs();
                    }
                    return new SearchIndex(directory, writer(directory, IndexWriterConfig.OpenMode.APPEND), false);
                } catch (IOException | RuntimeException e) {
                    LOG.warn("the search index in {} cannot be read ({}); rebuilding it from the database", dir,
                            e.getClass().getSimpleName());
                    directory.close();
                    wipe(dir);
                    directory = FSDirectory.open(dir);
                }
            }
            return new SearchIndex(directory, writer(directory, IndexWriterConfig.OpenMode.CREATE), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the search index in " + dir, e);
        }
    }

    private static IndexWriter writer(Directory directory, IndexWriterConfig.OpenMode mode) throws IOException {
        IndexWriterConfig config = new IndexWriterConfig(new SearchAnalyzer());
        config.setOpenMode(mode);
        config.setCommitOnClose(true);
        return new IndexWriter(directory, config);
    }

    private static void wipe(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(dir)) {
                    Files.delete(p);
                }
            }
        }
    }

    /** True when the index was created empty just now: every document must be indexed. */
    public boolean fresh() {
        return fresh;
    }

    /** Replaces everything indexed for a document by {@code entries}, atomically, with its marker. */
    public void replace(String documentId, Marker marker, List<Entry> entries) {
        List<org.apache.lucene.document.Document> docs = new ArrayList<>(entries.size() + 1);
        entries.forEach(e -> docs.add(IndexFields.toLucene(e)));
        docs.add(IndexFields.marker(documentId, marker.revision(), marker.seq()));
        try {
            writer.updateDocuments(new Term(IndexFields.DOCUMENT, documentId), docs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@link #replace} on the index's own thread, which is never interrupted: an interrupt inside a
     * Lucene write (a worker pool shutting down, say) would close its files and break the writer.
     */
    public java.util.concurrent.CompletableFuture<Void> replaceLater(String documentId, Marker marker,
                                                                     List<Entry> entries) {
        return java.util.concurrent.CompletableFuture.runAsync(() -> replace(documentId, marker, entries), upkeep);
    }

    public void remove(String documentId) {
        try {
            writer.deleteDocuments(new Term(IndexFields.DOCUMENT, documentId));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the index has seen of every document, as of the last refresh ({@link #OUTDATED} when its rule is old). */
    public Map<String, Marker> markers() {
        IndexSearcher searcher = acquire();
        try {
            TermQuery query = new TermQuery(new Term(IndexFields.KIND, IndexFields.MARKER));
            TopDocs top = searcher.search(query, Math.max(1, searcher.getIndexReader().maxDoc()));
            StoredFields stored = searcher.storedFields();
            Map<String, Marker> out = new HashMap<>();
            for (ScoreDoc hit : top.scoreDocs) {
                var doc = stored.document(hit.doc);
                var rule = doc.getField(IndexFields.RULE);
                // Entries written under an older rule of who reads them are stale whatever their revision.
                out.put(doc.get(IndexFields.DOCUMENT), rule == null || rule.numericValue().intValue() != Entries.RULE
                        ? OUTDATED : new Marker(doc.getField(IndexFields.REVISION).numericValue().longValue(),
                        doc.getField(IndexFields.SEQ).numericValue().longValue()));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            release(searcher);
        }
    }

    /** Makes every write so far visible to searches now, rather than at the next refresh. */
    public void refreshNow() {
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    IndexSearcher acquire() {
        try {
            return searchers.acquire();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void release(IndexSearcher searcher) {
        try {
            searchers.release(searcher);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void refresh() {
        try {
            searchers.maybeRefresh();
        } catch (IOException | RuntimeException e) {
            LOG.warn("search refresh failed", e);
        }
    }

    private void commit() {
        try {
            if (writer.hasUncommittedChanges()) {
                writer.commit();
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("search commit failed", e);
        }
    }

    /**
     * Waits for the upkeep thread rather than interrupting it: an interrupt inside a Lucene write
     * closes its file channel and leaves the writer unusable. A copy that cannot be closed cleanly
     * is only logged: the next start checks it and refills it from the database if need be.
     */
    @Override
    public void close() {
        upkeep.shutdown();
        try {
            if (!upkeep.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("search upkeep still running at close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            searchers.close();
            writer.close();
        } catch (IOException | RuntimeException e) {
            LOG.warn("the search index did not close cleanly ({}); it is checked at the next start", e.toString());
            try {
                writer.rollback();
            } catch (IOException | RuntimeException ignored) {
                // Already broken: nothing more to save.
            }
        } finally {
            try {
                directory.close();
            } catch (IOException e) {
                LOG.warn("search directory close failed", e);
            }
        }
    }
}
