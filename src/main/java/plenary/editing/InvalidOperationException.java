package plenary.editing;

/**
 * A text operation is malformed or does not fit the clause text it is applied to.
 *
 * <p>Unchecked and an {@link IllegalArgumentException} because it always means bad input from a
 * client (or a bug), never a condition a caller can recover from by retrying.
 */
public final class InvalidOperationException extends IllegalArgumentException {

    public InvalidOperationException(String message) {
        super(message);
    }

    public InvalidOperationException(String message, Throwable cause) {
        super(message, cause);
    }
}
