package plenary.people;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import plenary.http.HttpTestClient;
import plenary.http.RunningServer;
import plenary.http.TestPeople;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every role × every action × own and foreign meeting, over REST and over the live socket, with the
 * exact answer for each cell. The expectations come from the hand-written table of
 * {@link PermissionPolicyTest}; the switch over {@link Action} has no default, so a new action does
 * not compile here until it has a request.
 */
@Tag("integration")
class AccessMatrixTest {
    @TempDir
    static Path dir;

    private static RunningServer server;
    private static HttpTestClient http;
    private static final HttpClient ws = HttpClient.newHttpClient();
    private static final Map<Role, String> tokens = new EnumMap<>(Role.class);
    private static String adminToken;
    private static Meeting own;
    private static Meeting foreign;

    /**
     * What the requests act on in one meeting: a document, a member to manage, a clause, a second
     * document to adopt (adoption freezes a document, and the other cells need theirs live), and a
     * pending invitation to revoke (only one request per meeting may succeed at it).
     */
    private record Meeting(String id, String documentId, String targetUserId, String clauseId, String adoptableId,
                           String invitationId) {
    }

    /** An account of the installation in neither meeting, for adding directly (an admin's power only). */
    private static String outsiderId;

    /** Tabled amendments of the own meeting, one used up by each allowed decision. */
    private static final java.util.Deque<String> tabled = new java.util.ArrayDeque<>();
    private static String tabledForPolls;
    private static String voteId;
    private static int statusFlips;

    @BeforeAll
    static void setUp() throws Exception {
        server = RunningServer.start(dir, "--no-samples");
        http = server.http();
        String drafter = server.token();
        adminToken = TestPeople.signIn(http, "admin", TestPeople.ADMIN_PASSWORD);
        String ownId = TestPeople.withToken(http, drafter,
                () -> HttpTestClient.json(http.get("/api/meetings")).get("meetings").get(0).get("id").asText());
        for (Role role : Role.values()) {
            String username = "own-" + role.wireName();
            TestPeople.invite(http, adminToken, ownId, role.wireName(), role == Role.DELEGATE ? "City of Graz" : null,
                    username, "password-of-" + username, "Own " + role.wireName());
            tokens.put(role, TestPeople.signIn(http, username, "password-of-" + username));
        }
        own = meeting(ownId, drafter);
        openNegotiation(own);

        String foreignId = TestPeople.withToken(http, adminToken, () -> HttpTestClient.json(
                http.postJson("/api/meetings", "{\"name\":\"Another conference\"}")).get("id").asText());
        TestPeople.invite(http, adminToken, foreignId, "rapporteur", null, "foreign-drafter",
                "password-of-foreign-drafter", "Foreign drafter");
        foreign = meeting(foreignId, TestPeople.signIn(http, "foreign-drafter", "password-of-foreign-drafter"));

        String elsewhere = TestPeople.withToken(http, adminToken, () -> HttpTestClient.json(
                http.postJson("/api/meetings", "{\"name\":\"A third conference\"}")).get("id").asText());
        outsiderId = TestPeople.invite(http, adminToken, elsewhere, "observer", null, "outsider", "password-of-outsider",
                "Outsider");
    }

    /** A document and a member to manage, made by a drafter of the meeting. */
    private static Meeting meeting(String meetingId, String drafterToken) {
        JsonNode document = TestPeople.withToken(http, drafterToken, () -> HttpTestClient.json(http.post(
                "/api/documents?meeting=" + meetingId, HttpTestClient.MARKDOWN,
                "# Draft\n\n1. *Calls upon* everyone;\n".getBytes(StandardCharsets.UTF_8))));
        String target = TestPeople.invite(http, adminToken, meetingId, "observer", null, "target-" + meetingId,
                "password-of-target", "Target");
        JsonNode adoptable = TestPeople.withToken(http, drafterToken, () -> HttpTestClient.json(http.post(
                "/api/documents?meeting=" + meetingId, HttpTestClient.MARKDOWN,
                "# To adopt\n\n1. *Adopts* it;\n".getBytes(StandardCharsets.UTF_8))));
        String invitation = TestPeople.withToken(http, adminToken, () -> HttpTestClient.json(ok(http.postJson(
                "/api/meetings/" + meetingId + "/invitations", "{\"role\":\"observer\"}"))).get("id").asText());
        return new Meeting(meetingId, document.get("id").asText(), target,
                document.get("clauses").get(0).get("id").asText(), adoptable.get("id").asText(), invitation);
    }

