package plenary.security;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import plenary.http.HttpTestClient;
import plenary.people.SocketProbe;
import plenary.store.Database;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static plenary.security.DraftRoom.GRAZ;
import static plenary.security.DraftRoom.GWANGJU;
import static plenary.security.DraftRoom.ok;

/**
 * Issue 15, item 6: the chair read delegations' drafts by giving himself a delegation, and through
 * the audit log. The rule now: a draft amendment, a draft withdrawn before tabling, and every
 * thread begun on one are seen by the delegates of the sponsoring delegation only; to the chair, a
 * rapporteur, an observer, an admin and other delegations they do not exist, on every path: REST,
 * the live socket, search, exports and the audit log. Nobody can give themselves a delegation.
 */
@Tag("integration")
class DraftVisibilityTest {
    /** Words found nowhere else, so any path that leaks a draft shows them. */
    private static final String TEXT = "quokkawording";
    private static final String RATIONALE = "zebrarationale";
    private static final String NOTE = "lynxnote";
    private static final String REPLY = "ibexreply";
    private static final String WITHDRAWN = "okapiwithdrawn";
    private static final List<String> SECRETS = List.of(TEXT, RATIONALE, NOTE, REPLY, WITHDRAWN);
    private static final List<String> OUTSIDERS = List.of("chair", "admin", "rapporteur", "observer", "gwangju");
    private static final List<String> SPONSORS = List.of("graz", "graz2");

    @TempDir
    Path dir;

