package plenary.editing;

import java.time.Instant;

/**
 * A change as the sequencer applied it: transformed to the current text, numbered with the
 * document revision it produced. This is what the operation log stores and what clients receive.
 *
 * @param clientId the submitting client's id and {@code seq} its sequence number, so a
 *                 resubmission after a reconnect is recognised
 */
public record Commit(long revision, Change change, String clientId, long seq, String author, Instant at) {
}
