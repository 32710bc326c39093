package plenary.document;

/** A change or a construction that would break a document's rules; the message says which rule. */
public class DocumentException extends RuntimeException {
    public DocumentException(String message) {
        super(message);
    }
}
