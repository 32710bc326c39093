package plenary.live;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import plenary.document.Seeds;
import plenary.editing.Component;
import plenary.editing.TextOp;
import plenary.http.RunningServer;
import plenary.people.SocketProbe;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real servers, real JDK WebSocket clients, real H2 files: the live path end to end. */
@Tag("integration")
class LiveEditingTest {
    @TempDir
    Path dir;

    @Test
    void fiveClientsTypingConcurrentlyConvergeAndSurviveARestart() throws Exception {
        long seed = Seeds.base();
        Map<String, String> before;
        String documentId;
        try (RunningServer server = RunningServer.start(dir, "--no-samples");
             LiveFixture fixture = new LiveFixture(server)) {
            documentId = fixture.documentId;
            List<LiveTestClient> clients = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                clients.add(fixture.client("typist" + i));
            }
            // Everyone types into operative 2, and some also into its neighbours.
            List<String> targets = List.of(fixture.clauseIds.get(1), fixture.clauseIds.get(2), fixture.clauseIds.get(2),
                    fixture.clauseIds.get(3));
            ExecutorService pool = Executors.newFixedThreadPool(clients.size());
            List<Future<?>> typing = new ArrayList<>();
            for (int i = 0; i < clients.size(); i++) {
                LiveTestClient client = clients.get(i);
                SplittableRandom random = new SplittableRandom(seed + i);
                typing.add(pool.submit(() -> {
                    for (int k = 0; k < 60; k++) {
                        String clause = targets.get(random.nextInt(targets.size()));
                        synchronized (client) {
                            client.edit(clause, randomEdit(random, client.text(clause), client.clientId()));
                        }
                        Thread.sleep(random.nextInt(0, 4));
                    }
                    return null;
                }));
            }
            for (Future<?> f : typing) {
                f.get();
            }
            pool.shutdown();
            try {
                fixture.assertConverged(clients);
            } catch (AssertionError e) {
                throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
            }
            for (LiveTestClient c : clients) {
                assertEquals(List.of(), c.errors(), "no refusals while typing");
                assertTrue(c.acked() > 0, "every client had acknowledgements");
            }
            before = fixture.storedTexts();
            assertTrue(fixture.storedRevision() > 0);
        }
        try (RunningServer restarted = RunningServer.start(dir, "--no-samples")) {
            JsonNode document = restarted.getJson("/api/documents/" + documentId);
            Map<String, String> after = new java.util.LinkedHashMap<>();
            document.get("clauses").forEach(c -> after.put(c.get("id").asText(), c.get("text").asText()));
            assertEquals(before, after, "the text after a restart is the text before it");
        }
    }

    @Test
    void aClientThatMissedAThousandOpsCatchesUp() throws Exception {
        try (RunningServer server = RunningServer.start(dir, "--no-samples", "--ws-rate", "100000", "--ws-burst", "100000");
             LiveFixture fixture = new LiveFixture(server)) {
            LiveTestClient away = fixture.client("away");
            LiveTestClient busy = fixture.client("busy");
            String clause = fixture.clauseIds.get(1);
            away.disconnect();
            // A thousand separate submissions, all written against version 0: the server transforms each.
            for (int i = 1; i <= 1_000; i++) {
                busy.sendRaw("{\"type\":\"submit\",\"seq\":" + i + ",\"change\":{\"type\":\"text\",\"clauseId\":\""
                        + clause + "\",\"version\":0,\"op\":[\"" + (i % 10 == 0 ? "\\n" : "x") + "\"]}}");
            }
            busy.await(() -> busy.revision() >= 1_000, 60_000, "a thousand commits");
            assertEquals(List.of(), busy.errors());
            long revisionBefore = away.revision();
            away.connect();
            fixture.assertConverged(List.of(away, busy));
            assertEquals(revisionBefore + 1_000, away.revision());
            assertTrue(away.text(clause).startsWith("x"), away.text(clause));
        }
    }

    @Test
    void aResubmissionIsAcknowledgedButNotAppliedTwice() throws Exception {
        try (RunningServer server = RunningServer.start(dir, "--no-samples");
             LiveFixture fixture = new LiveFixture(server)) {
            LiveTestClient client = fixture.client("twice");
            String clause = fixture.clauseIds.get(1);
            String submit = "{\"type\":\"submit\",\"seq\":7,\"change\":{\"type\":\"text\",\"clauseId\":\"" + clause
                    + "\",\"version\":0,\"op\":[\"Once: \"]}}";
            client.sendRaw(submit);
            client.await(() -> client.text(clause).startsWith("Once: "), 10_000, "the first submission");
            client.sendRaw(submit);
            LiveTestClient observer = fixture.client("observer");
            observer.await(() -> observer.idle(), 10_000, "observer");
            assertEquals(1, fixture.storedRevision(), "applied once");
            assertTrue(fixture.storedTexts().get(clause).startsWith("Once: *Calls"), fixture.storedTexts().get(clause));
        }
    }

    @Test
    void anAppliedSubmissionIsSavedAtOnceAndItsCommitFollows() throws Exception {
        try (RunningServer server = RunningServer.start(dir, "--no-samples");
             LiveFixture fixture = new LiveFixture(server);
             SocketProbe author = (SocketProbe) SocketProbe.open(HttpClient.newHttpClient(), fixture.liveUri(), server.token());
             SocketProbe other = (SocketProbe) SocketProbe.open(HttpClient.newHttpClient(), fixture.liveUri(), server.token())) {
            for (SocketProbe socket : List.of(author, other)) {
                socket.send("{\"type\":\"join\",\"clientId\":\"c" + System.identityHashCode(socket) + "\",\"since\":-1}");
                socket.await(0, m -> SocketProbe.type(m, "joined"));
            }
            String clause = fixture.clauseIds.get(1);
            for (int seq = 1; seq <= 3; seq++) {
                int mark = author.mark();
                author.send("{\"type\":\"submit\",\"seq\":" + seq + ",\"change\":{\"type\":\"text\",\"clauseId\":\""
                        + clause + "\",\"version\":" + (seq - 1) + ",\"op\":[\"" + seq + "\"]}}");
                int s = seq;
                JsonNode saved = author.await(mark, m -> SocketProbe.type(m, "saved"));
                assertEquals(seq, saved.get("seq").asLong());
                assertEquals(seq, saved.get("revision").asLong(), "the revision its commit has");
                // The commit comes in an ops frame, to the author and everyone else alike.
                for (SocketProbe socket : List.of(author, other)) {
                    JsonNode ops = socket.await(0, m -> SocketProbe.type(m, "ops") && m.get("ops").get(0).get("seq").asLong() == s);
                    assertEquals(seq, ops.get("ops").get(0).get("revision").asLong());
                }
            }
            assertEquals(0, other.received().stream().filter(m -> SocketProbe.type(m, "saved")).count(),
                    "only the author is told");
            assertEquals(3, fixture.storedRevision());
        }
    }

    /** Inserts or deletes at a random place, never cutting a surrogate pair. */
    static TextOp randomEdit(SplittableRandom random, String text, String author) {
        int position = random.nextInt(text.length() + 1);
        if (position > 0 && position < text.length() && Character.isLowSurrogate(text.charAt(position))) {
            position--;
        }
        if (random.nextInt(3) == 0 && position < text.length()) {
            int end = Math.min(text.length(), position + random.nextInt(1, 4));
            if (end < text.length() && Character.isLowSurrogate(text.charAt(end))) {
                end++;
            }
            return TextOp.builder().retain(position).delete(end - position).build();
        }
        String insert = random.nextInt(5) == 0 ? "é🌍" : author.substring(author.length() - 1);
        return TextOp.builder().retain(position).insert(insert).build();
    }
}
