package plenary.search;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import plenary.live.SequencerRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import plenary.document.Document;
import plenary.live.LiveAddresses;
import plenary.live.Sequencers;
import plenary.negotiation.Negotiation;
import plenary.negotiation.Recorded;
import plenary.store.DocumentRepository;
import plenary.store.DocumentSummary;
import plenary.store.PeopleRepository;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps the index in step with the database. At start-up it refills whatever the index lacks or
 * has stale (everything, when the index was recreated) straight from the database. While running,
 * each sequencer announces the documents whose changes became durable; every {@link #FLUSH_MILLIS}
 * the feed asks those sequencers for their current entries and replaces them in the index, so a
 * burst of typing costs one re-index per document per flush, and an edit is searchable well within
 * a second.
 */
public final class IndexFeed {
    public static final long FLUSH_MILLIS = 250;
    private static final Logger LOG = LoggerFactory.getLogger(IndexFeed.class);

    private final Vertx vertx;
    private final SearchIndex index;
    private final DocumentRepository documents;
    private final PeopleRepository people;
    private final Sequencers sequencers;
    private final Map<String, String> meetings = new HashMap<>();
    private Set<String> dirty = new LinkedHashSet<>();
    private boolean flushing;

    /**
     * The one thread that reads documents for the index and builds their entries (Markdown and
     * regular expressions over whole documents): background work that should take neither a
     * commit's nor a request's turn on Vert.x's shared pool. One is enough, as the feed flushes one
     * document after another.
     */
    static final String BUILDERS = "plenary-index";
    private final WorkerExecutor builders;

    public IndexFeed(Vertx vertx, SearchIndex index, DocumentRepository documents, PeopleRepository people,
                     Sequencers sequencers) {
        this.vertx = vertx;
        this.index = index;
        this.documents = documents;
        this.people = people;
        this.sequencers = sequencers;
        this.builders = vertx.createSharedWorkerExecutor(BUILDERS, 1);
    }

    /** Blocking: brings the index up to date with the database. Returns how many documents it re-indexed. */
    public int catchUp() {
        Map<String, SearchIndex.Marker> seen = index.fresh() ? Map.of() : index.markers();
        int refilled = 0;
        List<DocumentSummary> all = documents.list();
        for (DocumentSummary summary : all) {
            synchronized (meetings) {
                meetings.put(summary.id(), summary.meetingId());
            }
            SearchIndex.Marker marker = seen.get(summary.id());
            boolean stale = marker == null || marker.revision() != summary.revision()
                    || !documents.log().events(summary.id(), marker.seq(), 1).isEmpty();
            if (stale) {
                reindexFromStore(summary.id(), summary.meetingId());
                refilled++;
            }
        }
        Set<String> present = new java.util.HashSet<>();
        all.forEach(s -> present.add(s.id()));
        seen.keySet().stream().filter(id -> !present.contains(id)).forEach(index::remove);
        index.refreshNow();
        return refilled;
    }

    /** Starts following the sequencers' announcements, on one context so the dirty set has one thread. */
    public void follow() {
        vertx.getOrCreateContext().runOnContext(v -> {
            vertx.eventBus().<String>consumer(LiveAddresses.CHANGED, message -> dirty.add(message.body()));
            vertx.setPeriodic(FLUSH_MILLIS, t -> flush());
        });
    }

    private void flush() {
        if (flushing || dirty.isEmpty()) {
            return;
        }
        flushing = true;
        Set<String> batch = dirty;
        dirty = new LinkedHashSet<>();
        Future<?> chain = Future.succeededFuture();
        for (String documentId : batch) {
            chain = chain.eventually(() -> reindexLive(documentId).recover(e -> {
                LOG.warn("could not re-index document {}: {}", documentId, e.toString());
                return Future.succeededFuture();
            }));
        }
        chain.onComplete(done -> flushing = false);
    }

    private Future<Void> reindexLive(String documentId) {
        return builders.executeBlocking(() -> meetingOf(documentId), false)
                .compose(meetingId -> sequencers.<SearchSource>requestIfRunning(documentId,
                                new SequencerRequest.SearchEntries())
                        // The entries are built here, on a worker, not on the document's sequencer.
                        .compose(reply -> builders.executeBlocking(() -> {
                            SearchSource source = reply.body();
                            return new Built(new SearchIndex.Marker(source.revision(), source.seq()),
                                    Entries.of(source.document(), meetingId, source.negotiation()));
                        }, false))
                        // A sequencer retires only once all it holds is durable: the store has it all,
                        // and starting the sequencer again just for this would undo its retirement.
                        .recover(e -> e instanceof Sequencers.NotRunning
                                ? builders.executeBlocking(() -> fromStore(documentId, meetingId), false)
                                : Future.failedFuture(e))
                        // Back on the feed's own context, so its fields stay single-threaded.
                        .compose(built -> Future.fromCompletionStage(index.replaceLater(documentId, built.marker(),
                                built.entries()), vertx.getOrCreateContext())));
    }

    private record Built(SearchIndex.Marker marker, List<Entry> entries) {
    }

    private String meetingOf(String documentId) {
        synchronized (meetings) {
            String known = meetings.get(documentId);
            if (known != null) {
                return known;
            }
        }
        // A document created since start-up: its meeting never changes, so ask once.
        String meetingId = people.meetingOfDocument(documentId)
                .orElseThrow(() -> new IllegalStateException("no document " + documentId));
        synchronized (meetings) {
            meetings.put(documentId, meetingId);
        }
        return meetingId;
    }

    private void reindexFromStore(String documentId, String meetingId) {
        Built built = fromStore(documentId, meetingId);
        index.replace(documentId, built.marker(), built.entries());
    }

    /** What the index holds of a document, read from the store (blocking). */
    private Built fromStore(String documentId, String meetingId) {
        Document document = documents.find(documentId).orElseThrow();
        Negotiation negotiation = new Negotiation(Negotiation.DEFAULT_EDIT_WINDOW);
        List<Recorded> events = documents.log().events(documentId, 0, Integer.MAX_VALUE);
        events.forEach(r -> negotiation.apply(r.event()));
        return new Built(new SearchIndex.Marker(document.revision(), negotiation.seq()),
                Entries.of(document, meetingId, negotiation));
    }
}
