package plenary.people;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static plenary.people.AuthServer.assertProblem;
import static plenary.people.AuthServer.json;

/**
 * Access ends at once on open live sockets: a removed member, a member whose role changed and a
 * session that signed out are closed with 4001; everyone else stays connected.
 */
@Tag("integration")
class RevocationTest {
    private static final int ACCESS_CHANGED = 4001;
    private static final long CLOSE_WAIT_MILLIS = 10_000;
    private static final AtomicInteger NAMES = new AtomicInteger();

    @TempDir
    static Path dir;

    private static AuthServer server;
    private static String admin;
    private static String meetingId;
    private static String documentId;
    private static AuthServer.Member chair;
    private static URI live;

    @BeforeAll
    static void start() throws Exception {
        server = AuthServer.start(dir); // with the samples: a meeting with documents
        admin = server.adminToken();
        meetingId = server.firstMeeting(admin);
        documentId = server.firstDocument(admin, meetingId);
        live = server.liveUri(documentId);
        chair = server.member(admin, meetingId, "chair", null, "revoking-chair");
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static String name(String prefix) {
        return prefix + "-" + NAMES.incrementAndGet();
    }

    private static LiveWatcher join(String token) throws Exception {
        return LiveWatcher.joined(server.client(), live, token, name("c"));
    }

    private static void assertClosedForAccess(LiveWatcher socket, String what) throws InterruptedException {
        Integer code = socket.awaitClose(CLOSE_WAIT_MILLIS);
        assertEquals(Integer.valueOf(ACCESS_CHANGED), code, what + ": expected close code 4001 within "
                + CLOSE_WAIT_MILLIS + " ms, got " + (code == null ? "no close" : code + " " + socket.closeReason()));
    }

    @Test
    void aRemovedDelegateIsDisconnectedAndTheDocumentIsGoneForThem() throws Exception {
        AuthServer.Member delegate = server.member(chair.token(), meetingId, "delegate", "City of Graz", name("graz"));
        AuthServer.Member bystander = server.member(chair.token(), meetingId, "delegate", "UCLG", name("uclg"));
        assertEquals(200, server.bearer("GET", "/api/documents/" + documentId, delegate.token(), null).statusCode());
        try (LiveWatcher socket = join(delegate.token()); LiveWatcher other = join(bystander.token())) {
            HttpResponse<String> removed = server.bearer("DELETE",
                    "/api/meetings/" + meetingId + "/members/" + delegate.userId(), chair.token(), null);
            assertEquals(200, removed.statusCode(), removed.body());

            assertClosedForAccess(socket, "the removed delegate's socket");
            other.assertAlive("another delegate of the meeting");
        }
        assertProblem(server.bearer("GET", "/api/documents/" + documentId, delegate.token(), null), 404,
                "/problems/not-found");
        assertProblem(server.bearer("GET", "/api/documents/" + documentId + "/export", delegate.token(), null), 404,
                "/problems/not-found");
        assertProblem(server.bearer("GET", "/api/meetings/" + meetingId, delegate.token(), null), 404,
                "/problems/not-found");
        assertEquals(404, LiveWatcher.refusedStatus(server.client(), live, delegate.token()),
                "the live socket cannot be reopened");
        JsonNode documents = json(server.bearer("GET", "/api/documents", delegate.token(), null)).path("documents");
        assertEquals(0, documents.size(), "no documents listed after removal: " + documents);
        assertEquals(200, server.bearer("GET", "/api/session", delegate.token(), null).statusCode(),
                "the account itself is still signed in");
    }

    @Test
    void aRemovedRapporteurIsDisconnected() throws Exception {
        AuthServer.Member rapporteur = server.member(chair.token(), meetingId, "rapporteur", null, name("rap"));
        try (LiveWatcher socket = join(rapporteur.token())) {
            assertEquals(200, server.bearer("DELETE", "/api/meetings/" + meetingId + "/members/" + rapporteur.userId(),
                    chair.token(), null).statusCode());
            assertClosedForAccess(socket, "the removed rapporteur's socket");
        }
        assertProblem(server.bearer("GET", "/api/documents/" + documentId, rapporteur.token(), null), 404,
                "/problems/not-found");
    }

    @Test
    void aChangedRoleDisconnectsAndTheNewRoleAppliesOnReconnecting() throws Exception {
        AuthServer.Member rapporteur = server.member(chair.token(), meetingId, "rapporteur", null, name("rap"));
        AuthServer.Member bystander = server.member(chair.token(), meetingId, "observer", null, name("obs"));
        try (LiveWatcher socket = join(rapporteur.token()); LiveWatcher other = join(bystander.token())) {
            HttpResponse<String> changed = server.bearer("PUT",
                    "/api/meetings/" + meetingId + "/members/" + rapporteur.userId(), chair.token(),
                    "{\"role\":\"observer\"}");
            assertEquals(200, changed.statusCode(), changed.body());
            assertEquals("observer", json(changed).path("role").asText());

            assertClosedForAccess(socket, "the demoted rapporteur's socket");
            other.assertAlive("an observer whose role did not change");
        }
        try (LiveWatcher again = join(rapporteur.token())) {
            int mark = again.mark();
            again.send("{\"type\":\"submit\",\"seq\":0,\"change\":{}}");
            JsonNode answer = again.await(mark, m -> LiveWatcher.type(m, "error"), "error");
            assertEquals("forbidden", answer.path("code").asText(), answer.toString());
        }
        assertEquals(200, server.bearer("GET", "/api/documents/" + documentId, rapporteur.token(), null).statusCode(),
                "an observer still reads the document");
    }

    @Test
    void aDelegateGivenAnotherDelegationIsDisconnected() throws Exception {
        AuthServer.Member delegate = server.member(chair.token(), meetingId, "delegate", "City of Graz", name("graz"));
        try (LiveWatcher socket = join(delegate.token())) {
            HttpResponse<String> changed = server.bearer("PUT",
                    "/api/meetings/" + meetingId + "/members/" + delegate.userId(), admin,
                    "{\"role\":\"delegate\",\"delegation\":\"Gwangju Metropolitan City\"}");
            assertEquals(200, changed.statusCode(), changed.body());
            assertClosedForAccess(socket, "the delegate's socket, after the admin changed the membership");
        }
    }

    @Test
    void signingOutClosesThatSessionsSocketsAndNoOtherSessions() throws Exception {
        AuthServer.Member delegate = server.member(chair.token(), meetingId, "delegate", "UCLG", name("uclg"));
        String laptop = delegate.token();
        String phone = server.token(delegate.username(), delegate.password());
        try (LiveWatcher first = join(laptop); LiveWatcher second = join(laptop); LiveWatcher kept = join(phone)) {
            HttpResponse<String> out = server.bearer("DELETE", "/api/session", laptop, null);
            assertEquals(204, out.statusCode(), out.body());

            assertClosedForAccess(first, "a socket of the signed-out session");
            assertClosedForAccess(second, "another socket of the signed-out session");
            kept.assertAlive("the same person's other session");
            Thread.sleep(300);
            assertNull(kept.closeCode(), "the other session's socket stays open");
        }
        assertProblem(server.bearer("GET", "/api/documents/" + documentId, laptop, null), 401,
                "/problems/unauthenticated");
        assertEquals(200, server.bearer("GET", "/api/documents/" + documentId, phone, null).statusCode());
        assertEquals(401, LiveWatcher.refusedStatus(server.client(), live, laptop));
    }

    /**
     * Signing in again from a browser ends the session it came with (session-id rotation); that
     * session's sockets must end with it, as they do on sign-out.
     */
    @Test
    void aSessionEndedBySigningInAgainClosesItsSockets() throws Exception {
        AuthServer.Member rapporteur = server.member(chair.token(), meetingId, "rapporteur", null, name("rap"));
        String old = rapporteur.token();
        try (LiveWatcher socket = join(old)) {
            HttpResponse<String> again = server.send("POST", "/api/session",
                    AuthServer.signInBody(rapporteur.username(), rapporteur.password()), "Authorization", "Bearer " + old);
            assertEquals(200, again.statusCode(), again.body());
            assertProblem(server.bearer("GET", "/api/documents/" + documentId, old, null), 401,
                    "/problems/unauthenticated");
            assertClosedForAccess(socket, "a socket of the session that signing in again ended");
        }
    }

    /**
     * Accepting an invitation while signed in replaces one's role in that meeting: the sockets
     * opened with the old role must end, as they do when the chair changes the role.
     */
    @Test
    void acceptingAnInvitationThatChangesOnesRoleClosesTheOldSockets() throws Exception {
        AuthServer.Member rapporteur = server.member(chair.token(), meetingId, "rapporteur", null, name("rap"));
        String invitation = server.invite(chair.token(), meetingId, "observer", null, null).get("token").asText();
        try (LiveWatcher socket = join(rapporteur.token())) {
            HttpResponse<String> accepted = server.bearer("POST", "/api/invitations/" + invitation + "/accept",
                    rapporteur.token(), "{}");
            assertEquals(200, accepted.statusCode(), accepted.body());
            assertEquals("observer", server.members(admin, meetingId).get(rapporteur.username()).path("role").asText());
            Integer code = socket.awaitClose(CLOSE_WAIT_MILLIS);
            if (code == null) {
                // Still open: show what the stale role allows.
                int mark = socket.mark();
                socket.send("{\"type\":\"submit\",\"seq\":0,\"change\":{}}");
                JsonNode answer = socket.await(mark, m -> LiveWatcher.type(m, "error"), "error");
                throw new AssertionError("the socket opened as rapporteur stayed open " + CLOSE_WAIT_MILLIS
                        + " ms after the account became an observer by accepting an invitation; a submit on it"
                        + " now answers " + answer + " (an observer's socket answers code forbidden)");
            }
            assertEquals(ACCESS_CHANGED, code.intValue(), socket.closeReason());
        }
    }
}
