package plenary.live;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import plenary.document.ClauseLimit;
import org.junit.jupiter.api.io.TempDir;
import plenary.editing.TextOp;
import plenary.http.HttpTestClient;
import plenary.http.RunningServer;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static plenary.live.LiveDocs.q;

/** Clause structure over the socket: insert, delete, move, set-kind, numbering, concurrent deletes, presence. */
@Tag("integration")
class LiveStructureTest {
    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    /** One clause as the REST API shows it: id, kind, number (or null), text. */
    private record Row(String id, String kind, String number, String text) {
        static Row of(JsonNode c) {
            return new Row(c.get("id").asText(), c.get("kind").asText(),
                    c.get("number").isNull() ? null : c.get("number").asText(), c.get("text").asText());
        }
    }

    @Test
    void insertDeleteMoveAndSetKindRenumberAndKeepIds() throws Exception {
        JsonNode beforeRestart;
        String documentId;
        try (RunningServer server = RunningServer.start(dir, "--no-samples")) {
            HttpTestClient rest = server.http();
            JsonNode created = LiveDocs.create(rest, LiveDocs.STRUCTURED);
            documentId = created.get("id").asText();
            List<String> ids = LiveDocs.ids(created);
            String pp1 = ids.get(0), pp2 = ids.get(1), op1 = ids.get(2), op2 = ids.get(3), subA = ids.get(4),
                    subB = ids.get(5), op3 = ids.get(6);
            assertEquals(List.of("PP1", "PP2", "1", "2", "(a)", "(b)", "3"), numbers(created));
            URI live = LiveDocs.liveUri(server.port(), documentId);
            try (RawLiveSocket architect = RawLiveSocket.joined(http, live, "architect", "Ada Architect");
                 LiveTestClient watcher = new LiveTestClient(http, live, "watcher").connect()) {
                // 1: an operative paragraph with an id of our choosing, after operative 1.
                JsonNode c1 = commit(architect, 1, "{\"type\":\"insert\",\"clauseId\":\"op-new\",\"after\":" + q(op1)
                        + ",\"kind\":\"operative\",\"text\":\"*Urges* everyone to act;\"}");
                assertEquals(1, c1.get("revision").asLong());
                assertEquals("Ada Architect", c1.get("author").asText());
                assertEquals("op-new", c1.get("change").get("clauseId").asText());
                assertEquals(op1, c1.get("change").get("after").asText());
                // 2: a sub-paragraph without an id, after (b): the server picks one and the commit carries it.
                JsonNode c2 = commit(architect, 2, "{\"type\":\"insert\",\"after\":" + q(subB)
                        + ",\"kind\":\"sub-paragraph\",\"text\":\"on funding;\"}");
                assertEquals(2, c2.get("revision").asLong());
                String subC = c2.get("change").path("clauseId").asText("");
                assertTrue(subC.matches("[A-Za-z0-9_-]{1,64}"), "a server-chosen id: " + c2);
                assertFalse(ids.contains(subC) || subC.equals("op-new"), "a new id: " + subC);
                assertEquals("sub-paragraph", c2.get("change").get("kind").asText());
                // 3: delete PP1; 4: move operative 3 to the top of the operatives; 5: operative 1 becomes a heading;
                // 6: a free-text clause at the very top.
                assertEquals(3, commit(architect, 3, "{\"type\":\"delete\",\"clauseId\":" + q(pp1) + "}")
                        .get("revision").asLong());
                assertEquals(4, commit(architect, 4, "{\"type\":\"move\",\"clauseId\":" + q(op3) + ",\"after\":"
                        + q(pp2) + "}").get("revision").asLong());
                JsonNode c5 = commit(architect, 5, "{\"type\":\"set-kind\",\"clauseId\":" + q(op1)
                        + ",\"kind\":\"heading\"}");
                assertEquals("heading", c5.get("change").get("kind").asText());
                assertEquals(6, commit(architect, 6, "{\"type\":\"insert\",\"clauseId\":\"intro\",\"after\":null,"
                        + "\"kind\":\"free-text\",\"text\":\"Introduction\"}").get("revision").asLong());

                JsonNode after = LiveDocs.getJson(rest, "/api/documents/" + documentId);
                assertEquals(6, after.get("revision").asLong());
                List<Row> rows = new ArrayList<>();
                after.get("clauses").forEach(c -> rows.add(Row.of(c)));
                assertEquals(List.of(
                        new Row("intro", "free-text", null, "Introduction"),
                        new Row(pp2, "preambular", "PP1", "*Noting* the second paragraph,"),
                        new Row(op3, "operative", "1", "*Invites* networks to share;"),
                        new Row(op1, "heading", null, "*Calls upon* cities to act \uD83C\uDF0D now;"),
                        new Row("op-new", "operative", "2", "*Urges* everyone to act;"),
                        new Row(op2, "operative", "3", "*Encourages* regions to report:"),
                        new Row(subA, "sub-paragraph", "(a)", "on progress;"),
                        new Row(subB, "sub-paragraph", "(b)", "on obstacles;"),
                        new Row(subC, "sub-paragraph", "(c)", "on funding;")), rows);
                // Untouched clauses keep id, text and version.
                for (String id : List.of(pp2, op2, subA, subB, op3)) {
                    JsonNode before = LiveDocs.clause(created, id);
                    JsonNode now = LiveDocs.clause(after, id);
                    assertEquals(before.get("text"), now.get("text"), id);
                    assertEquals(before.get("version"), now.get("version"), id);
                }
                // Inserted clauses start at version 0; a text edit on one works at once.
                assertEquals(0, LiveDocs.clause(after, subC).get("version").asLong());
                commit(architect, 7, "{\"type\":\"text\",\"clauseId\":" + q(subC) + ",\"version\":0,\"op\":[3,\"more \"]}");
                assertEquals("on more funding;", LiveDocs.clause(LiveDocs.getJson(rest, "/api/documents/" + documentId),
                        subC).get("text").asText());
                // A deleted id cannot come back.
                int mark = architect.submit(8, "{\"type\":\"insert\",\"clauseId\":" + q(pp1)
                        + ",\"after\":null,\"kind\":\"preambular\",\"text\":\"*Back*\"}");
                JsonNode refused = architect.awaitError(mark);
                assertEquals("duplicate-clause", refused.get("code").asText(), refused::toString);
                // The watcher, which only applied the broadcasts, agrees with the store.
                LiveDocs.assertConverged(rest, documentId, List.of(watcher));
                assertEquals(List.of(), watcher.errors());
            }
            beforeRestart = LiveDocs.getJson(rest, "/api/documents/" + documentId);
        }
        // Numbers are derived, never stored: the same after a restart.
        try (RunningServer again = RunningServer.start(dir, "--no-samples")) {
            assertEquals(beforeRestart, LiveDocs.getJson(again.http(), "/api/documents/" + documentId));
        }
    }

