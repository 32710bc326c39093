package plenary.editing;

import java.time.Instant;

/**
 * A change as the sequencer applied it: transformed to the current text, numbered with the
 * document revision it produced. This is what the operation log stores and what clients receive.
 *
 * @param clientId the submitting client's id and {@code seq} its sequence number, so a
 *                 resubmission after a reconnect is recognised (per submitter: {@code authorId})
 * @param authorId the account that submitted it (the decider, for a negotiation's change)
 * @param hash     the {@link CommitHash} chained over the commit before it: the identity of the
 *                 history up to here
 */
public record Commit(long revision, Change change, String clientId, long seq, String author, String authorId,
                     Instant at, String hash) {
}
