package plenary.http;

import java.net.URI;

/**
 * The people of test meetings on one running server, made as a chair would make them: the admin
 * creates a meeting, invites each person with a role (and a delegation), and each signs in.
 */
public final class MeetingPeople {
    private final RunningServer server;
    private final HttpTestClient admin;
    private final String adminToken;

    public MeetingPeople(RunningServer server) {
        this.server = server;
        this.admin = server.http();
        this.adminToken = TestPeople.signIn(admin, "admin", TestPeople.ADMIN_PASSWORD);
    }

    /** A new meeting; its id. */
    public String meeting(String name) {
        return TestPeople.withToken(admin, adminToken, () -> HttpTestClient.json(
                admin.postJson("/api/meetings", "{\"name\":\"" + name + "\"}")).get("id").asText());
    }

    /** A member of {@code meeting}, signed in: a client that sends their bearer token. */
    public HttpTestClient person(String meeting, String role, String delegation, String username, String displayName) {
        String password = "password-of-" + username;
        TestPeople.invite(admin, adminToken, meeting, role, delegation, username, password, displayName);
        HttpTestClient client = new HttpTestClient(URI.create("http://127.0.0.1:" + server.port() + "/"));
        return client.bearer(TestPeople.signIn(client, username, password));
    }
}
