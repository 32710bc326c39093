package plenary.people;

/** An account. The password hash never leaves the store layer except to be verified. */
public record User(String id, String username, String displayName, boolean admin) {
    public Principal principal() {
        return new Principal(id, username, displayName, admin);
    }
}