    @Test
    void everyPathKeepsADraftWithItsDelegation() throws Exception {
        try (DraftRoom room = DraftRoom.open(dir);
             SocketProbe chairSocket = room.socket("chair");
             SocketProbe grazSocket = room.socket("graz")) {
            String a = room.draft("graz", room.clause, TEXT, RATIONALE);
            String note = room.comment("graz", a, null, NOTE);
            room.comment("graz2", a, note, REPLY);
            String b = room.draft("graz", room.clause2, WITHDRAWN, "second thoughts");
            assertEquals(200, room.as("graz").postJson(room.doc + "/amendments/" + b + "/withdraw", "{}").statusCode());
            // A public step after the five private ones: once it is on the sockets, so are they.
            assertEquals(200, room.as("chair").putJson(room.doc + "/phases/tabling", "{\"open\":true}").statusCode());

            // The sponsoring delegation sees all of it, both of its delegates; search finds it for them.
            for (String sponsor : SPONSORS) {
                String state = room.state(sponsor).toString();
                SECRETS.forEach(word -> assertTrue(state.contains(word), sponsor + " sees " + word + ": " + state));
                assertTrue(ok(room.as(sponsor).get(room.doc + "/amendments/" + a)).get("text").asText().contains(TEXT));
                assertEquals(200, room.as(sponsor).get(room.doc + "/amendments/" + a + "/diff").statusCode());
                assertEquals("withdrawn", ok(room.as(sponsor).get(room.doc + "/amendments/" + b)).get("state").asText());
            }
            // A draft withdrawn before tabling is not indexed at all; the rest is, for Graz.
            for (String word : List.of(TEXT, RATIONALE, NOTE, REPLY)) {
                room.awaitSearch("graz2", word, total -> total == 1);
            }

            for (String outsider : OUTSIDERS) {
                HttpTestClient http = room.as(outsider);
                String state = room.state(outsider).toString();
                assertHidesEverything(state, List.of(a, b, note), outsider + "'s negotiation state");
                for (String path : List.of("/amendments/" + a, "/amendments/" + a + "/diff", "/amendments/" + b,
                        "/amendments/" + b + "/diff")) {
                    HttpResponse<String> response = http.get(room.doc + path);
                    assertEquals(404, response.statusCode(), outsider + " GET " + path + ": " + response.body());
                    assertEquals("/problems/not-found", HttpTestClient.json(response).get("type").asText());
                }
                assertHidesEverything(ok(http.get(room.doc + "/conflicts")).toString(), List.of(a, b), "conflicts");
                // The index already holds every word (the sponsor found them): the outsider's filter keeps them out.
                for (String word : SECRETS) {
                    assertEquals(0, room.found(outsider, word), outsider + " searching " + word);
                }
                // Exports hold tabled amendments only, for every reader.
                assertHidesEverything(http.get(room.doc + "/export?format=md").body(), List.of(a, b), "md export");
                assertHidesEverything(http.get(room.doc + "/export?format=html&variant=compilation").body(),
                        List.of(a, b), outsider + "'s compilation");
            }

            // The audit log, for the chair and the admin: five hidden entries, the rest in order.
            for (String reader : List.of("chair", "admin")) {
                JsonNode audit = room.audit(reader);
                assertHidesEverything(audit.toString(), List.of(a, b, note), reader + "'s audit log");
                assertEquals(5, hidden(audit), audit.toString());
                for (int i = 0; i < audit.size(); i++) {
                    assertEquals(i + 1, audit.get(i).get("seq").asLong(), "no entry is left out, only hidden");
                }
                assertEquals(List.of("seq", "at", "revision", "hidden"), fields(audit.get(0)),
                        "a hidden entry says only that something happened");
            }
            for (String other : List.of("rapporteur", "observer", "gwangju", "graz")) {
                assertEquals(403, room.as(other).get(room.doc + "/audit").statusCode(), other);
            }

            // The live socket: the same five hidden entries for the whole room, the sponsor included;
            // the drafts themselves reach Graz's delegates only, in its own supplements.
            for (SocketProbe socket : List.of(chairSocket, grazSocket)) {
                socket.await(0, m -> SocketProbe.type(m, "negotiation") && m.toString().contains("phase-set"));
                String frames = socket.received().toString();
                assertEquals(5, socket.received().stream().filter(m -> SocketProbe.type(m, "negotiation"))
                        .mapToLong(m -> hidden(m.get("events"))).sum(), frames);
                String roomFrames = socket.received().stream()
                        .filter(m -> SocketProbe.type(m, "negotiation") && !m.path("own").asBoolean()).toList().toString();
                assertHidesEverything(roomFrames, List.of(a, b, note), "the room's frames");
            }
            assertHidesEverything(chairSocket.received().toString(), List.of(a, b, note), "the chair's socket");
            String own = grazSocket.received().stream()
                    .filter(m -> SocketProbe.type(m, "negotiation") && m.path("own").asBoolean()).toList().toString();
            for (String word : List.of(TEXT, RATIONALE, NOTE, REPLY, WITHDRAWN)) {
                assertTrue(own.contains(word), "Graz's own supplements carry " + word + ": " + own);
            }

            // Tabled, the amendment is everyone's; the delegation's notes on its draft stay its own.
            int mark = chairSocket.mark();
            assertEquals(200, room.as("graz").postJson(room.doc + "/amendments/" + a + "/table", "{}").statusCode());
            chairSocket.await(mark, m -> m.toString().contains("amendment-tabled"));
            room.awaitSearch("gwangju", TEXT, total -> total == 1);
            for (String outsider : OUTSIDERS) {
                String state = room.state(outsider).toString();
                assertTrue(state.contains(TEXT) && state.contains(RATIONALE), outsider + ": " + state);
                for (String word : List.of(NOTE, REPLY, WITHDRAWN)) {
                    assertFalse(state.contains(word), outsider + " sees " + word + ": " + state);
                    assertEquals(0, room.found(outsider, word), outsider + " searching " + word);
                }
            }
            assertTrue(room.state("graz2").toString().contains(NOTE), "the delegation keeps its notes");
            JsonNode audit = room.audit("chair");
            assertTrue(audit.toString().contains(TEXT), "the drafting of a tabled amendment is on the record");
            assertEquals(4, hidden(audit), "the notes and the withdrawn draft stay hidden: " + audit);
            assertFalse(audit.toString().contains(NOTE) || audit.toString().contains(WITHDRAWN), audit.toString());
            assertTrue(room.as("chair").get(room.doc + "/export?format=html&variant=compilation").body().contains(TEXT),
                    "the compilation shows the tabled amendment");
        }
    }

