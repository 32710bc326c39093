package plenary.negotiation;

/**
 * A command refused: nothing changed. {@code code} is stable for clients to switch on; {@code kind}
 * says what sort of refusal it is, so HTTP can pick a status and the socket an error.
 */
public final class NegotiationException extends RuntimeException {
    public enum Kind { NOT_FOUND, FORBIDDEN, CONFLICT, INVALID }

    private final Kind kind;
    private final String code;

    public NegotiationException(Kind kind, String code, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.code = code;
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    static NegotiationException notFound(String what) {
        return new NegotiationException(Kind.NOT_FOUND, "not-found", what);
    }

    static NegotiationException conflict(String code, String message) {
        return new NegotiationException(Kind.CONFLICT, code, message);
    }

    static NegotiationException invalid(String message) {
        return new NegotiationException(Kind.INVALID, "invalid", message);
    }

    static NegotiationException forbidden(String message) {
        return new NegotiationException(Kind.FORBIDDEN, "forbidden", message);
    }
}
