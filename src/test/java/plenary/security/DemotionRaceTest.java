package plenary.security;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static plenary.security.MeetingRig.expect;
import static plenary.security.MeetingRig.name;

/**
 * After a demotion's or a removal's 200, no edit from the old role is applied. The attack: a
 * rapporteur's socket kept its role from the upgrade, and revocation was an asynchronous close, so
 * once in eight tries an edit sent after the demotion's 200 was still applied. Here the race is run
 * {@value #ROUNDS} times, each as tight as a client can make it: the moment the 200 arrives, the old
 * socket sends three edits. Every round first proves the socket edits, so no refusal is vacuous;
 * at the end one more edit, through the same sequencer, shows that everything sent before it has
 * been dealt with, and the text must hold every proving edit and no late one.
 */
@Tag("integration")
class DemotionRaceTest {
    private static final int ROUNDS = 40;
    private static final int LATE_EDITS = 3;
    private static final int SIGN_OUT_ROUNDS = 10;

    @TempDir
    static Path dir;

    private static MeetingRig rig;
    private static String meetingId;
    private static MeetingRig.Member chair;
    private static MeetingRig.Member rapporteur;
    private static String documentId;
    private static String clauseId;

    @BeforeAll
    static void start() throws Exception {
        rig = MeetingRig.start(dir, "--no-samples");
        meetingId = rig.createMeeting("Demotion race");
        chair = rig.member(rig.admin, meetingId, "chair", null, name("chair"));
        rapporteur = rig.member(chair.token(), meetingId, "rapporteur", null, name("rapporteur"));
        JsonNode document = rig.createDocument(chair.token(), meetingId, "# Race\n\n1. *Calls upon* everyone;\n");
        documentId = document.get("id").asText();
        clauseId = document.get("clauses").get(0).get("id").asText();
    }

    @AfterAll
    static void stop() throws Exception {
        rig.close();
    }

    @Test
    void noEditSentAfterADemotionOrRemovalIsAppliedInAnyRound() throws Exception {
        List<String> applied = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            boolean removal = round % 2 == 1;
            String clientId = "race-" + round;
            try (MemberSocket socket = MemberSocket.joined(rig.client(), rig.live(documentId), rapporteur.token(), clientId)) {
                long version = version(socket);
                int mark = socket.mark();
                socket.send(edit(clientId, 1, version, "ok-" + round + " "));
                socket.await(mark, m -> MemberSocket.commitOf(m, clientId) || MemberSocket.is(m, "error"),
                        "the proving edit of round " + round);
                assertTrue(socket.since(mark).stream().anyMatch(m -> MemberSocket.commitOf(m, clientId)),
                        "round " + round + ": the rapporteur's socket edits before the demotion: " + socket.since(mark));

                int late = socket.mark();
                HttpResponse<String> demoted = removal
                        ? rig.remove(chair.token(), meetingId, rapporteur.userId())
                        : rig.setRole(chair.token(), meetingId, rapporteur.userId(), "observer", null);
                assertEquals(200, demoted.statusCode(), demoted::body);
                // The 200 is in: the old socket edits at once, before reading anything.
                for (int seq = 2; seq < 2 + LATE_EDITS; seq++) {
                    try {
                        socket.send(edit(clientId, seq, version, "late-" + round + "-" + seq + " "));
                    } catch (CompletionException closed) {
                        break; // the server has closed the socket: nothing more can be sent
                    }
                }
                JsonNode answer = socket.awaitOrClose(late, m -> MemberSocket.is(m, "error") && m.path("seq").asInt() == 2
                        || MemberSocket.commitOf(m, clientId));
                if (answer != null && !MemberSocket.is(answer, "error")) {
                    applied.add("round " + round + (removal ? " (removal)" : " (demotion)") + ": " + answer);
                } else if (answer != null) {
                    assertEquals("forbidden", answer.path("code").asText(), answer.toString());
                }
                assertEquals(4001, socket.awaitClose(), "round " + round + ": the old socket is closed for access changed");
                assertTrue(socket.since(late).stream().noneMatch(m -> MemberSocket.commitOf(m, clientId)),
                        "round " + round + ": a late edit was committed: " + socket.since(late));
            }
            expect(200, rig.setRole(rig.admin, meetingId, rapporteur.userId(), "rapporteur", null));
        }

