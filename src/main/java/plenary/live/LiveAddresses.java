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

    public static String broadcasts(String documentId) {
        return "plenary.doc." + documentId + ".out";
    }
}
