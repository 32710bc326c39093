package plenary.security;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static plenary.security.MeetingRig.expect;
import static plenary.security.MeetingRig.name;
import static plenary.security.MeetingRig.problem;

/**
 * Old invitations cannot bring back a demoted or removed chair. The attack: a chair made two 30-day
 * chair invitations; the admin demoted him, he accepted one and was chair again; the admin removed
 * him, and the other made him a member again. Now a demotion or removal revokes the invitations that
 * person made, acceptance checks the inviter's current role, and invitations are listed (without
 * their links) and revoked by the chair and the admin.
 */
@Tag("integration")
class StaleInvitationTest {
    private static final String GONE = "/problems/invitation-unavailable";
    private static final double THIRTY_DAYS = 720.0;

    @TempDir
    static Path dir;

    private static MeetingRig rig;
    private static String meetingId;

    @BeforeAll
    static void start() throws Exception {
        rig = MeetingRig.start(dir, "--no-samples");
        meetingId = rig.createMeeting("Stale invitations");
    }

    @AfterAll
    static void stop() throws Exception {
        rig.close();
    }

    @Test
    void aDemotedChairsOwnInvitationsNoLongerMakeHimChairAndRemovalVoidsTheRest() {
        MeetingRig.Member chair = rig.member(rig.admin, meetingId, "chair", null, name("chair"));
        String first = rig.invite(chair.token(), meetingId, "chair", null, THIRTY_DAYS).get("token").asText();
        String second = rig.invite(chair.token(), meetingId, "chair", null, THIRTY_DAYS).get("token").asText();
        String forSomeoneElse = rig.invite(chair.token(), meetingId, "delegate", "City of Graz", THIRTY_DAYS)
                .get("token").asText();
        assertEquals(200, rig.call(null, "GET", "/api/invitations/" + first, null).statusCode(),
                "the links work while he is chair");

        // The admin demotes him: the answer says how many of his invitations went with it.
        JsonNode demoted = expect(200, rig.setRole(rig.admin, meetingId, chair.userId(), "delegate", "UCLG"));
        assertEquals("delegate", demoted.path("role").asText());
        assertEquals(3, demoted.path("invitationsRevoked").asInt(), demoted.toString());

        // The attack: he accepts his own chair invitation, signed in as himself.
        problem(410, GONE, rig.acceptSignedIn(first, chair.token()));
        assertEquals("delegate", rig.members(meetingId).get(chair.username()).path("role").asText(),
                "still a delegate after trying his old chair invitation");
        problem(410, GONE, rig.call(null, "GET", "/api/invitations/" + first, null));
        problem(410, GONE, rig.call(null, "GET", "/api/invitations/" + forSomeoneElse, null));
        String newcomer = name("newcomer");
        problem(410, GONE, rig.acceptAsNew(forSomeoneElse, newcomer, "newcomer-password-1"));
        assertFalse(rig.members(meetingId).containsKey(newcomer));

        // The admin removes him; the second chair invitation does not bring him back either.
        expect(200, rig.remove(rig.admin, meetingId, chair.userId()));
        problem(410, GONE, rig.acceptSignedIn(second, chair.token()));
        assertFalse(rig.members(meetingId).containsKey(chair.username()), "removed, and stays removed");
        problem(404, "/problems/not-found", rig.call(chair.token(), "GET", "/api/meetings/" + meetingId, null));
        for (String token : List.of(first, second, forSomeoneElse)) {
            problem(410, GONE, rig.call(null, "GET", "/api/invitations/" + token, null));
        }
        assertTrue(rig.pending(rig.admin, meetingId).values().stream()
                        .noneMatch(i -> chair.userId().equals(i.path("createdBy").path("userId").asText())),
                "none of his invitations is pending: " + rig.pending(rig.admin, meetingId));
    }

