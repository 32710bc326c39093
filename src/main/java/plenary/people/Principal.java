package plenary.people;

/** Who is asking: a signed-in user. {@code admin} runs the installation (meetings, chairs). */
public record Principal(String userId, String username, String displayName, boolean admin) {
}
