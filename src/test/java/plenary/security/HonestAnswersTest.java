package plenary.security;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import plenary.http.HttpTestClient;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static plenary.security.DraftRoom.GWANGJU;
import static plenary.security.DraftRoom.ok;

/**
 * Issue 15, item 7: a reply to, or the resolution of, a thread on another delegation's draft (named
 * by a comment id that leaked) was stored but answered 404. A request either changes nothing and
 * says why, or changes what it says: here every such request is refused with the answer for an
 * unknown comment, and the negotiation, the thread and the audit log are exactly as before.
 */
@Tag("integration")
class HonestAnswersTest {
    @TempDir
    Path dir;

    @Test
    void aThreadYouMayNotSeeCannotBeAnsweredResolvedOrDeleted() throws Exception {
        try (DraftRoom room = DraftRoom.open(dir)) {
            String a = room.draft("graz", room.clause, "of Graz", "ours");
            String note = room.comment("graz", a, null, "internal note of Graz");
            // Moved to Gwangju, the author of a second note no longer speaks for Graz.
            String moved = room.comment("graz2", a, note, "a note by someone about to move");
            assertEquals(200, room.as("chair").putJson("/api/meetings/" + room.meetingId + "/members/"
                    + room.id("graz2"), "{\"role\":\"delegate\",\"delegation\":\"" + GWANGJU + "\"}").statusCode());

            attacksChangeNothing(room, note, moved);

            // Tabling the amendment does not open the delegation's thread on its draft.
            assertEquals(200, room.as("chair").putJson(room.doc + "/phases/tabling", "{\"open\":true}").statusCode());
            assertEquals(200, room.as("graz").postJson(room.doc + "/amendments/" + a + "/table", "{}").statusCode());
            attacksChangeNothing(room, note, moved);

            // And a request that is allowed changes exactly what its answer says.
            HttpResponse<String> reply = room.as("graz").postJson(room.doc + "/comments",
                    "{\"parentId\":\"" + note + "\",\"body\":\"answered by Graz\"}");
            assertEquals(201, reply.statusCode(), reply.body());
            JsonNode answered = HttpTestClient.json(reply);
            assertEquals(note, answered.get("parentId").asText());
            JsonNode stored = comment(room.state("graz"), answered.get("id").asText());
            assertEquals(answered, stored, "the answer is what was stored");
            HttpResponse<String> resolved = room.as("graz").postJson(room.doc + "/comments/" + note + "/resolve", "{}");
            assertEquals(200, resolved.statusCode(), resolved.body());
            assertTrue(comment(room.state("graz"), note).get("resolved").asBoolean());
        }
    }

    /** Tells nothing either: a withdrawn draft answers like an id never used, to every command. */
    @Test
    void aWithdrawnDraftAnswersLikeNothing() throws Exception {
        try (DraftRoom room = DraftRoom.open(dir)) {
            assertEquals(200, room.as("chair").putJson(room.doc + "/phases/tabling", "{\"open\":true}").statusCode());
            String b = room.draft("graz", room.clause, "withdrawn by Graz", "second thoughts");
            assertEquals(200, room.as("graz").postJson(room.doc + "/amendments/" + b + "/withdraw", "{}").statusCode());
            String never = "A-000000000000";
            for (String id : List.of(b, never)) {
                String d = room.doc + "/amendments/" + id;
                List<Supplier<HttpResponse<String>>> requests = List.of(
                        () -> room.as("rapporteur").postJson(d + "/accept", "{}"),
                        () -> room.as("chair").postJson(d + "/reject", "{\"reason\":\"no\"}"),
                        () -> room.as("gwangju").postJson(d + "/indicative", "{\"position\":\"oppose\"}"),
                        () -> room.as("gwangju").postJson(d + "/cosponsors", "{}"),
                        () -> room.as("gwangju").postJson(room.doc + "/comments",
                                "{\"target\":\"amendment\",\"targetId\":\"" + id + "\",\"body\":\"here?\"}"),
                        () -> room.as("rapporteur").postJson(room.doc + "/compromises", "{\"clauseId\":\""
                                + room.clause + "\",\"text\":\"*Calls upon* all;\",\"supersedes\":[\"" + id + "\"]}"));
                for (Supplier<HttpResponse<String>> request : requests) {
                    long seq = room.state("graz").get("seq").asLong();
                    HttpResponse<String> response = request.get();
                    assertEquals(404, response.statusCode(), id + ": " + response.body());
                    assertEquals("/problems/not-found", HttpTestClient.json(response).get("type").asText());
                    assertEquals(seq, room.state("graz").get("seq").asLong(), "nothing was stored");
                }
            }
        }
    }