    @Test
    void aRemovedChairsInvitationsAreVoidAndAnotherChairsStayValid() {
        MeetingRig.Member leaving = rig.member(rig.admin, meetingId, "chair", null, name("leaving"));
        MeetingRig.Member staying = rig.member(rig.admin, meetingId, "chair", null, name("staying"));
        String his = rig.invite(leaving.token(), meetingId, "rapporteur", null, THIRTY_DAYS).get("token").asText();
        String hers = rig.invite(staying.token(), meetingId, "rapporteur", null, THIRTY_DAYS).get("token").asText();

        // One chair removes the other.
        JsonNode removed = expect(200, rig.remove(staying.token(), meetingId, leaving.userId()));
        assertEquals(1, removed.path("invitationsRevoked").asInt(), removed.toString());
        problem(410, GONE, rig.acceptAsNew(his, name("via-his"), "via-his-password-1"));
        String viaHers = name("via-hers");
        expect(200, rig.acceptAsNew(hers, viaHers, "via-hers-password-1"));
        assertEquals("rapporteur", rig.members(meetingId).get(viaHers).path("role").asText());
    }

    @Test
    void aChairWhoAcceptsALowerRoleLosesHisInvitationsWithIt() {
        MeetingRig.Member chair = rig.member(rig.admin, meetingId, "chair", null, name("stepping-down"));
        String his = rig.invite(chair.token(), meetingId, "chair", null, THIRTY_DAYS).get("token").asText();
        String observerLink = rig.invite(rig.admin, meetingId, "observer", null, null).get("token").asText();
        expect(200, rig.acceptSignedIn(observerLink, chair.token()));
        assertEquals("observer", rig.members(meetingId).get(chair.username()).path("role").asText());
        problem(410, GONE, rig.acceptSignedIn(his, chair.token()));
        assertEquals("observer", rig.members(meetingId).get(chair.username()).path("role").asText());
    }

    @Test
    void aChangeOfDelegationOrRoleThatStillInvitesKeepsTheInvitations() {
        MeetingRig.Member chair = rig.member(rig.admin, meetingId, "chair", null, name("still-chair"));
        String link = rig.invite(chair.token(), meetingId, "observer", null, null).get("token").asText();
        JsonNode kept = expect(200, rig.setRole(rig.admin, meetingId, chair.userId(), "chair", null));
        assertEquals(0, kept.path("invitationsRevoked").asInt(), kept.toString());
        expect(200, rig.acceptAsNew(link, name("kept"), "kept-password-123"));
    }

