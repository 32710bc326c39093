package plenary.editing;

import plenary.document.Clause;
import plenary.document.Document;
import plenary.document.DocumentException;
import plenary.document.DocumentStatus;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The live state of one document and the rules for changing it: transform a submitted change
 * against what happened since its base, check it, apply it, number it. Pure and single-threaded:
 * its sequencer owns it and feeds it one submission at a time.
 */
public final class DocumentState {
    /** Text ops kept per clause for transforming late submissions. */
    public static final int HISTORY_PER_CLAUSE = 1_000;
    private static final Pattern CLAUSE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final int MAX_CLAUSE_LENGTH = 100_000;

    private Document document;
    private final Supplier<String> ids;
    private final Map<String, ClauseHistory> histories = new HashMap<>();
    private final Map<String, ClientMark> lastByClient = new HashMap<>();
    private final Set<String> deleted = new HashSet<>();

    public DocumentState(Document document, Supplier<String> ids) {
        this.document = document;
        this.ids = ids;
    }

    public Document document() {
        return document;
    }

    public long revision() {
        return document.revision();
    }

    /** The last commit of each client, for exactly-once acknowledgements across reconnects. */
    public Map<String, ClientMark> lastByClient() {
        return Map.copyOf(lastByClient);
    }

    public Outcome submit(Submission submission, Instant now) {
        ClientMark last = lastByClient.get(submission.clientId());
        if (last != null && submission.seq() <= last.seq()) {
            return new Outcome.Duplicate(submission.seq(), submission.seq() == last.seq() ? last.revision() : -1);
        }
        if (document.status() == DocumentStatus.ADOPTED) {
            return new Outcome.Rejected("document-frozen", "the document is adopted; its text can no longer change");
        }
        Change change;
        try {
            change = rebase(submission.change());
        } catch (RejectedException e) {
            return new Outcome.Rejected(e.code, e.getMessage());
        }
        Commit commit = new Commit(document.revision() + 1, change, submission.clientId(), submission.seq(),
                submission.author(), now);
        try {
            apply(commit);
        } catch (DocumentException | InvalidOperationException e) {
            return new Outcome.Rejected("invalid-change", e.getMessage());
        }
        return new Outcome.Applied(commit);
    }

    /** Re-applies a logged commit while loading: it is already transformed and numbered. */
    public void replay(Commit commit) {
        if (commit.revision() != document.revision() + 1) {
            throw new IllegalStateException("log gap: at revision " + document.revision()
                    + " but next commit is " + commit.revision());
        }
        apply(commit);
    }

