package plenary.search;

/** A search query that cannot be run as written; the message tells the person why, in words. */
public final class QueryException extends RuntimeException {
    public QueryException(String message) {
        super(message);
    }
}
