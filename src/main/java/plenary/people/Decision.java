package plenary.people;

/** The outcome of a permission check, with the HTTP status it answers with. */
public enum Decision {
    ALLOW(200),
    UNAUTHENTICATED(401),
    FORBIDDEN(403),
    NOT_FOUND(404);

    private final int status;

    Decision(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }
}
