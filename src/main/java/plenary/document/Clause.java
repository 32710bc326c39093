package plenary.document;

import java.util.Objects;

/**
 * One paragraph of an outcome document. The id is its identity for ever; its number is not stored
 * here because it follows from its position (see {@link Numbering}).
 *
 * @param version counts the changes to this clause's text, so an edit or an amendment can name the
 *                text it was written against
 */
public record Clause(String id, ClauseKind kind, String text, long version, ClauseStatus status) {

    public Clause {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(status, "status");
        if (id.isBlank()) {
            throw new DocumentException("a clause id must not be blank");
        }
        if (version < 0) {
            throw new DocumentException("a clause version must not be negative");
        }
    }

    /** A clause as first written: version 0, bracketed. */
    public static Clause fresh(String id, ClauseKind kind, String text) {
        return new Clause(id, kind, text, 0, ClauseStatus.BRACKETED);
    }

    public Clause withText(String newText) {
        return new Clause(id, kind, newText, version + 1, status);
    }

    public Clause withKind(ClauseKind newKind) {
        return new Clause(id, newKind, text, version, status);
    }

    public Clause withStatus(ClauseStatus newStatus) {
        return new Clause(id, kind, text, version, newStatus);
    }
}
