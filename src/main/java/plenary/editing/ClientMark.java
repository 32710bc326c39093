package plenary.editing;

/** The last change a client had applied: its sequence number and the revision it produced. */
public record ClientMark(long seq, long revision) {
}
