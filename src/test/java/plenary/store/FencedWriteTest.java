package plenary.store;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import plenary.deliberation.Phase;
import plenary.document.Clause;
import plenary.document.ClauseKind;
import plenary.document.Document;
import plenary.document.MarkdownImporter;
import plenary.document.RandomIds;
import plenary.editing.Commit;
import plenary.editing.CommitHash;
import plenary.negotiation.Event;
import plenary.negotiation.Recorded;
import plenary.people.Meeting;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static plenary.store.LogWriter.assertFenced;
import static plenary.store.LogWriter.count;
import static plenary.store.LogWriter.fencedCause;
import static plenary.store.LogWriter.hashes;
import static plenary.store.LogWriter.headOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The operation log is fenced in SQL, on H2 and on PostgreSQL: every write states the head it
 * follows (revision and negotiation event), and a write whose head is not the stored one (a second
 * writer of the same document, or a gap) fails loudly with {@link FencedWriteException} and
 * writes nothing. Two writers here are two {@link OperationLog}s on two connection pools, as two
 * processes would be.
 */
@Tag("integration")
class FencedWriteTest {
    private static final String DRAFT = """
            # Fenced

            1. *Calls upon* cities to act;
            2. *Encourages* regions to report;
            """;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestStore.Kind.class)
    void aTextCommitThatFollowsAnOlderRevisionIsFencedAndWritesNothing(TestStore.Kind kind) {
        try (TestStore store = TestStore.open(kind, dir)) {
            Document document = create(store);
            LogWriter a = new LogWriter(store.database().dataSource(), store, document);
            LogWriter b = new LogWriter(store.secondPool(), store, document);
            String clause = operative(document).getFirst();

            Commit a1 = a.type(clause, "A ");
            a.write(List.of(a1), List.of());
            Commit b1 = b.type(clause, "B ");
            assertEquals(1, b1.revision(), "the second writer also thinks it writes revision 1");
            assertFenced(() -> b.write(List.of(b1), List.of(), true));

            assertEquals(hashes(List.of(a1)), hashes(committed(store, document)), "only the first writer's revision 1");
            assertEquals(1, headOf(store, document, "revision"));
            assertEquals(1, count(store, document, "SELECT COUNT(*) FROM document_snapshots WHERE document_id = ?"),
                    "the fenced write's snapshot was not kept either");
            assertEquals("A " + text(document, clause), text(repository(store).find(document.id()).orElseThrow(),
                    clause));

            // Caught up, the second writer follows revision 1 and writes revision 2.
            LogWriter caughtUp = new LogWriter(store.secondPool(), store, document);
            Commit b2 = caughtUp.type(clause, "B ");
            assertEquals(2, b2.revision());
            caughtUp.write(List.of(b2), List.of());
            // And the first, still at revision 1, is now the one behind.
            Commit a2 = a.type(clause, "A2 ");
            assertFenced(() -> a.write(List.of(a2), List.of()));
            assertEquals(hashes(List.of(a1, b2)), hashes(committed(store, document)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestStore.Kind.class)
    void aWriteThatFollowsAnOlderNegotiationEventIsFencedEvenWithNoTextChange(TestStore.Kind kind) {
        try (TestStore store = TestStore.open(kind, dir)) {
            Document document = create(store);
            LogWriter a = new LogWriter(store.database().dataSource(), store, document);
            LogWriter b = new LogWriter(store.secondPool(), store, document);
            LogWriter stale = new LogWriter(store.secondPool(), store, document);

            a.write(List.of(), List.of(a.event(Phase.TABLING)));
            assertEquals(1, headOf(store, document, "negotiation_seq"));
            // Same revision, but the second writer has not seen event 1: its own event 1 is fenced.
            Recorded other = b.event(Phase.VOTING);
            assertEquals(1, other.seq());
            assertFenced(() -> b.write(List.of(), List.of(other)));
            List<Recorded> events = store(store).events(document.id(), 0, 100);
            assertEquals(1, events.size(), events.toString());
            assertEquals(new Event.PhaseSet(Phase.TABLING, true, null), events.getFirst().event());
            assertEquals(1, headOf(store, document, "negotiation_seq"));

            // A text commit at the right revision is fenced too when it follows an older event.
            String clause = operative(document).getFirst();
            Commit s1 = stale.type(clause, "S ");
            assertEquals(1, s1.revision());
            assertFenced(() -> stale.write(List.of(s1), List.of()));
            assertEquals(List.of(), hashes(committed(store, document)));
            assertEquals(0, headOf(store, document, "revision"));

            // Knowing event 1, the same commit goes through.
            LogWriter caughtUp = new LogWriter(store.secondPool(), store, document);
            assertEquals(1, caughtUp.negotiationSeq);
            Commit c1 = caughtUp.type(clause, "C ");
            caughtUp.write(List.of(c1), List.of());
            assertEquals(hashes(List.of(c1)), hashes(committed(store, document)));
            assertEquals(1, headOf(store, document, "negotiation_seq"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestStore.Kind.class)
    void aBatchThatWouldLeaveAGapOrRepeatARevisionIsRefused(TestStore.Kind kind) {
        try (TestStore store = TestStore.open(kind, dir)) {
            Document document = create(store);
            LogWriter a = new LogWriter(store.database().dataSource(), store, document);
            String clause = operative(document).getFirst();
            Commit c1 = a.type(clause, "one ");
            a.write(List.of(c1), List.of());

            Commit c2 = a.type(clause, "two ");
            Commit c3 = a.type(clause, "three ");
            // Revision 3 alone, as if 2 had been lost: the log would read [1, 3].
            assertFenced(() -> a.write(List.of(c3), List.of()));
            // Revision 1 again: not the next one either.
            assertFenced(() -> a.log.append(document.id(), List.of(c1), document.withRevision(1), null, Map.of()));
            assertEquals(hashes(List.of(c1)), hashes(committed(store, document)));
            assertEquals(1, headOf(store, document, "revision"));

            a.write(List.of(c2, c3), List.of());
            assertEquals(hashes(List.of(c1, c2, c3)), hashes(committed(store, document)));
            assertEquals(3, repository(store).find(document.id()).orElseThrow().revision());
        }
    }

    /**
     * Writers that race for the same revision (all load the head, then all write at once): in each
     * round exactly one wins, the others fail with a fenced write, and the log stays one history.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(TestStore.Kind.class)
    void racingWritersLeaveOneHistoryWithoutGaps(TestStore.Kind kind) throws Exception {
        int writers = 4;
        int rounds = 12;
        try (TestStore store = TestStore.open(kind, dir)) {
            Document document = create(store);
            String clause = operative(document).getFirst();
            List<List<String>> outcomes = Collections.synchronizedList(new ArrayList<>());
            for (int r = 0; r < rounds; r++) {
                outcomes.add(Collections.synchronizedList(new ArrayList<>()));
            }
            CyclicBarrier loaded = new CyclicBarrier(writers);
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            try {
                List<Future<?>> running = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    DataSource dataSource = w % 2 == 0 ? store.database().dataSource() : store.secondPool();
                    String name = "w" + w;
                    running.add(pool.submit(() -> {
                        for (int round = 0; round < rounds; round++) {
                            LogWriter writer = new LogWriter(dataSource, store, document, name, round);
                            Commit commit = writer.type(clause, name + " ");
                            loaded.await(30, TimeUnit.SECONDS);
                            try {
                                writer.write(List.of(commit), List.of());
                                outcomes.get(round).add("written");
                            } catch (StoreException e) {
                                outcomes.get(round).add(fencedCause(e) != null ? "fenced" : "failed: " + e.getCause());
                            }
                            loaded.await(30, TimeUnit.SECONDS);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : running) {
                    f.get(120, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            for (int r = 0; r < rounds; r++) {
                List<String> round = outcomes.get(r);
                assertEquals(1, round.stream().filter("written"::equals).count(), "round " + r + ": " + round);
                assertEquals(writers - 1, round.stream().filter("fenced"::equals).count(), "round " + r + ": " + round);
            }
            List<Commit> log = committed(store, document);
            assertEquals(rounds, log.size());
            String previous = CommitHash.genesis(document.id());
            for (int i = 0; i < log.size(); i++) {
                assertEquals(i + 1, log.get(i).revision());
                previous = CommitHash.next(previous, log.get(i));
                assertEquals(previous, log.get(i).hash(), "hash chain at revision " + (i + 1));
            }
            assertEquals(rounds, headOf(store, document, "revision"));
            assertEquals(rounds, repository(store).find(document.id()).orElseThrow().revision());
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private static Document create(TestStore store) {
        DataSource real = store.database().dataSource();
        new PeopleRepository(real, Clock.systemUTC()).createMeeting(new Meeting("m-1", "Fencing", Instant.now()));
        Document document = new MarkdownImporter(RandomIds.seeded(5)).read("doc-fenced", DRAFT);
        repository(store).create(document, "m-1");
        return document;
    }

    private static DocumentRepository repository(TestStore store) {
        return new DocumentRepository(store.database().dataSource(), store.database().durability(), Clock.systemUTC());
    }

    private static OperationLog store(TestStore store) {
        return new OperationLog(store.database().dataSource(), store.database().durability());
    }

    private static List<String> operative(Document document) {
        return document.clauses().stream().filter(c -> c.kind() == ClauseKind.OPERATIVE).map(Clause::id).toList();
    }

    private static String text(Document document, String clauseId) {
        return document.clause(clauseId).orElseThrow().text();
    }

    private static List<Commit> committed(TestStore store, Document document) {
        return store(store).commits(document.id(), 0, Long.MAX_VALUE, Integer.MAX_VALUE);
    }

}
