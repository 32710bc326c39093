package plenary.document;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An outcome document at one revision: an immutable value. Every change returns a new Document;
 * the live editing sequencer is the one place that decides which change becomes the next revision.
 *
 * <p>Rules kept here: clause ids are unique, and a sub-paragraph directly follows an operative
 * paragraph or another sub-paragraph (otherwise it has no (a), (b) to hang from).
 */
public record Document(String id, String title, DocumentMeta meta, DocumentStatus status, long revision,
                       List<Clause> clauses) {

    public Document {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(meta, "meta");
        Objects.requireNonNull(status, "status");
        clauses = List.copyOf(clauses);
        if (revision < 0) {
            throw new DocumentException("a revision must not be negative");
        }
        checkRules(clauses);
    }

    private static void checkRules(List<Clause> clauses) {
        Set<String> seen = new HashSet<>();
        ClauseKind previous = null;
        for (Clause clause : clauses) {
            if (!seen.add(clause.id())) {
                throw new DocumentException("clause id " + clause.id() + " appears twice");
            }
            if (clause.kind() == ClauseKind.SUB_PARAGRAPH
                    && previous != ClauseKind.OPERATIVE && previous != ClauseKind.SUB_PARAGRAPH) {
                throw new DocumentException("sub-paragraph " + clause.id()
                        + " must follow an operative paragraph or another sub-paragraph");
            }
            previous = clause.kind();
        }
    }

    public Optional<Clause> clause(String clauseId) {
        return clauses.stream().filter(c -> c.id().equals(clauseId)).findFirst();
    }

    public int indexOf(String clauseId) {
        for (int i = 0; i < clauses.size(); i++) {
            if (clauses.get(i).id().equals(clauseId)) {
                return i;
            }
        }
        return -1;
    }

    /** Labels aligned with {@link #clauses()}; see {@link Numbering}. */
    public List<String> numbers() {
        return Numbering.labels(clauses);
    }

    public Document withTitle(String newTitle) {
        return new Document(id, newTitle, meta, status, revision, clauses);
    }

    public Document withStatus(DocumentStatus newStatus) {
        return new Document(id, title, meta, newStatus, revision, clauses);
    }

    public Document withRevision(long newRevision) {
        return new Document(id, title, meta, status, newRevision, clauses);
    }

    public Document withClauses(List<Clause> newClauses) {
        return new Document(id, title, meta, status, revision, newClauses);
    }

    /** Replaces the clause that has the same id. */
    public Document replace(Clause changed) {
        int index = require(changed.id());
        List<Clause> copy = new ArrayList<>(clauses);
        copy.set(index, changed);
        return withClauses(copy);
    }

    /** Gives the clauses named one status, in one copy of the list. */
    public Document withStatuses(Collection<String> clauseIds, ClauseStatus newStatus) {
        List<Clause> copy = new ArrayList<>(clauses);
        for (String clauseId : clauseIds) {
            int index = require(clauseId);
            copy.set(index, copy.get(index).withStatus(newStatus));
        }
        return withClauses(copy);
    }

    /** Inserts a clause after the one named, or at the top when {@code afterId} is null. */
    public Document insertAfter(String afterId, Clause clause) {
        int index = afterId == null ? 0 : require(afterId) + 1;
        List<Clause> copy = new ArrayList<>(clauses);
        copy.add(index, clause);
        return withClauses(copy);
    }

    public Document remove(String clauseId) {
        int index = require(clauseId);
        List<Clause> copy = new ArrayList<>(clauses);
        copy.remove(index);
        return withClauses(copy);
    }

    /** Moves a clause to just after another one, or to the top when {@code afterId} is null. */
    public Document move(String clauseId, String afterId) {
        if (clauseId.equals(afterId)) {
            throw new DocumentException("a clause cannot be moved after itself");
        }
        Clause moving = clauses.get(require(clauseId));
        return remove(clauseId).insertAfter(afterId, moving);
    }

    private int require(String clauseId) {
        int index = indexOf(clauseId);
        if (index < 0) {
            throw new DocumentException("no clause " + clauseId + " in document " + id);
        }
        return index;
    }
}
