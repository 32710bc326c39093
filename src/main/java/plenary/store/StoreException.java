package plenary.store;

/** A failure of the store itself (I/O, SQL), as opposed to a request it refused. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