    /** The attack of the issue: the chair gives himself a delegation. Each way is refused and shows nothing. */
    @Test
    void nobodyGivesThemselvesADelegation() throws Exception {
        try (DraftRoom room = DraftRoom.open(dir)) {
            String a = room.draft("graz", room.clause, TEXT, RATIONALE);
            HttpTestClient chair = room.as("chair");
            String members = "/api/meetings/" + room.meetingId + "/members/";

            HttpResponse<String> asChairOfGraz = chair.putJson(members + room.id("chair"),
                    "{\"role\":\"chair\",\"delegation\":\"" + GRAZ + "\"}");
            assertEquals(400, asChairOfGraz.statusCode(), "a chair holds no delegation: " + asChairOfGraz.body());
            HttpResponse<String> asDelegateOfGraz = chair.putJson(members + room.id("chair"),
                    "{\"role\":\"delegate\",\"delegation\":\"" + GRAZ + "\"}");
            assertEquals(403, asDelegateOfGraz.statusCode(), "nobody changes their own membership: "
                    + asDelegateOfGraz.body());
            HttpResponse<String> adminAsDelegate = room.as("admin").putJson(members + room.id("admin"),
                    "{\"role\":\"delegate\",\"delegation\":\"" + GRAZ + "\"}");
            assertEquals(403, adminAsDelegate.statusCode(), "not even an admin: " + adminAsDelegate.body());
            HttpResponse<String> rapporteurOfGraz = chair.putJson(members + room.id("rapporteur"),
                    "{\"role\":\"rapporteur\",\"delegation\":\"" + GRAZ + "\"}");
            assertEquals(400, rapporteurOfGraz.statusCode(), rapporteurOfGraz.body());
            HttpResponse<String> observerInvite = chair.postJson("/api/meetings/" + room.meetingId + "/invitations",
                    "{\"role\":\"observer\",\"delegation\":\"" + GRAZ + "\"}");
            assertEquals(400, observerInvite.statusCode(), observerInvite.body());

            // An invitation the chair made for Graz, accepted by himself while signed in.
            HttpResponse<String> invitation = chair.postJson("/api/meetings/" + room.meetingId + "/invitations",
                    "{\"role\":\"delegate\",\"delegation\":\"" + GRAZ + "\"}");
            assertEquals(201, invitation.statusCode(), invitation.body());
            String token = HttpTestClient.json(invitation).get("token").asText();
            HttpResponse<String> accepted = chair.postJson("/api/invitations/" + token + "/accept", "{}");
            assertEquals(403, accepted.statusCode(), "an invitation is for someone else: " + accepted.body());

            JsonNode memberships = ok(chair.get(members.substring(0, members.length() - 1))).get("members");
            for (JsonNode m : memberships) {
                if (m.get("userId").asText().equals(room.id("chair"))) {
                    assertEquals("chair", m.get("role").asText());
                    assertTrue(m.get("delegation").isNull(), m.toString());
                }
                if (m.get("userId").asText().equals(room.id("rapporteur"))) {
                    assertTrue(m.get("delegation").isNull(), m.toString());
                }
            }
            assertEquals(404, chair.get(room.doc + "/amendments/" + a).statusCode());
            assertFalse(room.state("chair").toString().contains(TEXT));
        }
    }

