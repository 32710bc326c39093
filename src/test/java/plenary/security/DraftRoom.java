package plenary.security;

import com.fasterxml.jackson.databind.JsonNode;
import plenary.http.HttpTestClient;
import plenary.http.RunningServer;
import plenary.http.TestPeople;
import plenary.people.SocketProbe;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A meeting on a real server with everyone a draft must be kept from: the chair, a rapporteur, an
 * observer, the installation's admin (not a member) and another delegation, beside two delegates
 * of the sponsoring City of Graz. Everyone signs in with a bearer token of their own.
 */
final class DraftRoom implements AutoCloseable {
    static final String GRAZ = "City of Graz";
    static final String GWANGJU = "Gwangju Metropolitan City";
    static final String TEXT = "# Outcome\n\n1. *Calls upon* cities to act;\n\n2. *Encourages* regions to report;\n";

    final Path dir;
    RunningServer server;
    final String meetingId;
    final String doc;
    final String clause;
    final String clause2;
    /** username → user id. */
    final Map<String, String> ids = new LinkedHashMap<>();
    /** The installation's admin, who is not a member of the meeting. */
    private String adminId;
    /** username → a client signed in as them. */
    final Map<String, HttpTestClient> people = new LinkedHashMap<>();

    /** Settings of the server, as environment variables; kept for a restart. */
    private final Map<String, String> env;

    private DraftRoom(Path dir, Map<String, String> env) throws Exception {
        this.dir = dir;
        this.env = env;
        this.server = RunningServer.startWith(dir, env, "--no-samples");
        HttpTestClient admin = server.http();
        String adminToken = TestPeople.signIn(admin, "admin", TestPeople.ADMIN_PASSWORD);
        meetingId = TestPeople.withToken(admin, adminToken, () -> HttpTestClient.json(
                admin.postJson("/api/meetings", "{\"name\":\"Drafts\"}")).get("id").asText());
        add(admin, adminToken, "chair", "chair", null);
        add(admin, adminToken, "rapporteur", "rapporteur", null);
        add(admin, adminToken, "observer", "observer", null);
        add(admin, adminToken, "graz", "delegate", GRAZ);
        add(admin, adminToken, "graz2", "delegate", GRAZ);
        add(admin, adminToken, "gwangju", "delegate", GWANGJU);
        signInEveryone();
        JsonNode created = HttpTestClient.json(as("chair").post("/api/documents", HttpTestClient.MARKDOWN,
                TEXT.getBytes(StandardCharsets.UTF_8)));
        doc = "/api/documents/" + created.get("id").asText();
        clause = created.get("clauses").get(0).get("id").asText();
        clause2 = created.get("clauses").get(1).get("id").asText();
    }

    static DraftRoom open(Path dir) throws Exception {
        return new DraftRoom(dir, Map.of());
    }

    /** As {@link #open(Path)}, the server started with these settings (environment variables). */
    static DraftRoom open(Path dir, Map<String, String> env) throws Exception {
        return new DraftRoom(dir, env);
    }

    private void add(HttpTestClient admin, String adminToken, String username, String role, String delegation) {
        ids.put(username, TestPeople.invite(admin, adminToken, meetingId, role, delegation, username,
                password(username), username));
    }

    private void signInEveryone() {
        people.values().forEach(HttpTestClient::close);
        people.clear();
        HttpTestClient admin = client();
        people.put("admin", admin.bearer(TestPeople.signIn(admin, "admin", TestPeople.ADMIN_PASSWORD)));
        adminId = ok(admin.get("/api/session")).get("id").asText();
        for (String username : ids.keySet()) {
            HttpTestClient client = client();
            people.put(username, client.bearer(TestPeople.signIn(client, username, password(username))));
        }
    }

    private HttpTestClient client() {
        return new HttpTestClient(URI.create("http://127.0.0.1:" + server.port() + "/"));
    }

    private static String password(String username) {
        return "password-of-" + username + "-in-the-draft-room";
    }

    /** Stops the server, runs {@code work} on its data dir, starts it again and signs everyone in anew. */
    void restart(ThrowingConsumer<Path> work) throws Exception {
        people.values().forEach(HttpTestClient::close);
        server.close();
        work.accept(dir);
        server = RunningServer.startWith(dir, env, "--no-samples");
        signInEveryone();
    }

    interface ThrowingConsumer<T> {
        void accept(T value) throws Exception;
    }

    HttpTestClient as(String username) {
        return people.get(username);
    }

    String id(String username) {
        return username.equals("admin") ? adminId : ids.get(username);
    }

    /** A draft (not tabled) amendment of {@code delegate}'s delegation; its id. */
    String draft(String delegate, String clauseId, String words, String rationale) {
        HttpResponse<String> drafted = as(delegate).postJson(doc + "/amendments", "{\"clauseId\":\"" + clauseId
                + "\",\"text\":\"*Calls upon* cities " + words + ";\",\"rationale\":\"" + rationale + "\"}");
        assertEquals(201, drafted.statusCode(), drafted::body);
        JsonNode amendment = HttpTestClient.json(drafted);
        assertEquals("draft", amendment.get("state").asText());
        return amendment.get("id").asText();
    }

    /** A comment on an amendment, or a reply; its id. */
    String comment(String author, String amendmentId, String parentId, String body) {
        HttpResponse<String> posted = as(author).postJson(doc + "/comments", "{\"target\":\"amendment\","
                + "\"targetId\":\"" + amendmentId + "\"" + (parentId == null ? "" : ",\"parentId\":\"" + parentId + "\"")
                + ",\"body\":\"" + body + "\"}");
        assertEquals(201, posted.statusCode(), posted::body);
        return HttpTestClient.json(posted).get("id").asText();
    }

    /** {@code GET …/negotiation} as {@code username}. */
    JsonNode state(String username) {
        return ok(as(username).get(doc + "/negotiation"));
    }

    /** The chair's audit log, every entry. */
    JsonNode audit(String username) {
        return ok(as(username).get(doc + "/audit")).get("entries");
    }

    /** How many results {@code username} gets searching for {@code words}. */
    long found(String username, String words) {
        return ok(as(username).get("/api/search?q=" + java.net.URLEncoder.encode(words, StandardCharsets.UTF_8)))
                .get("total").asLong();
    }

    /** Waits (the index follows within a second) until {@code username}'s search for {@code words} satisfies {@code done}. */
    void awaitSearch(String username, String words, Predicate<Long> done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        long total;
        while (!done.test(total = found(username, words))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(username + "'s search for " + words + " stayed at " + total);
            }
            Thread.sleep(50);
        }
    }

    /** A live socket of {@code username}, joined. */
    SocketProbe socket(String username) throws Exception {
        URI live = URI.create("ws://127.0.0.1:" + server.port() + doc + "/live");
        SocketProbe probe = (SocketProbe) SocketProbe.open(HttpClient.newHttpClient(), live, as(username).bearer());
        probe.send("{\"type\":\"join\",\"clientId\":\"" + username + "-watch\",\"since\":-1}");
        probe.await(0, m -> SocketProbe.type(m, "joined"));
        return probe;
    }

    static JsonNode ok(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response::body);
        return HttpTestClient.json(response);
    }

    @Override
    public void close() throws Exception {
        people.values().forEach(HttpTestClient::close);
        server.close();
    }
}
