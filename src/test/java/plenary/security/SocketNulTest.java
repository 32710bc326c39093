package plenary.security;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import plenary.store.TestPostgres;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static plenary.security.MeetingRig.expect;
import static plenary.security.MeetingRig.name;

/**
 * NUL (U+0000), and a surrogate without its pair, in any string of a live message are refused with
 * an {@code invalid-text} error and never reach the sequencer. The attack: on PostgreSQL a NUL in a
 * submitted text failed at the store, answered {@code not-saved}, and reloaded the document for every
 * socket in the room (H2 stored it). Run on both databases: the answer must be the same, the room
 * must not notice, and the next honest edit goes through.
 */
@Tag("integration")
class SocketNulTest {
    @TempDir
    Path dir;

    @Test
    void onH2() throws Exception {
        try (MeetingRig rig = MeetingRig.start(dir, "--no-samples")) {
            badTextIsRefusedBeforeTheSequencer(rig);
        }
    }

    @Test
    void onPostgresql() throws Exception {
        TestPostgres.Db db = TestPostgres.get().createDatabase();
        try (MeetingRig rig = MeetingRig.start(dir, "--no-samples", "--db-url", db.url(), "--db-user", db.user())) {
            badTextIsRefusedBeforeTheSequencer(rig);
        }
    }

    private static void badTextIsRefusedBeforeTheSequencer(MeetingRig rig) throws Exception {
        String meetingId = rig.createMeeting("NUL in the room");
        MeetingRig.Member rapporteur = rig.member(rig.admin, meetingId, "rapporteur", null, name("rapporteur"));
        MeetingRig.Member observer = rig.member(rig.admin, meetingId, "observer", null, name("observer"));
        JsonNode document = rig.createDocument(rapporteur.token(), meetingId, "# Clean\n\n1. *Calls upon* everyone;\n");
        String documentId = document.get("id").asText();
        String clauseId = document.get("clauses").get(0).get("id").asText();
        String text = document.get("clauses").get(0).get("text").asText();
        long revision = document.get("revision").asLong();

        try (MemberSocket writer = MemberSocket.joined(rig.client(), rig.live(documentId), rapporteur.token(), "writer");
             MemberSocket room = MemberSocket.joined(rig.client(), rig.live(documentId), observer.token(), "room")) {
            long version = writer.await(0, m -> MemberSocket.is(m, "joined"), "joined").path("document")
                    .path("clauses").get(0).path("version").asLong();
            int roomMark = room.mark();
            String change = "\"clauseId\":\"" + clauseId + "\",\"version\":" + version;
            // JSON text as an attacker writes it: \\u escapes, so the socket's UTF-8 check passes.
            List<String> attacks = List.of(
                    "{\"type\":\"submit\",\"seq\":1,\"change\":{\"type\":\"text\"," + change + ",\"op\":[\"a\\u0000b\"]}}",
                    "{\"type\":\"submit\",\"seq\":2,\"change\":{\"type\":\"insert\",\"after\":\"" + clauseId
                            + "\",\"kind\":\"operative\",\"text\":\"*Decides* \\u0000;\"}}",
                    "{\"type\":\"submit\",\"seq\":3,\"change\":{\"type\":\"text\"," + change + ",\"op\":[\"x\\ud800y\"]}}",
                    "{\"type\":\"submit\",\"seq\":4,\"change\":{\"type\":\"text\"," + change + ",\"op\":[\"\\udc00\"]}}",
                    "{\"type\":\"submit\",\"seq\":5,\"change\":{\"type\":\"text\"," + change
                            + ",\"op\":[\"fine\"],\"note\\u0000\":1}}",
                    "{\"type\":\"submit\",\"seq\":6,\"change\":{\"type\":\"insert\",\"clauseId\":\"new\\u0000id\",\"after\":null,"
                            + "\"kind\":\"operative\",\"text\":\"*Decides* so;\"}}",
                    "{\"type\":\"ping\",\"t\":\"\\u0000\"}",
                    "{\"type\":\"presence\",\"clauseId\":\"" + clauseId + "\\u0000\",\"caret\":1,\"seq\":8}");
            for (int i = 0; i < attacks.size(); i++) {
                int seq = i + 1;
                int mark = writer.mark();
                writer.send(attacks.get(i));
                JsonNode answer = writer.await(mark, m -> MemberSocket.is(m, "error") || MemberSocket.is(m, "pong")
                        || MemberSocket.commitOf(m, "writer"), "the answer to attack " + seq);
                assertEquals("invalid-text", answer.path("code").asText(), attacks.get(i) + " → " + answer);
                if (seq != 7) { // the ping carries no seq
                    assertEquals(seq, answer.path("seq").asInt(), answer.toString());
                }
                writer.assertAlive("after attack " + seq);
            }

            // Nothing reached the sequencer: same revision and text, and the room saw nothing at all.
            JsonNode after = expect(200, rig.call(rapporteur.token(), "GET", "/api/documents/" + documentId, null));
            assertEquals(revision, after.get("revision").asLong(), after.toString());
            assertEquals(1, after.get("clauses").size(), after.toString());
            assertEquals(text, after.get("clauses").get(0).get("text").asText());
            room.assertAlive("the room");
            assertTrue(room.since(roomMark).stream().noneMatch(m -> MemberSocket.is(m, "resync") || MemberSocket.is(m, "ops")),
                    "the room was disturbed: " + room.since(roomMark));
            assertNull(room.closeCode());

            // An honest edit, astral characters included, goes through to everyone.
            int mark = writer.mark();
            writer.send("{\"type\":\"submit\",\"seq\":9,\"change\":{\"type\":\"text\"," + change
                    + ",\"op\":[\"\uD83C\uDF0D \"]}}");
            writer.await(mark, m -> MemberSocket.commitOf(m, "writer"), "the honest edit's commit");
            room.await(roomMark, m -> MemberSocket.commitOf(m, "writer"), "the honest edit in the room");
            assertTrue(writer.since(mark).stream().noneMatch(m -> MemberSocket.is(m, "error")), writer.since(mark).toString());
        }
        JsonNode after = expect(200, rig.call(rapporteur.token(), "GET", "/api/documents/" + documentId, null));
        assertEquals(revision + 1, after.get("revision").asLong());
        assertEquals("\uD83C\uDF0D " + text, after.get("clauses").get(0).get("text").asText());
    }
}
