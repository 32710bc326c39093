package plenary.store;

import org.junit.jupiter.api.function.Executable;
import plenary.deliberation.Phase;
import plenary.document.Document;
import plenary.document.RandomIds;
import plenary.editing.Change;
import plenary.editing.Commit;
import plenary.editing.DocumentState;
import plenary.editing.Outcome;
import plenary.editing.Submission;
import plenary.editing.TextOp;
import plenary.negotiation.Event;
import plenary.negotiation.Recorded;
import plenary.negotiation.Transition;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

/** The document as one writer loaded it from the store, changed in its memory, written by its own log. */
final class LogWriter {
    static final java.util.concurrent.atomic.AtomicInteger WRITERS = new java.util.concurrent.atomic.AtomicInteger();
    final OperationLog log;
    final String documentId;
    final DocumentState state;
    final String clientId;
    long seq;
    long negotiationSeq;

    LogWriter(DataSource dataSource, TestStore store, Document document) {
        this(dataSource, store, document, "c" + WRITERS.incrementAndGet(), 0);
    }

    LogWriter(DataSource dataSource, TestStore store, Document document, String clientId, long seqBase) {
        this.log = new OperationLog(dataSource, store.database().durability());
        this.documentId = document.id();
        this.clientId = clientId;
        this.seq = seqBase * 1_000;
        OperationLog.Stored stored = log.load(documentId, Long.MAX_VALUE).orElseThrow();
        this.state = new DocumentState(stored.snapshot(), stored.snapshotHash(), RandomIds.seeded(3));
        stored.after().forEach(state::replay);
        this.negotiationSeq = log.events(documentId, 0, Integer.MAX_VALUE).size();
    }

    /** Prepends {@code text} to the clause, in memory: the commit this writer would log next. */
    Commit type(String clauseId, String text) {
        long version = state.document().clause(clauseId).orElseThrow().version();
        Outcome outcome = state.submit(new Submission(clientId, ++seq, "Writer " + clientId, "u-" + clientId,
                new Change.TextEdit(clauseId, version, TextOp.builder().insert(text).build()), -1), Instant.now());
        if (!(outcome instanceof Outcome.Applied applied)) {
            throw new AssertionError("not applied: " + outcome);
        }
        return applied.commit();
    }

    /** The next negotiation event in this writer's view: a phase opened. */
    Recorded event(Phase phase) {
        return new Recorded(++negotiationSeq, Instant.now().toString(), "u-chair", "Chair", null,
                state.revision(), new Event.PhaseSet(phase, true, null),
                new Transition(phase.name().toLowerCase(java.util.Locale.ROOT), "closed", "open"));
    }

    void write(List<Commit> commits, List<Recorded> events) {
        write(commits, events, false);
    }

    void write(List<Commit> commits, List<Recorded> events, boolean withSnapshot) {
        Document head = commits.isEmpty() ? state.document() : state.document().withRevision(commits.getLast().revision());
        log.append(documentId, commits, events, head, negotiationSeq, withSnapshot ? head : null,
                state.lastByClient());
    }

    /** Logs the commits as the holder of the document's lease with {@code ownerToken}. */
    void write(List<Commit> commits, long ownerToken) {
        Document head = state.document().withRevision(commits.getLast().revision());
        log.append(documentId, commits, List.of(), head, negotiationSeq, null, state.lastByClient(), ownerToken);
    }

    /** Fails unless {@code write} is refused as a fenced write (another writer, or a gap), changing nothing. */
    static void assertFenced(Executable write) {
        StoreException e = assertThrows(StoreException.class, write, "the write must fail");
        if (fencedCause(e) == null) {
            fail("failed, but not as a fenced write: " + e, e);
        }
    }

    static FencedWriteException fencedCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof FencedWriteException fenced) {
                return fenced;
            }
        }
        return null;
    }

    /** What identifies each commit: its revision and its hash (which covers the change, client, seq and author). */
    static List<String> hashes(List<Commit> commits) {
        return commits.stream().map(c -> c.revision() + ":" + c.hash()).toList();
    }

    static long headOf(TestStore store, Document document, String column) {
        return count(store, document, "SELECT " + column + " FROM documents WHERE id = ?");
    }

    static long count(TestStore store, Document document, String sql) {
        try (Connection c = store.database().dataSource().getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, document.id());
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