        // One more edit through the same sequencer: whatever was passed to it before has been dealt with.
        try (MemberSocket socket = MemberSocket.joined(rig.client(), rig.live(documentId), rapporteur.token(), "final")) {
            int mark = socket.mark();
            socket.send(edit("final", 1, version(socket), "final "));
            socket.await(mark, m -> MemberSocket.commitOf(m, "final"), "the final edit");
        }
        String text = expect(200, rig.call(chair.token(), "GET", "/api/documents/" + documentId, null))
                .get("clauses").get(0).get("text").asText();
        assertEquals(List.of(), applied, "edits applied after the 200");
        assertTrue(!text.contains("late-"), "a late edit is in the text: " + text);
        for (int round = 0; round < ROUNDS; round++) {
            assertTrue(text.contains("ok-" + round + " "), "round " + round + "'s proving edit is missing: " + text);
        }
        JsonNode history = expect(200, rig.call(chair.token(), "GET", "/api/documents/" + documentId
                + "/history?limit=500", null)).get("revisions");
        long byRapporteur = 0;
        for (JsonNode revision : history) {
            if (("Display " + rapporteur.username()).equals(revision.path("author").asText())) {
                byRapporteur++;
            }
        }
        assertEquals(ROUNDS + 1, byRapporteur, "the rapporteur's commits: one per round, and the final one");
    }

    /**
     * The same race for a session that ends: sign-out, sign-out everywhere and a password change
     * (review of issue 15). After the 204, the old session's socket carries out nothing.
     */
    @Test
    void noEditSentAfterASignOutIsAppliedInAnyRound() throws Exception {
        // A rapporteur of its own: signing out everywhere must not end the other test's sessions.
        MeetingRig.Member writer = rig.member(chair.token(), meetingId, "rapporteur", null, name("writer"));
        List<String> applied = new ArrayList<>();
        for (int round = 0; round < SIGN_OUT_ROUNDS; round++) {
            String token = rig.signIn(writer.username(), writer.password());
            String clientId = "signed-out-" + round;
            try (MemberSocket socket = MemberSocket.joined(rig.client(), rig.live(documentId), token, clientId)) {
                long version = version(socket);
                int mark = socket.mark();
                socket.send(edit(clientId, 1, version, "in-" + round + " "));
                socket.await(mark, m -> MemberSocket.commitOf(m, clientId), "the proving edit of round " + round);

                int late = socket.mark();
                HttpResponse<String> ended = round % 2 == 0
                        ? rig.call(token, "DELETE", "/api/session", null)
                        : rig.call(token, "DELETE", "/api/sessions", null);
                assertEquals(204, ended.statusCode(), ended::body);
                for (int seq = 2; seq < 2 + LATE_EDITS; seq++) {
                    try {
                        socket.send(edit(clientId, seq, version, "out-" + round + "-" + seq + " "));
                    } catch (CompletionException closed) {
                        break;
                    }
                }
                JsonNode answer = socket.awaitOrClose(late, m -> MemberSocket.is(m, "error") && m.path("seq").asInt() == 2
                        || MemberSocket.commitOf(m, clientId));
                if (answer != null && !MemberSocket.is(answer, "error")) {
                    applied.add("round " + round + ": " + answer);
                } else if (answer != null) {
                    assertEquals("unauthenticated", answer.path("code").asText(), answer.toString());
                }
                assertEquals(4001, socket.awaitClose(), "round " + round + ": the old session's socket is closed");
            }
        }
        assertEquals(List.of(), applied, "edits applied after the sign-out's 204");
        String text = expect(200, rig.call(chair.token(), "GET", "/api/documents/" + documentId, null))
                .get("clauses").get(0).get("text").asText();
        assertTrue(!text.contains("out-"), "a late edit is in the text: " + text);
    }

    private static long version(MemberSocket socket) throws InterruptedException {
        JsonNode joined = socket.await(0, m -> MemberSocket.is(m, "joined"), "joined");
        for (JsonNode clause : joined.path("document").path("clauses")) {
            if (clause.path("id").asText().equals(clauseId)) {
                return clause.path("version").asLong();
            }
        }
        throw new AssertionError("no clause " + clauseId + " in " + joined);
    }

    private static String edit(String clientId, int seq, long version, String inserted) {
        return MeetingRig.object().put("type", "submit").put("seq", seq).set("change", MeetingRig.object()
                .put("type", "text").put("clauseId", clauseId).put("version", version)
                .set("op", MemberSocket.JSON.createArrayNode().add(inserted))).toString();
    }
}
