package plenary.amendment;

/** What an amendment proposes to do to the clause it names. */
public enum AmendmentKind {
    /** Replace the clause's text. */
    MODIFY,
    /** Add a new clause after the one named. */
    INSERT,
    /** Remove the clause. */
    DELETE,
    /** Put the clause after another one (or at the top). */
    MOVE
}