    /** Every way to touch the private thread, by everyone outside Graz: 404, and not a thing changed. */
    private static void attacksChangeNothing(DraftRoom room, String note, String moved) {
        String comments = room.doc + "/comments";
        List<Attack> attacks = List.of(
                new Attack("gwangju replies", () -> room.as("gwangju").postJson(comments,
                        "{\"parentId\":\"" + note + "\",\"body\":\"read your note\"}")),
                new Attack("gwangju replies, naming a clause as target", () -> room.as("gwangju").postJson(comments,
                        "{\"target\":\"clause\",\"targetId\":\"" + room.clause + "\",\"parentId\":\"" + note
                                + "\",\"body\":\"read your note\"}")),
                new Attack("the chair replies", () -> room.as("chair").postJson(comments,
                        "{\"parentId\":\"" + note + "\",\"body\":\"noted\"}")),
                new Attack("the rapporteur replies", () -> room.as("rapporteur").postJson(comments,
                        "{\"parentId\":\"" + moved + "\",\"body\":\"noted\"}")),
                new Attack("the rapporteur resolves", () -> room.as("rapporteur").postJson(
                        comments + "/" + note + "/resolve", "{}")),
                new Attack("the chair resolves from a reply", () -> room.as("chair").postJson(
                        comments + "/" + moved + "/resolve", "{}")),
                new Attack("the chair deletes", () -> room.as("chair").delete(comments + "/" + note)),
                new Attack("gwangju resolves", () -> room.as("gwangju").postJson(comments + "/" + note + "/resolve", "{}")),
                new Attack("the moved author edits", () -> room.as("graz2").send(room.as("graz2")
                        .request(comments + "/" + moved).header("Content-Type", "application/json")
                        .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("{\"body\":\"changed\"}")))),
                new Attack("the moved author deletes", () -> room.as("graz2").delete(comments + "/" + moved)),
                new Attack("the moved author replies", () -> room.as("graz2").postJson(comments,
                        "{\"parentId\":\"" + note + "\",\"body\":\"still here\"}")));
        for (Attack attack : attacks) {
            JsonNode before = HttpTestClient.withoutFrame(room.state("graz"));
            JsonNode auditBefore = room.audit("chair");
            HttpResponse<String> response = attack.request().get();
            assertEquals(404, response.statusCode(), attack.name() + ": " + response.body());
            JsonNode problem = HttpTestClient.json(response);
            assertEquals("/problems/not-found", problem.get("type").asText(), attack.name());
            assertFalse(response.body().contains("internal note"), attack.name() + ": " + response.body());
            // "frame" counts live frames: the tick of the step before may publish one in between.
            assertEquals(before, HttpTestClient.withoutFrame(room.state("graz")), attack.name() + " changed the negotiation");
            assertEquals(auditBefore, room.audit("chair"), attack.name() + " left an audit entry");
        }
        assertFalse(comment(room.state("graz"), note).get("resolved").asBoolean());
        assertFalse(comment(room.state("graz"), note).get("deleted").asBoolean());
        assertEquals("a note by someone about to move", comment(room.state("graz"), moved).get("body").asText());
    }

    private record Attack(String name, Supplier<HttpResponse<String>> request) {
    }

    private static JsonNode comment(JsonNode state, String id) {
        for (JsonNode c : state.get("comments")) {
            if (c.get("id").asText().equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no comment " + id + " in " + state.get("comments"));
    }
}