    /**
     * The own meeting in mid-negotiation: tabling and voting open, amendments tabled for the
     * decisions and the straw poll, a vote taking its presence register, silence running.
     */
    private static void openNegotiation(Meeting m) {
        String doc = "/api/documents/" + m.documentId();
        String chair = tokens.get(Role.CHAIR);
        String delegate = tokens.get(Role.DELEGATE);
        TestPeople.withToken(http, chair, () -> {
            ok(http.putJson(doc + "/phases/tabling", "{\"open\":true}"));
            return ok(http.putJson(doc + "/phases/voting", "{\"open\":true}"));
        });
        TestPeople.withToken(http, delegate, () -> {
            for (int i = 0; i < 4; i++) {
                tabled.add(HttpTestClient.json(ok(http.postJson(doc + "/amendments", "{\"clauseId\":\"" + m.clauseId()
                        + "\",\"text\":\"*Calls upon* everyone " + i + ";\",\"table\":true}"))).get("id").asText());
            }
            return null;
        });
        tabledForPolls = tabled.removeLast();
        TestPeople.withToken(http, chair, () -> {
            voteId = HttpTestClient.json(ok(http.postJson(doc + "/votes",
                    "{\"subject\":\"document\",\"question\":\"Adopt?\"}"))).get("id").asText();
            return ok(http.postJson(doc + "/silence", "{\"deadline\":\"" + java.time.Instant.now().plusSeconds(3600)
                    + "\"}"));
        });
    }

    private static HttpResponse<String> ok(HttpResponse<String> response) {
        assertTrue(response.statusCode() < 300, response.statusCode() + " " + response.body());
        return response;
    }

    @AfterAll
    static void tearDown() throws Exception {
        server.close();
    }

    // ---- REST -------------------------------------------------------------------------------

    @Test
    void restMatrix() {
        List<String> wrong = new ArrayList<>();
        for (Action action : Action.values()) {
            PermissionPolicy.Row row = PermissionPolicyTest.expected().get(action);
            int success = successStatus(action);
            for (Role role : Role.values()) {
                int ownExpected = row.roles().contains(role) ? success : 403;
                int foreignExpected = action == Action.CREATE_MEETING ? 403 : 404;
                check(wrong, role + " × " + action + " × own", ownExpected, rest(action, own, tokens.get(role)));
                check(wrong, role + " × " + action + " × foreign", foreignExpected,
                        rest(action, foreign, tokens.get(role)));
            }
            int admin = row.admin() ? success : 403;
            check(wrong, "admin × " + action + " × any", admin, rest(action, foreign, adminToken));
            check(wrong, "anonymous × " + action, 401, rest(action, own, null));
        }
        assertEquals(List.of(), wrong);
    }

