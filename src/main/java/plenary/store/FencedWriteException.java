package plenary.store;

/**
 * A write refused because the stored head is not where the writer says it follows: a gap in what it
 * meant to write, or another process writing the same document. Nothing was written.
 */
public final class FencedWriteException extends java.sql.SQLException {
    public FencedWriteException(String message) {
        super(message);
    }
}
