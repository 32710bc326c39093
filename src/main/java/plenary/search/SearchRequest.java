package plenary.search;

/**
 * A search as asked: the query text, optional filters (null: any), and the page.
 *
 * @param page from 1
 * @param size results per page, 1 to {@link #MAX_SIZE}
 */
public record SearchRequest(String query, String documentId, String meetingId, SearchKind kind, int page, int size) {
    public static final int MAX_SIZE = 50;
    public static final int MAX_PAGE = 200;

    public SearchRequest {
        if (page < 1 || page > MAX_PAGE) {
            throw new QueryException("page must be a whole number from 1 to " + MAX_PAGE);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new QueryException("size must be a whole number from 1 to " + MAX_SIZE);
        }
    }
}