    private static void check(List<String> wrong, String cell, int expected, HttpResponse<String> response) {
        if (response.statusCode() != expected) {
            wrong.add(cell + ": expected " + expected + ", got " + response.statusCode() + " " + response.body());
        } else if (expected >= 400) {
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                    cell);
        }
    }

    private static int successStatus(Action action) {
        return switch (action) {
            case CREATE_DOCUMENT, INVITE_MEMBER, CREATE_MEETING, TABLE_AMENDMENT, COMMENT -> 201;
            case EDIT_TEXT -> 101; // over the socket only: see liveMatrix
            case READ, EXPORT, LIST_MEMBERS, LIST_INVITATIONS, REVOKE_INVITATION, MANAGE_MEMBERS, ADD_MEMBER,
                 INDICATIVE_VOTE, DECIDE_AMENDMENT, SET_CLAUSE_STATUS, RUN_PROCEDURE, CAST_BALLOT, BREAK_SILENCE, ADOPT,
                 READ_AUDIT -> 200;
        };
    }

    /** The one request that performs {@code action} in a meeting. */
    private static HttpResponse<String> rest(Action action, Meeting m, String token) {
        return TestPeople.withToken(http, token, () -> switch (action) {
            case READ -> http.get("/api/documents/" + m.documentId());
            case EXPORT -> http.get("/api/documents/" + m.documentId() + "/export?format=md");
            case CREATE_DOCUMENT -> http.post("/api/documents?meeting=" + m.id(), HttpTestClient.MARKDOWN,
                    "# New\n\n1. *Notes* it;\n".getBytes(StandardCharsets.UTF_8));
            case EDIT_TEXT -> liveEditAsHttp(m, token);
            case LIST_MEMBERS -> http.get("/api/meetings/" + m.id() + "/members");
            case INVITE_MEMBER -> http.postJson("/api/meetings/" + m.id() + "/invitations", "{\"role\":\"observer\"}");
            case LIST_INVITATIONS -> http.get("/api/meetings/" + m.id() + "/invitations");
            case REVOKE_INVITATION -> http.delete("/api/meetings/" + m.id() + "/invitations/" + m.invitationId());
            case MANAGE_MEMBERS -> http.putJson("/api/meetings/" + m.id() + "/members/" + m.targetUserId(),
                    "{\"role\":\"observer\"}");
            case ADD_MEMBER -> http.putJson("/api/meetings/" + m.id() + "/members/" + outsiderId,
                    "{\"role\":\"observer\"}");
            case CREATE_MEETING -> http.postJson("/api/meetings", "{\"name\":\"One more\"}");
            case TABLE_AMENDMENT -> http.postJson(doc(m) + "/amendments", "{\"clauseId\":\"" + m.clauseId()
                    + "\",\"text\":\"*Calls upon* all;\"}");
            case COMMENT -> http.postJson(doc(m) + "/comments", "{\"targetId\":\"" + m.clauseId()
                    + "\",\"stance\":\"support\",\"body\":\"Agreed.\"}");
            case INDICATIVE_VOTE -> http.postJson(doc(m) + "/amendments/" + pollTarget(m) + "/indicative",
                    "{\"position\":\"support\"}");
            // Refused calls change nothing, so only an allowed one uses up an amendment; peek, then take.
            case DECIDE_AMENDMENT -> taking(http.postJson(doc(m) + "/amendments/" + decisionTarget(m) + "/reject",
                    "{\"reason\":\"Out of scope.\"}"));
            case SET_CLAUSE_STATUS -> flipping(http.putJson(doc(m) + "/clauses/" + m.clauseId() + "/status",
                    "{\"status\":\"" + (statusFlips % 2 == 0 ? "agreed" : "bracketed") + "\"}"));
            case RUN_PROCEDURE -> http.putJson(doc(m) + "/phases/comments", "{\"open\":true}");
            case CAST_BALLOT -> http.postJson(doc(m) + "/votes/" + (m == own ? voteId : "V-none") + "/presence", "{}");
            case BREAK_SILENCE -> http.postJson(doc(m) + "/silence/breaks", "{\"clauseId\":\"" + m.clauseId()
                    + "\",\"reason\":\"Needs more work.\"}");
            case ADOPT -> http.postJson("/api/documents/" + m.adoptableId() + "/adopt", "{}");
            case READ_AUDIT -> http.get(doc(m) + "/audit");
        });
    }

    private static String doc(Meeting m) {
        return "/api/documents/" + m.documentId();
    }

    private static String pollTarget(Meeting m) {
        return m == own ? tabledForPolls : "A-none";
    }

    private static String decisionTarget(Meeting m) {
        return m == own && !tabled.isEmpty() ? tabled.peek() : "A-none";
    }

    private static HttpResponse<String> taking(HttpResponse<String> response) {
        if (response.statusCode() == 200) {
            tabled.remove();
        }
        return response;
    }

    private static HttpResponse<String> flipping(HttpResponse<String> response) {
        if (response.statusCode() == 200) {
            statusFlips++;
        }
        return response;
    }

    /**
     * Live editing has no REST route; its cell is the socket's answer, read as a status: 101 for an
     * applied edit, 403 for a "forbidden" error, the refused upgrade's status otherwise.
     */
    private static HttpResponse<String> liveEditAsHttp(Meeting m, String token) {
        int status;
        try {
            status = liveEdit(m, token);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return new StatusOnly(status);
    }

    // ---- live socket ------------------------------------------------------------------------

    @Test
    void liveMatrix() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Role role : Role.values()) {
            int join = join(own, tokens.get(role));
            if (join != 200) {
                wrong.add(role + " × join × own: " + join);
            }
            int joinForeign = join(foreign, tokens.get(role));
            if (joinForeign != 404) {
                wrong.add(role + " × join × foreign: " + joinForeign);
            }
            boolean mayEdit = PermissionPolicyTest.expected().get(Action.EDIT_TEXT).roles().contains(role);
            int edit = liveEdit(own, tokens.get(role));
            if (edit != (mayEdit ? 101 : 403)) {
                wrong.add(role + " × edit × own: " + edit);
            }
        }
        assertEquals(200, join(foreign, adminToken), "an admin may follow any meeting");
        assertEquals(403, liveEdit(foreign, adminToken), "an admin who is not a member may not edit");
        assertEquals(401, join(own, null), "no session, no socket");
        assertEquals(List.of(), wrong);
    }

    private static URI live(Meeting m) {
        return URI.create("ws://127.0.0.1:" + server.port() + "/api/documents/" + m.documentId() + "/live");
    }

    /** 200 when the socket joins, else the refused upgrade's status. */
    private static int join(Meeting m, String token) throws Exception {
        Object opened = SocketProbe.open(ws, live(m), token);
        if (opened instanceof Integer status) {
            return status;
        }
        try (SocketProbe probe = (SocketProbe) opened) {
            probe.send("{\"type\":\"join\",\"clientId\":\"matrix\",\"since\":-1}");
            probe.await(0, message -> SocketProbe.type(message, "joined"));
            return 200;
        }
    }

    /** 101 when an edit is applied, 403 when refused as forbidden, or the refused upgrade's status. */
    private static int liveEdit(Meeting m, String token) throws Exception {
        Object opened = SocketProbe.open(ws, live(m), token);
        if (opened instanceof Integer status) {
            return status;
        }
        try (SocketProbe probe = (SocketProbe) opened) {
            String clientId = "edit" + System.nanoTime();
            probe.send("{\"type\":\"join\",\"clientId\":\"" + clientId + "\",\"since\":-1}");
            JsonNode joined = probe.await(0, message -> SocketProbe.type(message, "joined"));
            long version = 0;
            for (JsonNode clause : joined.get("document").get("clauses")) {
                if (clause.get("id").asText().equals(m.clauseId())) {
                    version = clause.get("version").asLong();
                }
            }
            int mark = probe.mark();
            probe.send("{\"type\":\"submit\",\"seq\":1,\"change\":{\"type\":\"text\",\"clauseId\":\"" + m.clauseId()
                    + "\",\"version\":" + version + ",\"op\":[\"x\"]}}");
            JsonNode answer = probe.await(mark, message -> SocketProbe.type(message, "error")
                    || SocketProbe.type(message, "ops") && message.get("ops").toString().contains(clientId));
            if (SocketProbe.type(answer, "error")) {
                return "forbidden".equals(answer.get("code").asText()) ? 403 : 500;
            }
            return 101;
        }
    }
}