    /** Issue 15: the import's clause limit holds for clauses added live, so "1. x" cannot be typed in instead. */
    @Test
    void aDocumentAtTheClauseLimitTakesNoMoreClausesLive() throws Exception {
        try (RunningServer server = RunningServer.start(dir, "--no-samples")) {
            HttpTestClient rest = server.http();
            var response = rest.postMarkdown("# Full\n\n" + "1. *Decides* x;\n\n".repeat(ClauseLimit.MAX_CLAUSES));
            assertEquals(201, response.statusCode(), response::body);
            JsonNode created = HttpTestClient.json(response);
            assertEquals(ClauseLimit.MAX_CLAUSES, created.get("clauses").size());
            String documentId = created.get("id").asText();
            URI live = LiveDocs.liveUri(server.port(), documentId);
            try (RawLiveSocket filler = RawLiveSocket.joined(http, live, "filler", "Fay Filler")) {
                int mark = filler.submit(1, "{\"type\":\"insert\",\"after\":null,\"kind\":\"operative\",\"text\":\"one more\"}");
                JsonNode refused = filler.awaitError(mark);
                assertEquals("too-many-clauses", refused.get("code").asText(), refused::toString);
                // Deleting one makes room for one.
                commit(filler, 2, "{\"type\":\"delete\",\"clauseId\":" + q(LiveDocs.ids(created).getFirst()) + "}");
                assertEquals(2, commit(filler, 3, "{\"type\":\"insert\",\"after\":null,\"kind\":\"operative\","
                        + "\"text\":\"one more\"}").get("revision").asLong());
            }
            assertEquals(ClauseLimit.MAX_CLAUSES,
                    LiveDocs.getJson(rest, "/api/documents/" + documentId).get("clauses").size());
        }
    }

