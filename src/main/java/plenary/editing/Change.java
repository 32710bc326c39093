package plenary.editing;

import plenary.document.ClauseKind;

/**
 * One change to a document, as submitted by a client or as recorded in the operation log. Every
 * change to a document's text or structure is one of these and goes through its sequencer.
 */
public sealed interface Change {

    /** The clause the change is about (for an insertion: the new clause). */
    String clauseId();

    /** Edits a clause's text. {@code baseVersion} is the clause version the op was written against. */
    record TextEdit(String clauseId, long baseVersion, TextOp op) implements Change {
    }

    /** Adds a clause after another one, or at the top when {@code afterId} is null. */
    record InsertClause(String clauseId, String afterId, ClauseKind kind, String text) implements Change {
    }

    record DeleteClause(String clauseId) implements Change {
    }

    /** Moves a clause after another one, or to the top when {@code afterId} is null. */
    record MoveClause(String clauseId, String afterId) implements Change {
    }

    record SetKind(String clauseId, ClauseKind kind) implements Change {
    }
}
