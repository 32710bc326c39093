package plenary.security;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static plenary.security.MeetingRig.expect;
import static plenary.security.MeetingRig.name;
import static plenary.security.MeetingRig.problem;

/**
 * A chair invites; only an admin adds an existing account directly. The attack: a chair put any
 * account of the installation (another meeting's delegate, the admin) into his meeting by id with
 * {@code PUT /api/meetings/{id}/members/{userId}}. Now a chair changes members only, and every other
 * id, of an account or of none, gets the same 403, so no account can be found or pulled in by id.
 */
@Tag("integration")
class DirectMembershipTest {
    @TempDir
    static Path dir;

    private static MeetingRig rig;
    private static String meetingId;
    private static MeetingRig.Member chair;
    private static MeetingRig.Member stranger;
    private static String adminId;

    @BeforeAll
    static void start() throws Exception {
        rig = MeetingRig.start(dir, "--no-samples");
        meetingId = rig.createMeeting("The chair's meeting");
        chair = rig.member(rig.admin, meetingId, "chair", null, name("chair"));
        String elsewhere = rig.createMeeting("Another meeting");
        stranger = rig.member(rig.admin, elsewhere, "delegate", "City of Graz", name("graz"));
        adminId = expect(200, rig.call(rig.admin, "GET", "/api/session", null)).get("id").asText();
    }

    @AfterAll
    static void stop() throws Exception {
        rig.close();
    }

    @Test
    void aChairCannotPutAnotherMeetingsUserOrTheAdminIntoHisMeeting() {
        Map<String, JsonNode> before = rig.members(meetingId);
        JsonNode first = null;
        for (String userId : List.of(stranger.userId(), adminId, "no-such-user")) {
            for (String role : List.of("observer", "chair")) {
                JsonNode refused = problem(403, "/problems/forbidden",
                        rig.setRole(chair.token(), meetingId, userId, role, null));
                if (first == null) {
                    first = refused;
                }
                // An account and no account are answered alike: the id tells the chair nothing.
                assertEquals(first.path("title"), refused.path("title"));
                assertEquals(first.path("detail").asText().replace(stranger.userId(), "ID"),
                        refused.path("detail").asText().replace(userId, "ID"));
            }
        }
        assertEquals(before.keySet(), rig.members(meetingId).keySet(), "nobody was added");
        problem(404, "/problems/not-found", rig.call(stranger.token(), "GET", "/api/meetings/" + meetingId, null));
        JsonNode adminMeetings = expect(200, rig.call(rig.admin, "GET", "/api/meetings", null)).get("meetings");
        for (JsonNode m : adminMeetings) {
            if (m.get("id").asText().equals(meetingId)) {
                assertEquals(null, m.get("role").textValue(), "the admin holds no role in the chair's meeting");
            }
        }
    }

    @Test
    void aRemovedMemberComesBackOnlyThroughAnInvitation() {
        MeetingRig.Member delegate = rig.member(chair.token(), meetingId, "delegate", "UCLG", name("uclg"));
        expect(200, rig.remove(chair.token(), meetingId, delegate.userId()));
        problem(403, "/problems/forbidden", rig.setRole(chair.token(), meetingId, delegate.userId(), "delegate", "UCLG"));
        assertFalse(rig.members(meetingId).containsKey(delegate.username()));
        String link = rig.invite(chair.token(), meetingId, "delegate", "UCLG", null).get("token").asText();
        expect(200, rig.acceptSignedIn(link, delegate.token()));
        assertEquals("delegate", rig.members(meetingId).get(delegate.username()).path("role").asText());
    }

    @Test
    void aChairStillChangesTheRolesOfMembers() {
        MeetingRig.Member rapporteur = rig.member(chair.token(), meetingId, "rapporteur", null, name("rap"));
        JsonNode changed = expect(200, rig.setRole(chair.token(), meetingId, rapporteur.userId(), "delegate", "Gwangju"));
        assertEquals("delegate", changed.path("role").asText());
        assertEquals("Gwangju", changed.path("delegation").asText());
    }

    @Test
    void theAdminAddsAnExistingAccountDirectly() {
        MeetingRig.Member outsider = rig.member(rig.admin, rig.createMeeting("Third " + name("m")), "observer", null,
                name("outsider"));
        JsonNode added = expect(200, rig.setRole(rig.admin, meetingId, outsider.userId(), "rapporteur", null));
        assertEquals(outsider.userId(), added.path("userId").asText());
        assertEquals("rapporteur", rig.members(meetingId).get(outsider.username()).path("role").asText());
        expect(200, rig.call(outsider.token(), "GET", "/api/meetings/" + meetingId, null));
        problem(404, "/problems/not-found", rig.setRole(rig.admin, meetingId, "no-such-user", "observer", null));
    }
}