    /**
     * A text op written against a clause that another client deletes first: the writer's op is
     * generated after the delete is committed but before the writer has seen it (from inside the
     * writer's own commit callback), so the server must answer clause-deleted, and the writer, which
     * then applies the delete, must end up with the server's text.
     */
    @Test
    void aTextOpOnAClauseDeletedConcurrentlyGetsClauseDeletedAndTheWriterConverges() throws Exception {
        try (RunningServer server = RunningServer.start(dir, "--no-samples")) {
            HttpTestClient rest = server.http();
            JsonNode created = LiveDocs.create(rest, LiveDocs.STRUCTURED);
            String documentId = created.get("id").asText();
            List<String> ids = LiveDocs.ids(created);
            String doomed = ids.get(6);
            String other = ids.get(3);
            URI live = LiveDocs.liveUri(server.port(), documentId);
            AtomicReference<LiveTestClient> writerRef = new AtomicReference<>();
            AtomicBoolean typedLate = new AtomicBoolean();
            LiveTestClient.Listener typeOnDelete = new LiveTestClient.Listener() {
                @Override
                public void commitReceived(JsonNode commit, long receivedNanos) {
                    JsonNode change = commit.get("change");
                    if (change.get("type").asText().equals("delete") && change.get("clauseId").asText().equals(doomed)
                            && typedLate.compareAndSet(false, true)) {
                        LiveTestClient writer = writerRef.get();
                        // Runs before the client applies the delete: it still sees the clause.
                        String text = writer.text(doomed);
                        writer.edit(doomed, TextOp.builder().retain(text.length()).insert(" (too late)").build());
                    }
                }
            };
            try (LiveTestClient writer = new LiveTestClient(http, live, "writer", "Wanda Writer", typeOnDelete);
                 RawLiveSocket deleter = RawLiveSocket.joined(http, live, "deleter", "Dan Deleter")) {
                writerRef.set(writer);
                writer.connect();
                // The writer has edited the clause before, so its version is not 0.
                writer.edit(doomed, TextOp.builder().insert("First: ").build());
                writer.await(writer::idle, 10_000, "first edit");
                commit(deleter, 1, "{\"type\":\"delete\",\"clauseId\":" + q(doomed) + "}");
                writer.await(() -> !writer.errors().isEmpty(), 10_000, "the refusal of the late op");
                assertTrue(typedLate.get(), "the late op was typed");
                List<String> errors = writer.errors();
                assertEquals(1, errors.size(), errors::toString);
                JsonNode error = HttpTestClient.JSON.readTree(errors.getFirst());
                assertEquals("clause-deleted", error.get("code").asText(), error::toString);
                assertEquals(2, error.get("seq").asLong(), "the writer's second submission: " + error);
                writer.await(writer::idle, 10_000, "idle after the refusal");
                assertNull(writer.text(doomed), "the writer dropped the deleted clause");
                LiveDocs.assertConverged(rest, documentId, List.of(writer));
                // The writer goes on editing other clauses.
                writer.edit(other, TextOp.builder().insert("Then: ").build());
                LiveDocs.assertConverged(rest, documentId, List.of(writer));
                JsonNode stored = LiveDocs.getJson(rest, "/api/documents/" + documentId);
                assertEquals(6, stored.get("clauses").size());
                assertFalse(stored.toString().contains("too late"), stored::toString);
                assertEquals(3, stored.get("revision").asLong(), "edit, delete, edit: the late op was not applied");
            }
        }
    }

