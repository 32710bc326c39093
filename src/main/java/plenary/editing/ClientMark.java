package plenary.editing;

/** The last change a client had applied: its sequence number and the revision it produced. */
public record ClientMark(long seq, long revision) {

    /**
     * The key of a client's marks: the account and the client id together, so the same client id
     * sent by someone else is a different client.
     */
    public static String key(String authorId, String clientId) {
        return (authorId == null ? "" : authorId) + ":" + clientId;
    }
}