    /**
     * A membership that names a delegation beside another role, as one written before the rule
     * could: it counts for nothing. The chair reads no draft of "his" delegation, finds none, and
     * drafts none.
     */
    @Test
    void aDelegationStoredBesideAnotherRoleCountsForNothing() throws Exception {
        try (DraftRoom room = DraftRoom.open(dir)) {
            String a = room.draft("graz", room.clause, TEXT, RATIONALE);
            room.awaitSearch("graz", TEXT, total -> total == 1);
            room.restart(data -> {
                try (Database database = Database.open(data, null, null, null);
                     Connection c = database.dataSource().getConnection();
                     PreparedStatement update = c.prepareStatement(
                             "UPDATE memberships SET delegation = ? WHERE meeting_id = ? AND user_id = ?")) {
                    for (String holder : List.of("chair", "observer")) {
                        update.setString(1, GRAZ);
                        update.setString(2, room.meetingId);
                        update.setString(3, room.id(holder));
                        assertEquals(1, update.executeUpdate(), holder);
                    }
                }
            });
            for (String holder : List.of("chair", "observer")) {
                HttpTestClient http = room.as(holder);
                assertEquals(404, http.get(room.doc + "/amendments/" + a).statusCode(), holder);
                assertHidesEverything(room.state(holder).toString(), List.of(a), holder + "'s state");
                assertEquals(0, room.found(holder, TEXT), holder + " searching");
            }
            assertEquals(1, room.found("graz", TEXT), "the index is there, and Graz finds its draft");
            HttpResponse<String> drafted = room.as("chair").postJson(room.doc + "/amendments",
                    "{\"clauseId\":\"" + room.clause + "\",\"text\":\"*Calls upon* nobody;\"}");
            assertEquals(403, drafted.statusCode(), "the chair speaks for no delegation: " + drafted.body());
        }
    }

    /** A delegate moved to another delegation speaks for it now: its drafts, not the old one's, even their own. */
    @Test
    void aDelegateMovedToAnotherDelegationReadsItsDraftsOnly() throws Exception {
        try (DraftRoom room = DraftRoom.open(dir)) {
            String ofGraz = room.draft("graz2", room.clause, TEXT, RATIONALE);
            String ofGwangju = room.draft("gwangju", room.clause2, "tapirgwangju", "reasons of Gwangju");
            room.awaitSearch("graz2", TEXT, total -> total == 1);
            assertEquals(404, room.as("graz2").get(room.doc + "/amendments/" + ofGwangju).statusCode());

            HttpResponse<String> moved = room.as("chair").putJson("/api/meetings/" + room.meetingId + "/members/"
                    + room.id("graz2"), "{\"role\":\"delegate\",\"delegation\":\"" + GWANGJU + "\"}");
            assertEquals(200, moved.statusCode(), moved.body());

            HttpTestClient graz2 = room.as("graz2");
            assertEquals(404, graz2.get(room.doc + "/amendments/" + ofGraz).statusCode(),
                    "the draft they wrote stays with Graz");
            assertEquals(200, graz2.get(room.doc + "/amendments/" + ofGwangju).statusCode());
            assertEquals(0, room.found("graz2", TEXT));
            room.awaitSearch("graz2", "tapirgwangju", total -> total == 1);
            assertEquals(200, room.as("graz").get(room.doc + "/amendments/" + ofGraz).statusCode(),
                    "Graz keeps its draft");
            HttpResponse<String> tabled = graz2.postJson(room.doc + "/amendments/" + ofGraz + "/table", "{}");
            assertEquals(404, tabled.statusCode(), tabled.body());
        }
    }

    private static void assertHidesEverything(String body, List<String> ids, String where) {
        for (String word : SECRETS) {
            assertFalse(body.contains(word), where + " shows " + word + ": " + body);
        }
        for (String id : ids) {
            assertFalse(body.contains(id), where + " names " + id + ": " + body);
        }
    }

    private static long hidden(JsonNode entries) {
        return StreamSupport.stream(entries.spliterator(), false).filter(e -> e.path("hidden").asBoolean()).count();
    }

    private static List<String> fields(JsonNode entry) {
        List<String> names = new java.util.ArrayList<>();
        entry.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
