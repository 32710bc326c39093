package plenary.editing;

import plenary.document.ClauseKind;
import plenary.document.ClauseStatus;
import plenary.document.DocumentStatus;

import java.util.List;

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

    /** Sets a paragraph's negotiation status. Made by the negotiation (a decision), never by a typing client. */
    record SetClauseStatus(String clauseId, ClauseStatus status) implements Change {
    }

    /**
     * Gives several paragraphs one status in one revision: a silence procedure's conclusion, which
     * as one commit per paragraph sent every reader a burst of hundreds of commits. Made by the
     * negotiation only.
     */
    record SetClauseStatuses(List<String> clauseIds, ClauseStatus status) implements Change {
        public SetClauseStatuses {
            clauseIds = List.copyOf(clauseIds);
        }

        @Override
        public String clauseId() {
            return "";
        }
    }

    /** Moves the document's status forward (negotiating, adopted). Made by the negotiation only. */
    record SetDocumentStatus(DocumentStatus status) implements Change {
        @Override
        public String clauseId() {
            return "";
        }
    }

    /** Whether a live client may submit this change itself; the others are decisions with their own rules. */
    default boolean typed() {
        return !(this instanceof SetClauseStatus || this instanceof SetClauseStatuses || this instanceof SetDocumentStatus);
    }
}
