package plenary.store;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import plenary.document.Clause;
import plenary.document.ClauseKind;
import plenary.document.Document;
import plenary.document.MarkdownImporter;
import plenary.document.RandomIds;
import plenary.editing.Commit;
import plenary.people.Meeting;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static plenary.store.LogWriter.assertFenced;
import static plenary.store.LogWriter.count;
import static plenary.store.LogWriter.hashes;
import static plenary.store.LogWriter.headOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Document leases on PostgreSQL (issue 18): in a cluster each document has one owner at a time, the
 * node holding a lease on its head row, timed by the database's clock. Every taking moves a fencing
 * token on, and the owner states its token in the same statement that moves the head, so a former
 * owner (paused or cut off past its lease, or a stopped sequencer of the same node) writes nothing
 * once another has taken the document, even when the head it states is still the stored one. The
 * two nodes here are two {@link DocumentLeases} and {@link OperationLog}s on two connection pools,
 * as two processes would be.
 */
@Tag("integration")
class DocumentLeasesTest {
    private static final String DRAFT = """
            # Leased

            1. *Calls upon* cities to act;
            2. *Encourages* regions to report;
            """;
    private static final String NODE_A = "node-a";
    private static final String NODE_B = "node-b";
    private static final Duration LONG = Duration.ofMinutes(5);
    private static final Duration SHORT = Duration.ofMillis(300);
    private static final Duration WAIT_BOUND = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void aFreeDocumentIsTakenAHeldOneIsRefusedAndAnUnknownOneIsMissing() {
        try (TestStore store = TestStore.open(TestStore.Kind.POSTGRESQL, dir)) {
            Document document = create(store);
            DocumentLeases a = new DocumentLeases(store.database().dataSource());
            DocumentLeases b = new DocumentLeases(store.secondPool());

            DocumentLeases.Taken taken = assertInstanceOf(DocumentLeases.Taken.class,
                    a.claim(document.id(), NODE_A, LONG));
            assertFalse(taken.takeover(), "nobody held the document before: " + taken);
            assertTrue(taken.token() > 0, "the first taking moves the token on from 0: " + taken);
            assertEquals(taken.token(), ownerToken(store, document));

            assertEquals(new DocumentLeases.HeldBy(NODE_A), b.claim(document.id(), NODE_B, LONG),
                    "the lease of the first node runs");
            assertEquals(taken.token(), ownerToken(store, document), "a refused claim does not move the token");

            assertEquals(new DocumentLeases.Missing(), b.claim("no-such-document", NODE_B, LONG));
            assertFalse(b.renew("no-such-document", NODE_B, taken.token(), LONG));
        }
    }

    @Test
    void afterTheLeaseEndsAnotherNodeTakesOverAndTheFormerOwnersWritesAreFenced() {
        try (TestStore store = TestStore.open(TestStore.Kind.POSTGRESQL, dir)) {
            Document document = create(store);
            String clause = operative(document).getFirst();
            DocumentLeases leasesA = new DocumentLeases(store.database().dataSource());
            DocumentLeases leasesB = new DocumentLeases(store.secondPool());

            DocumentLeases.Taken a = assertInstanceOf(DocumentLeases.Taken.class,
                    leasesA.claim(document.id(), NODE_A, SHORT));
            // While it holds the lease, the first node writes revision 1 with its token.
            LogWriter writerA = new LogWriter(store.database().dataSource(), store, document);
            Commit a1 = writerA.type(clause, "A ");
            writerA.write(List.of(a1), a.token());
            assertEquals(1, headOf(store, document, "revision"));

            DocumentLeases.Taken b = waitUntilTaken(leasesB, document, NODE_B, SHORT.multipliedBy(10));
            assertTrue(b.takeover(), "the first node held the document without letting go: " + b);
            assertTrue(b.token() > a.token(), "the new owner's token " + b.token() + " must pass " + a.token());

            // The former owner, still at revision 1 (which is still the stored head), writes revision 2
            // with its old token: refused, and nothing changes.
            Commit a2 = writerA.type(clause, "A2 ");
            assertEquals(2, a2.revision());
            List<String> before = hashes(committed(store, document));
            assertFenced(() -> writerA.write(List.of(a2), a.token()));
            assertEquals(before, hashes(committed(store, document)), "the fenced write logged nothing");
            assertEquals(1, count(store, document, "SELECT COUNT(*) FROM operations WHERE document_id = ?"));
            assertEquals(1, headOf(store, document, "revision"));
            assertEquals(1, repository(store).find(document.id()).orElseThrow().revision());
            assertEquals(b.token(), ownerToken(store, document));

            // The new owner, having loaded revision 1, writes revision 2 with its token.
            LogWriter writerB = new LogWriter(store.secondPool(), store, document);
            Commit b2 = writerB.type(clause, "B ");
            assertEquals(2, b2.revision());
            writerB.write(List.of(b2), b.token());
            assertEquals(hashes(List.of(a1, b2)), hashes(committed(store, document)));
            assertEquals(2, headOf(store, document, "revision"));
            assertEquals(2, count(store, document, "SELECT COUNT(*) FROM operations WHERE document_id = ?"));
        }
    }

