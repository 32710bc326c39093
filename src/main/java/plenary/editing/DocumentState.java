package plenary.editing;

import plenary.document.Clause;
import plenary.document.ClauseLimit;
import plenary.document.ClauseStatus;
import plenary.document.Document;
import plenary.document.DocumentException;
import plenary.document.DocumentStatus;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
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
    /** The hash of the last commit applied ({@link CommitHash}); null when replaying without one. */
    private String head;
    private final Supplier<String> ids;
    private final Map<String, ClauseHistory> histories = new HashMap<>();
    private final Map<String, ClientMark> lastByClient = new HashMap<>();
    private final Set<String> deleted = new HashSet<>();

    /**
     * The state at {@code document}'s revision, whose last commit had hash {@code head} (the
     * genesis hash at revision 0).
     */
    public DocumentState(Document document, String head, Supplier<String> ids) {
        this.document = document;
        this.head = head;
        this.ids = ids;
    }

    /** A state for reading only (past revisions): replays commits without checking their hashes. */
    public DocumentState(Document document, Supplier<String> ids) {
        this(document, null, ids);
    }

    public Document document() {
        return document;
    }

    public long revision() {
        return document.revision();
    }

    /** The hash of the history up to {@link #revision()}. */
    public String head() {
        return head;
    }

    /**
     * The last commit of each client, for exactly-once acknowledgements across reconnects, keyed by
     * {@link ClientMark#key}.
     */
    public Map<String, ClientMark> lastByClient() {
        return Map.copyOf(lastByClient);
    }

    /** The last change of this account's client that this history holds, if any. */
    public ClientMark lastOf(String authorId, String clientId) {
        return lastByClient.get(ClientMark.key(authorId, clientId));
    }

    public Outcome submit(Submission submission, Instant now) {
        ClientMark last = submission.clientId() == null ? null
                : lastByClient.get(ClientMark.key(submission.authorId(), submission.clientId()));
        if (last != null && submission.seq() <= last.seq()) {
            return new Outcome.Duplicate(submission.seq(), submission.seq() == last.seq() ? last.revision() : -1);
        }
        if (document.status() == DocumentStatus.ADOPTED) {
            return new Outcome.Rejected("document-frozen", "the document is adopted; its text can no longer change");
        }
        Change change;
        try {
            change = rebase(submission.change(), submission.span());
        } catch (RejectedException e) {
            return new Outcome.Rejected(e.code, e.getMessage());
        }
        Commit unhashed = new Commit(document.revision() + 1, change, submission.clientId(), submission.seq(),
                submission.author(), submission.authorId(), now, null);
        Commit commit = head == null ? unhashed : withHash(unhashed, CommitHash.next(head, unhashed));
        try {
            apply(commit);
        } catch (DocumentException | InvalidOperationException e) {
            return new Outcome.Rejected("invalid-change", e.getMessage());
        }
        return new Outcome.Applied(commit);
    }

    /**
     * Re-applies a logged commit while loading: it is already transformed and numbered. Its hash
     * must follow from the one before, or the log is not one history (a row changed or missing).
     */
    public void replay(Commit commit) {
        if (commit.revision() != document.revision() + 1) {
            throw new IllegalStateException("log gap: at revision " + document.revision()
                    + " but next commit is " + commit.revision());
        }
        if (head != null && !CommitHash.next(head, commit).equals(commit.hash())) {
            throw new IllegalStateException("the log's hash chain breaks at revision " + commit.revision()
                    + ": the history was changed");
        }
        apply(commit);
    }

    private static Commit withHash(Commit c, String hash) {
        return new Commit(c.revision(), c.change(), c.clientId(), c.seq(), c.author(), c.authorId(), c.at(), hash);
    }

    /**
     * Agreed language is settled: its text, place and kind change only after the chair or a
     * rapporteur reopens the paragraph (status back to bracketed), which the room is told about.
     */
    private static void checkNotAgreed(Clause clause, String what) {
        if (clause.status() != ClauseStatus.BRACKETED) {
            throw new RejectedException("paragraph-agreed", "paragraph " + clause.id() + " is "
                    + clause.status().wireName() + ": " + what + " only after the chair or a rapporteur reopens it"
                    + " (sets it back to bracketed)");
        }
    }

    /** Brings a submitted change up to the current text: transform text ops, check references. */
    private Change rebase(Change change, long span) {
        return switch (change) {
            case Change.TextEdit edit -> {
                Clause clause = existing(edit.clauseId());
                checkNotAgreed(clause, "its text can change");
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
                List<TextOp> concurrentOps = history.since(edit.baseVersion());
                if (span > op.spanLength()) {
                    // A trailing keep, dropped from the canonical form, must still fit the text it was written on.
                    long lengthAtBase = clause.text().length();
                    for (TextOp concurrent : concurrentOps) {
                        lengthAtBase -= concurrent.targetLengthDelta();
                    }
                    if (span > lengthAtBase) {
                        throw new RejectedException("op-out-of-range", "the operation spans " + span
                                + " code units but clause " + clause.id() + " had " + lengthAtBase + " at version "
                                + edit.baseVersion());
                    }
                }
                try {
                    for (TextOp concurrent : concurrentOps) {
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
                // The import's limit holds for clauses added live too, one at a time.
                if (document.clauses().size() >= ClauseLimit.MAX_CLAUSES) {
                    throw new RejectedException("too-many-clauses", "a document may hold at most "
                            + ClauseLimit.MAX_CLAUSES + " clauses");
                }
                yield new Change.InsertClause(id, insert.afterId(), insert.kind(), insert.text());
            }
            case Change.DeleteClause delete -> {
                checkNotAgreed(existing(delete.clauseId()), "it can be deleted");
                yield delete;
            }
            case Change.MoveClause move -> {
                checkNotAgreed(existing(move.clauseId()), "it can be moved");
                if (move.afterId() != null) {
                    existing(move.afterId());
                }
                yield move;
            }
            case Change.SetKind setKind -> {
                checkNotAgreed(existing(setKind.clauseId()), "its kind can change");
                yield setKind;
            }
            case Change.SetClauseStatus status -> {
                existing(status.clauseId());
                yield status;
            }
            case Change.SetClauseStatuses statuses -> {
                if (statuses.clauseIds().isEmpty() || new HashSet<>(statuses.clauseIds()).size() != statuses.clauseIds().size()) {
                    throw new RejectedException("invalid-change", "a change of statuses names each paragraph once, and at least one");
                }
                statuses.clauseIds().forEach(this::existing);
                yield statuses;
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
            case Change.SetClauseStatuses statuses -> document.withStatuses(statuses.clauseIds(), statuses.status());
            case Change.SetDocumentStatus status -> document.withStatus(status.status());
        };
        document = next.withRevision(commit.revision());
        if (commit.change() instanceof Change.DeleteClause delete) {
            deleted.add(delete.clauseId());
            histories.remove(delete.clauseId());
        }
        if (commit.clientId() != null) {
            lastByClient.put(ClientMark.key(commit.authorId(), commit.clientId()),
                    new ClientMark(commit.seq(), commit.revision()));
        }
        if (commit.hash() != null) {
            head = commit.hash();
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

    /**
     * Seeds the exactly-once table from a snapshot. Marks written before they were kept per account
     * (a bare client id) cannot be matched to anyone and are left out.
     */
    public void rememberClients(Map<String, ClientMark> marks) {
        marks.forEach((key, mark) -> {
            if (key.indexOf(':') >= 0) {
                lastByClient.put(key, mark);
            }
        });
    }

    private static final class RejectedException extends RuntimeException {
        private final String code;

        RejectedException(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }
}
