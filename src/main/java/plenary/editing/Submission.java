package plenary.editing;

/** A change as a client sent it, before the sequencer has transformed or accepted it. */
public record Submission(String clientId, long seq, String author, Change change) {
}