    @Test
    void invitationsAreListedWithoutTheirLinksAndRevokedByTheChairAndTheAdmin() {
        MeetingRig.Member chair = rig.member(rig.admin, meetingId, "chair", null, name("lister"));
        MeetingRig.Member observer = rig.member(chair.token(), meetingId, "observer", null, name("watcher"));
        MeetingRig.Member delegate = rig.member(chair.token(), meetingId, "delegate", "Gwangju", name("gwangju"));
        JsonNode byChair = rig.invite(chair.token(), meetingId, "delegate", "City of Graz", 48.0);
        JsonNode byAdmin = rig.invite(rig.admin, meetingId, "rapporteur", null, null);
        JsonNode toKeep = rig.invite(chair.token(), meetingId, "observer", null, null);

        HttpResponse<String> listed = rig.call(chair.token(), "GET", "/api/meetings/" + meetingId + "/invitations", null);
        JsonNode listing = expect(200, listed);
        for (JsonNode made : List.of(byChair, byAdmin, toKeep)) {
            assertFalse(listed.body().contains(made.get("token").asText()), "a link in the listing: " + listed.body());
        }
        Map<String, JsonNode> pending = rig.pending(chair.token(), meetingId);
        JsonNode graz = pending.get(byChair.get("id").asText());
        assertEquals("delegate", graz.path("role").asText(), listing.toString());
        assertEquals("City of Graz", graz.path("delegation").asText());
        assertEquals(chair.userId(), graz.path("createdBy").path("userId").asText());
        assertEquals(chair.username(), graz.path("createdBy").path("username").asText());
        assertEquals(byChair.get("expiresAt").asText(), graz.path("expiresAt").asText());
        assertTrue(graz.has("createdAt") && !graz.has("token") && !graz.has("url"), graz.toString());
        assertEquals("admin", pending.get(byAdmin.get("id").asText()).path("createdBy").path("username").asText());
        assertEquals(pending.keySet(), rig.pending(rig.admin, meetingId).keySet(), "the admin sees the same list");

        // Members who do not run the meeting cannot list or revoke; strangers learn nothing.
        String path = "/api/meetings/" + meetingId + "/invitations";
        String revokeGraz = path + "/" + byChair.get("id").asText();
        for (MeetingRig.Member member : List.of(observer, delegate)) {
            problem(403, "/problems/forbidden", rig.call(member.token(), "GET", path, null));
            problem(403, "/problems/forbidden", rig.call(member.token(), "DELETE", revokeGraz, null));
        }
        String otherMeeting = rig.createMeeting("Elsewhere " + name("m"));
        MeetingRig.Member otherChair = rig.member(rig.admin, otherMeeting, "chair", null, name("other-chair"));
        problem(404, "/problems/not-found", rig.call(otherChair.token(), "GET", path, null));
        problem(404, "/problems/not-found", rig.call(otherChair.token(), "DELETE", revokeGraz, null));
        // Nor may another meeting's chair revoke this meeting's invitation through his own meeting.
        problem(404, "/problems/not-found", rig.call(otherChair.token(), "DELETE",
                "/api/meetings/" + otherMeeting + "/invitations/" + byChair.get("id").asText(), null));
        problem(401, "/problems/unauthenticated", rig.call(null, "DELETE", revokeGraz, null));
        assertTrue(rig.pending(chair.token(), meetingId).containsKey(byChair.get("id").asText()), "refusals change nothing");

        // The chair revokes his, the admin the one she made: both links are gone like used ones.
        assertEquals(byChair.get("id").asText(), expect(200, rig.call(chair.token(), "DELETE", revokeGraz, null))
                .path("revoked").asText());
        expect(200, rig.call(rig.admin, "DELETE", path + "/" + byAdmin.get("id").asText(), null));
        for (JsonNode revoked : List.of(byChair, byAdmin)) {
            String token = revoked.get("token").asText();
            problem(410, GONE, rig.call(null, "GET", "/api/invitations/" + token, null));
            problem(410, GONE, rig.acceptAsNew(token, name("late"), "late-password-123"));
            problem(410, GONE, rig.acceptSignedIn(token, observer.token()));
        }
        assertEquals("observer", rig.members(meetingId).get(observer.username()).path("role").asText());
        assertEquals(List.of(toKeep.get("id").asText()), rig.pending(chair.token(), meetingId).keySet().stream()
                .filter(id -> List.of(byChair, byAdmin, toKeep).stream().anyMatch(i -> i.get("id").asText().equals(id)))
                .toList());

        // Revoking again, an unknown id, and a used invitation: nothing changes, and the answer says why.
        JsonNode again = problem(409, "/problems/invitation-not-pending", rig.call(chair.token(), "DELETE", revokeGraz, null));
        assertTrue(again.path("detail").asText().contains("revoked already"), again.toString());
        problem(404, "/problems/not-found", rig.call(chair.token(), "DELETE", path + "/no-such-invitation", null));
        expect(200, rig.acceptAsNew(toKeep.get("token").asText(), name("kept"), "kept-password-123"));
        JsonNode used = problem(409, "/problems/invitation-not-pending",
                rig.call(chair.token(), "DELETE", path + "/" + toKeep.get("id").asText(), null));
        assertTrue(used.path("detail").asText().contains("accepted"), used.toString());
        assertFalse(rig.pending(chair.token(), meetingId).containsKey(toKeep.get("id").asText()), "used: no longer pending");
    }
}
