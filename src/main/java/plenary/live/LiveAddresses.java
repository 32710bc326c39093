package plenary.live;

/** Event-bus addresses of a document's sequencer: requests go in, broadcast frames come out. */
public final class LiveAddresses {
    private LiveAddresses() {
    }

    public static String requests(String documentId) {
        return "plenary.doc." + documentId;
    }

    public static String broadcasts(String documentId) {
        return "plenary.doc." + documentId + ".out";
    }
}
