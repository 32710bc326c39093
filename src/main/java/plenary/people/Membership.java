package plenary.people;

/** A person's role in a meeting; a delegate speaks for {@code delegation} (a city, an organisation). */
public record Membership(String meetingId, String userId, String username, String displayName, Role role,
                         String delegation) {
}
