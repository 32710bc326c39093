package plenary.editing;

/**
 * A change as a client sent it, before the sequencer has transformed or accepted it.
 *
 * @param authorId the account that sent it: a (clientId, seq) is recognised as a resubmission only
 *                 from the same account, so nobody can make another person's edits look applied
 * @param span     for a text op, the code units its components keep and delete as sent, including
 *                 a trailing keep the canonical form drops (-1: not known); more than the clause
 *                 had at the op's version is out of range
 */
public record Submission(String clientId, long seq, String author, String authorId, Change change, long span) {

    /** A submission whose author is also its account, with no span as sent (tests, decisions). */
    public Submission(String clientId, long seq, String author, Change change) {
        this(clientId, seq, author, author, change, -1);
    }
}