    @Test
    void theHolderRenewsTheFormerOneCannotAndAReleaseLetsAnotherNodeTakeAtOnce() {
        try (TestStore store = TestStore.open(TestStore.Kind.POSTGRESQL, dir)) {
            Document document = create(store);
            DocumentLeases leasesA = new DocumentLeases(store.database().dataSource());
            DocumentLeases leasesB = new DocumentLeases(store.secondPool());

            DocumentLeases.Taken a = assertInstanceOf(DocumentLeases.Taken.class,
                    leasesA.claim(document.id(), NODE_A, SHORT));
            DocumentLeases.Taken b = waitUntilTaken(leasesB, document, NODE_B, SHORT.multipliedBy(10));
            assertTrue(b.token() > a.token());

            assertTrue(leasesB.renew(document.id(), NODE_B, b.token(), LONG), "the holder renews");
            assertFalse(leasesA.renew(document.id(), NODE_A, a.token(), LONG), "the former holder's token is spent");
            assertFalse(leasesA.renew(document.id(), NODE_A, b.token(), LONG), "nor is the lease node A's");
            assertEquals(new DocumentLeases.HeldBy(NODE_B), leasesA.claim(document.id(), NODE_A, LONG),
                    "the renewed lease runs, the former holder's renewal changed nothing");

            // A release with the former token lets nothing go.
            leasesA.release(document.id(), a.token());
            assertEquals(new DocumentLeases.HeldBy(NODE_B), leasesA.claim(document.id(), NODE_A, LONG));
            assertEquals(b.token(), ownerToken(store, document));

            // The holder's release frees it at once, for a taking that is no takeover.
            leasesB.release(document.id(), b.token());
            DocumentLeases.Taken again = assertInstanceOf(DocumentLeases.Taken.class,
                    leasesA.claim(document.id(), NODE_A, LONG));
            assertFalse(again.takeover(), "the document was let go, not taken over: " + again);
            assertTrue(again.token() > b.token(), again.token() + " must pass " + b.token());
            assertFalse(leasesB.renew(document.id(), NODE_B, b.token(), LONG), "a released lease does not renew");
            assertEquals(new DocumentLeases.HeldBy(NODE_A), leasesB.claim(document.id(), NODE_B, LONG));
        }
    }

    @Test
    void aNodeThatClaimsItsOwnLeaseAgainGetsANewTokenAndTheOldOneIsFenced() {
        try (TestStore store = TestStore.open(TestStore.Kind.POSTGRESQL, dir)) {
            Document document = create(store);
            String clause = operative(document).getFirst();
            DocumentLeases leases = new DocumentLeases(store.database().dataSource());

            DocumentLeases.Taken first = assertInstanceOf(DocumentLeases.Taken.class,
                    leases.claim(document.id(), NODE_A, LONG));
            LogWriter stopped = new LogWriter(store.database().dataSource(), store, document);
            Commit s1 = stopped.type(clause, "S ");
            stopped.write(List.of(s1), first.token());

            // The node's sequencer stopped; its next one claims the document, its lease still running.
            DocumentLeases.Taken second = assertInstanceOf(DocumentLeases.Taken.class,
                    leases.claim(document.id(), NODE_A, LONG));
            assertTrue(second.token() > first.token(), second.token() + " must pass " + first.token());
            assertTrue(second.takeover(), "the stopped writer did not let go: its clients must resynchronise");
            assertEquals(new DocumentLeases.HeldBy(NODE_A),
                    new DocumentLeases(store.secondPool()).claim(document.id(), NODE_B, LONG),
                    "the lease is still node A's");

            // Whatever the stopped writer still had in flight is refused, though its head is right.
            Commit s2 = stopped.type(clause, "S2 ");
            assertFenced(() -> stopped.write(List.of(s2), first.token()));
            assertEquals(hashes(List.of(s1)), hashes(committed(store, document)));
            assertEquals(1, headOf(store, document, "revision"));

            LogWriter next = new LogWriter(store.database().dataSource(), store, document);
            Commit n2 = next.type(clause, "N ");
            next.write(List.of(n2), second.token());
            assertEquals(hashes(List.of(s1, n2)), hashes(committed(store, document)));
            assertEquals(2, headOf(store, document, "revision"));
        }
    }

    // ---- waiting for a lease to end -------------------------------------------------------------------

    /**
     * Claims for {@code node}, with a lease of {@code lease}, until the lease another node holds has
     * ended (within {@link #WAIT_BOUND}), checking that until then each claim is refused as held.
     */
    private static DocumentLeases.Taken waitUntilTaken(DocumentLeases leases, Document document, String node,
                                                       Duration lease) {
        long deadline = System.nanoTime() + WAIT_BOUND.toNanos();
        List<DocumentLeases.Claim> refused = new ArrayList<>();
        while (true) {
            DocumentLeases.Claim claim = leases.claim(document.id(), node, lease);
            if (claim instanceof DocumentLeases.Taken taken) {
                return taken;
            }
            assertInstanceOf(DocumentLeases.HeldBy.class, claim, "while the lease runs: " + claim);
            refused.add(claim);
            if (System.nanoTime() > deadline) {
                fail("the lease did not end within " + WAIT_BOUND + ": still " + claim + " after "
                        + refused.size() + " claims");
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private static Document create(TestStore store) {
        new PeopleRepository(store.database().dataSource(), Clock.systemUTC())
                .createMeeting(new Meeting("m-1", "Leases", Instant.now()));
        Document document = new MarkdownImporter(RandomIds.seeded(5)).read("doc-leased", DRAFT);
        repository(store).create(document, "m-1");
        return document;
    }

    private static DocumentRepository repository(TestStore store) {
        return new DocumentRepository(store.database().dataSource(), store.database().durability(), Clock.systemUTC());
    }

    private static List<String> operative(Document document) {
        return document.clauses().stream().filter(c -> c.kind() == ClauseKind.OPERATIVE).map(Clause::id).toList();
    }

    private static List<Commit> committed(TestStore store, Document document) {
        return new OperationLog(store.database().dataSource(), store.database().durability())
                .commits(document.id(), 0, Long.MAX_VALUE, Integer.MAX_VALUE);
    }

    private static long ownerToken(TestStore store, Document document) {
        return headOf(store, document, "owner_token");
    }

}