    @Test
    void presenceListsEveryoneAndDropsWhoeverDisconnects() throws Exception {
        try (RunningServer server = RunningServer.start(dir, "--no-samples")) {
            JsonNode created = LiveDocs.create(server.http(), LiveDocs.STRUCTURED);
            List<String> ids = LiveDocs.ids(created);
            URI live = LiveDocs.liveUri(server.port(), created.get("id").asText());
            LiveTestClient.Listener none = new LiveTestClient.Listener() {
            };
            try (LiveTestClient alice = new LiveTestClient(http, live, "alice", "Alice Rapporteur", none).connect();
                 LiveTestClient bob = new LiveTestClient(http, live, "bob", "Bob Rapporteur", none).connect()) {
                alice.sendRaw("{\"type\":\"presence\",\"clauseId\":" + q(ids.get(3)) + ",\"caret\":4}");
                bob.sendRaw("{\"type\":\"presence\",\"clauseId\":" + q(ids.get(2)) + ",\"caret\":0}");
                for (LiveTestClient viewer : List.of(alice, bob)) {
                    viewer.await(() -> {
                        Map<String, JsonNode> people = people(viewer.presence());
                        return people.size() == 2 && at(people.get("alice"), ids.get(3), 4)
                                && at(people.get("bob"), ids.get(2), 0);
                    }, 10_000, "presence of both");
                    Map<String, JsonNode> people = people(viewer.presence());
                    assertEquals("Alice Rapporteur", people.get("alice").get("name").asText());
                    assertEquals("Bob Rapporteur", people.get("bob").get("name").asText());
                    assertNotNull(people.get("alice").get("connectionId").asText(null));
                    assertFalse(people.get("alice").get("connectionId").equals(people.get("bob").get("connectionId")));
                }
                // Leaving a clause: null clause and caret.
                bob.sendRaw("{\"type\":\"presence\",\"clauseId\":null,\"caret\":null}");
                alice.await(() -> {
                    JsonNode b = people(alice.presence()).get("bob");
                    return b != null && b.get("clauseId").isNull() && b.get("caret").isNull();
                }, 10_000, "bob leaves his clause");
                int framesBefore = alice.presenceFrames();
                bob.disconnect();
                alice.await(() -> alice.presenceFrames() > framesBefore && people(alice.presence()).size() == 1,
                        10_000, "a presence frame without bob");
                Map<String, JsonNode> people = people(alice.presence());
                assertEquals(List.of("alice"), List.copyOf(people.keySet()));
                assertTrue(at(people.get("alice"), ids.get(3), 4), people::toString);
            }
        }
    }

    /** By the first name, lowercased. A client id is private to its socket: presence never shows it. */
    private static Map<String, JsonNode> people(JsonNode presence) {
        Map<String, JsonNode> byName = new HashMap<>();
        if (presence != null) {
            presence.forEach(p -> {
                assertFalse(p.has("clientId"), () -> "presence shows a client id: " + p);
                byName.put(p.get("name").asText().split(" ")[0].toLowerCase(java.util.Locale.ROOT), p);
            });
        }
        return byName;
    }

    private static boolean at(JsonNode person, String clauseId, int caret) {
        return person != null && clauseId.equals(person.path("clauseId").asText(null))
                && person.path("caret").isInt() && person.get("caret").asInt() == caret;
    }

    private static List<String> numbers(JsonNode document) {
        List<String> numbers = new ArrayList<>();
        document.get("clauses").forEach(c -> numbers.add(c.get("number").isNull() ? null : c.get("number").asText()));
        return numbers;
    }

    private static JsonNode commit(RawLiveSocket socket, long seq, String change) throws Exception {
        return socket.commit(seq, change);
    }
}
