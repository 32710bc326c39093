package plenary.live;

/** Event-bus addresses of a document's sequencer: requests go in, broadcast frames come out. */
public final class LiveAddresses {
    private LiveAddresses() {
    }

    public static String requests(String documentId) {
        return "plenary.doc." + documentId;
    }

    /** Where a document's id is published each time a change to it is durable: the search index listens. */
    public static final String CHANGED = "plenary.docs.changed";

    /**
     * On a broadcast frame meant for one delegation's delegates only (its drafts and their threads):
     * the delegation. A frame without it is for every socket of the document.
     */
    public static final String DELEGATION_HEADER = "delegation";

    public static String broadcasts(String documentId) {
        return "plenary.doc." + documentId + ".out";
    }

    /** Whether an address is some document's {@link #broadcasts}. */
    public static boolean isBroadcast(String address) {
        return address.startsWith("plenary.doc.") && address.endsWith(".out");
    }
}