    /** Brings a submitted change up to the current text: transform text ops, check references. */
    private Change rebase(Change change) {
        return switch (change) {
            case Change.TextEdit edit -> {
                Clause clause = existing(edit.clauseId());
                if (edit.baseVersion() > clause.version() || edit.baseVersion() < 0) {
                    throw new RejectedException("bad-version", "clause " + clause.id() + " is at version "
                            + clause.version() + ", not " + edit.baseVersion());
                }
                ClauseHistory history = history(clause);
                if (edit.baseVersion() < history.oldestTransformableBase()) {
                    throw new RejectedException("version-too-old", "version " + edit.baseVersion() + " of clause "
                            + clause.id() + " is older than the retained history; resynchronise");
                }
                TextOp op = edit.op();
                try {
                    for (TextOp concurrent : history.since(edit.baseVersion())) {
                        op = op.transform(concurrent, Side.RIGHT);
                    }
                } catch (InvalidOperationException e) {
                    throw new RejectedException("op-out-of-range", e.getMessage());
                }
                if (op.spanLength() > clause.text().length()) {
                    throw new RejectedException("op-out-of-range", "the operation spans " + op.spanLength()
                            + " code units but clause " + clause.id() + " has " + clause.text().length());
                }
                if (clause.text().length() + op.targetLengthDelta() > MAX_CLAUSE_LENGTH) {
                    throw new RejectedException("clause-too-long", "a clause may hold at most " + MAX_CLAUSE_LENGTH
                            + " characters");
                }
                yield new Change.TextEdit(clause.id(), clause.version(), op);
            }
            case Change.InsertClause insert -> {
                String id = insert.clauseId() == null ? ids.get() : insert.clauseId();
                if (!CLAUSE_ID.matcher(id).matches()) {
                    throw new RejectedException("invalid-change", "a clause id is 1 to 64 letters, digits, '-' or '_'");
                }
                if (document.indexOf(id) >= 0 || deleted.contains(id)) {
                    throw new RejectedException("duplicate-clause", "clause id " + id + " is already used");
                }
                if (insert.afterId() != null) {
                    existing(insert.afterId());
                }
                if (insert.text().length() > MAX_CLAUSE_LENGTH) {
                    throw new RejectedException("clause-too-long", "a clause may hold at most " + MAX_CLAUSE_LENGTH
                            + " characters");
                }
                yield new Change.InsertClause(id, insert.afterId(), insert.kind(), insert.text());
            }
            case Change.DeleteClause delete -> {
                existing(delete.clauseId());
                yield delete;
            }
            case Change.MoveClause move -> {
                existing(move.clauseId());
                if (move.afterId() != null) {
                    existing(move.afterId());
                }
                yield move;
            }
            case Change.SetKind setKind -> {
                existing(setKind.clauseId());
                yield setKind;
            }
            case Change.SetClauseStatus status -> {
                existing(status.clauseId());
                yield status;
            }
            case Change.SetDocumentStatus status -> {
                if (!document.status().canMoveTo(status.status())) {
                    throw new RejectedException("invalid-change", "the document cannot move from "
                            + document.status().wireName() + " to " + status.status().wireName());
                }
                yield status;
            }
        };
    }

    private void apply(Commit commit) {
        Document next = switch (commit.change()) {
            case Change.TextEdit edit -> {
                Clause clause = document.clause(edit.clauseId()).orElseThrow(
                        () -> new DocumentException("no clause " + edit.clauseId()));
                String text = edit.op().apply(clause.text());
                history(clause).add(edit.op());
                yield document.replace(clause.withText(text));
            }
            case Change.InsertClause insert ->
                    document.insertAfter(insert.afterId(), Clause.fresh(insert.clauseId(), insert.kind(), insert.text()));
            case Change.DeleteClause delete -> document.remove(delete.clauseId());
            case Change.MoveClause move -> document.move(move.clauseId(), move.afterId());
            case Change.SetKind setKind -> document.replace(
                    document.clause(setKind.clauseId()).orElseThrow().withKind(setKind.kind()));
            case Change.SetClauseStatus status -> document.replace(
                    document.clause(status.clauseId()).orElseThrow().withStatus(status.status()));
            case Change.SetDocumentStatus status -> document.withStatus(status.status());
        };
        document = next.withRevision(commit.revision());
        if (commit.change() instanceof Change.DeleteClause delete) {
            deleted.add(delete.clauseId());
            histories.remove(delete.clauseId());
        }
        if (commit.clientId() != null) {
            lastByClient.put(commit.clientId(), new ClientMark(commit.seq(), commit.revision()));
        }
    }

    private Clause existing(String clauseId) {
        if (clauseId == null) {
            throw new RejectedException("unknown-clause", "no clause id given");
        }
        return document.clause(clauseId).orElseThrow(() -> deleted.contains(clauseId)
                ? new RejectedException("clause-deleted", "clause " + clauseId + " was deleted")
                : new RejectedException("unknown-clause", "no clause " + clauseId + " in this document"));
    }

    private ClauseHistory history(Clause clause) {
        return histories.computeIfAbsent(clause.id(), id -> new ClauseHistory(clause.version(), HISTORY_PER_CLAUSE));
    }

    /** Seeds the exactly-once table from a snapshot. */
    public void rememberClients(Map<String, ClientMark> marks) {
        lastByClient.putAll(marks);
    }

    private static final class RejectedException extends RuntimeException {
        private final String code;

        RejectedException(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }
}
