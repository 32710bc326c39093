package plenary.live;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import plenary.editing.TextOp;
import plenary.http.HttpTestClient;
import plenary.server.ChildServer;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static plenary.live.LiveDocs.q;

/**
 * An acknowledged live edit survives kill -9 of the server, exactly once: three clients append
 * unique tokens, the server is killed while edits are in flight, and after a restart on the same
 * data every acknowledged token is there once, nothing is there twice, a resubmission of the edit
 * that was in flight (same clientId and seq) is applied at most once, and the old clients reconnect
 * and converge. Two rounds: a kill right after ~200 acks (in-flight edits usually not yet stored),
 * then, on the restarted server, a kill once the store is ahead of what clients have seen (in-flight
 * edits usually stored but unacknowledged, so their resubmission must be a duplicate).
 */
@Tag("integration")
class LiveCrashTest {
    private static final Pattern TOKEN = Pattern.compile("\\[[a-z]\\d+\\]");
    private static final int ACKED_BEFORE_KILL = 200;

    @TempDir
    Path dataDir;
    @TempDir
    Path logDir;

    private final List<ChildServer> children = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void killChildren() {
        children.forEach(ChildServer::close);
    }

    /**
     * One client and what it sent. Every edit is a separate submission made while connected and
     * idle, so the client numbers them 1, 2, 3…: token k of a typist is its submission seq k.
     */
    private static final class Typist implements LiveTestClient.Listener {
        final String letter;
        final String ownClause;
        final String sharedClause;
        LiveTestClient client;
        final List<String> submitted = Collections.synchronizedList(new ArrayList<>());
        final Set<String> acked = ConcurrentHashMap.newKeySet();
        final AtomicInteger acks = new AtomicInteger();
        int made;
        volatile String pendingToken;
        volatile String pendingClause;
        volatile long pendingSeq;

        Typist(String letter, String ownClause, String sharedClause) {
            this.letter = letter;
            this.ownClause = ownClause;
            this.sharedClause = sharedClause;
        }

        String clientId() {
            return "crash-" + letter;
        }

        /** Fires inside the client, on the commit that acknowledges the one submission in flight. */
        @Override
        public void acked(long latencyNanos) {
            String token = pendingToken;
            if (token != null && acked.add(token)) {
                acks.incrementAndGet();
            }
        }

        /** Token k goes to the shared clause when k is a multiple of 3, else to the typist's own. */
        String clauseOf(String token) {
            return clauseOf(Integer.parseInt(token.substring(2, token.length() - 1)));
        }

        String clauseOf(int k) {
            return k % 3 == 0 ? sharedClause : ownClause;
        }

        /** The submission in flight when the server died, if any. */
        boolean inFlight() {
            return pendingToken != null && !acked.contains(pendingToken);
        }

        /** Appends tokens, one acknowledged edit at a time, until stopped or the server goes away. */
        void type(AtomicBoolean stop) {
            while (!stop.get()) {
                int before = acks.get();
                String token;
                try {
                    synchronized (client) {
                        if (!client.connected()) {
                            return; // the server was killed under us
                        }
                        // Connected, idle and joined: edit() gives this edit the next seq and sends it at once.
                        int k = ++made;
                        token = "[" + letter + k + "]";
                        String clause = clauseOf(k);
                        pendingClause = clause;
                        pendingSeq = k;
                        pendingToken = token;
                        submitted.add(token);
                        String text = client.text(clause);
                        client.edit(clause, TextOp.builder().retain(text.length()).insert(token).build());
                    }
                    client.await(() -> acks.get() > before || stop.get(), 15_000, "ack of " + token);
                } catch (RuntimeException | TimeoutException e) {
                    return; // the send failed or no ack came: the server was killed under us
                }
                if (acks.get() == before) {
                    return;
                }
            }
        }
    }

    /** How a round ends: kill at once after the acks, or once some unacknowledged edits are stored. */
    private enum Kill { RIGHT_AFTER_ACKS, WHEN_STORED_AHEAD_OF_ACKS }

    @Test
    void acknowledgedEditsSurviveSigkillExactlyOnce() throws Exception {
        ChildServer server = start(0);
        String documentId;
        List<Typist> typists = new ArrayList<>();
        try (HttpTestClient rest = signedIn(server.baseUri())) {
            JsonNode created = LiveDocs.create(rest, """
                    # Crash draft

                    1. Alpha's clause
                    2. Bravo's clause
                    3. Charlie's clause
                    4. Everyone's clause
                    """);
            documentId = created.get("id").asText();
            List<String> ids = LiveDocs.ids(created);
            assertEquals(4, ids.size(), created::toString);
            URI live = LiveDocs.liveUri(server.port(), documentId);
            for (int i = 0; i < 3; i++) {
                Typist typist = new Typist(String.valueOf((char) ('a' + i)), ids.get(i), ids.get(3));
                typist.client = new LiveTestClient(http, live, typist.clientId(), "Typist " + typist.letter, typist)
                        .connect();
                typists.add(typist);
            }
        }
        Map<String, Typist> byToken = new ConcurrentHashMap<>();
        Set<String> acked = new LinkedHashSet<>();
        Map<String, Integer> outcomes = new HashMap<>();
        int target = 0;
        for (Kill kill : List.of(Kill.RIGHT_AFTER_ACKS, Kill.WHEN_STORED_AHEAD_OF_ACKS)) {
            target += kill == Kill.RIGHT_AFTER_ACKS ? ACKED_BEFORE_KILL : ACKED_BEFORE_KILL / 2;
            server = crashRound(server, documentId, typists, target, kill, byToken, acked, outcomes);
        }
        System.out.println("LiveCrashTest: " + acked.size() + " edits acknowledged or resubmitted, "
                + byToken.size() + " typed; in-flight edits at the kills: " + outcomes);
        for (LiveTestClient c : typists.stream().map(t -> t.client).toList()) {
            assertEquals(List.of(), c.errors(), c.clientId());
            c.close();
        }
    }

    /**
     * Types until {@code target} acknowledgements in all, kills the server, restarts it on the same
     * port and data, checks the tokens, resubmits what was in flight, reconnects the clients and
     * checks they converge. Returns the new server.
     */
    private ChildServer crashRound(ChildServer server, String documentId, List<Typist> typists, int target,
                                       Kill kill, Map<String, Typist> byToken, Set<String> acked,
                                       Map<String, Integer> outcomes) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(typists.size());
        List<Future<?>> typing = new ArrayList<>();
        for (Typist t : typists) {
            typing.add(pool.submit(() -> t.type(stop)));
        }
        try (HttpTestClient rest = signedIn(server.baseUri())) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (typists.stream().mapToInt(t -> t.acks.get()).sum() < target) {
                if (System.nanoTime() > deadline) {
                    stop.set(true);
                    fail("only " + typists.stream().mapToInt(t -> t.acks.get()).sum() + " acks in 120 s; errors "
                            + typists.stream().map(t -> t.client.errors()).toList());
                }
                Thread.sleep(2);
            }
            if (kill == Kill.WHEN_STORED_AHEAD_OF_ACKS) {
                // Wait (briefly) until the store holds a revision no client has seen yet.
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (System.nanoTime() < until) {
                    long seen = typists.stream().mapToLong(t -> t.client.revision()).max().orElse(0);
                    if (headRevision(rest, documentId) > seen) {
                        break;
                    }
                }
            }
        }
        // Pull the plug while the typists keep typing.
        server.kill();
        stop.set(true);
        for (Future<?> f : typing) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertEquals(137, server.process().exitValue(), "killed by SIGKILL");
        for (Typist t : typists) {
            assertEquals(List.of(), t.client.errors(), "no refusals before the kill");
            for (String token : List.copyOf(t.submitted)) {
                byToken.put(token, t);
            }
            acked.addAll(t.acked);
        }
        assertTrue(acked.size() >= target, "acked " + acked.size());

        ChildServer restarted = start(server.port());
        try (HttpTestClient rest = signedIn(restarted.baseUri())) {
            String firstOutput = tail(server.output());
            assertTokens(LiveDocs.getJson(rest, "/api/documents/" + documentId), typists, byToken, acked,
                    kill + ", after the restart (killed child's output:\n" + firstOutput + ")");

            // The submission in flight at the kill, resubmitted with the same clientId and seq: applied
            // if it was lost, acknowledged as a duplicate if it had been stored. Never twice.
            for (Typist t : typists) {
                if (!t.inFlight()) {
                    continue;
                }
                String token = t.pendingToken;
                JsonNode clause = LiveDocs.clause(LiveDocs.getJson(rest, "/api/documents/" + documentId),
                        t.pendingClause);
                boolean stored = clause.get("text").asText().contains(token);
                outcomes.merge(kill + (stored ? " stored" : " lost"), 1, Integer::sum);
                try (RawLiveSocket again = RawLiveSocket.joined(http, LiveDocs.liveUri(restarted.port(), documentId),
                        t.clientId(), "Typist " + t.letter)) {
                    int mark = again.submit(t.pendingSeq, "{\"type\":\"text\",\"clauseId\":" + q(t.pendingClause)
                            + ",\"version\":" + clause.get("version").asLong() + ",\"op\":["
                            + clause.get("text").asText().length() + "," + q(token) + "]}");
                    JsonNode answer = again.await(mark, m -> RawLiveSocket.type(m).equals("ack")
                            || RawLiveSocket.type(m).equals("error") || ownCommit(m, t.clientId(), t.pendingSeq),
                            "the answer to the resubmission of " + token);
                    if (stored) {
                        assertEquals("ack", answer.get("type").asText(), "stored before the kill: " + answer);
                        assertTrue(answer.get("duplicate").asBoolean(), answer::toString);
                        assertEquals(t.pendingSeq, answer.get("seq").asLong());
                        long revision = answer.get("revision").asLong();
                        String base = "/api/documents/" + documentId + "/revisions/";
                        assertTrue(LiveDocs.getJson(rest, base + revision).toString().contains(token),
                                "the duplicate ack names the revision that applied " + token);
                        assertFalse(LiveDocs.getJson(rest, base + (revision - 1)).toString().contains(token));
                    } else {
                        assertEquals("ops", answer.get("type").asText(), "lost in the kill, so applied now: " + answer);
                    }
                }
                acked.add(token);
            }
            assertTokens(LiveDocs.getJson(rest, "/api/documents/" + documentId), typists, byToken, acked,
                    kill + ", after resubmitting");

            // The old clients reconnect (same clientId; their seq numbering goes on) and converge.
            List<LiveTestClient> clients = typists.stream().map(t -> t.client).toList();
            for (LiveTestClient c : clients) {
                c.connect();
            }
            LiveDocs.assertConverged(rest, documentId, clients);
            assertTokens(LiveDocs.getJson(rest, "/api/documents/" + documentId), typists, byToken, acked,
                    kill + ", after reconnecting");
        }
        return restarted;
    }

    /**
     * Every acknowledged token once; every token present was submitted and is present once, in its
     * clause; each typist's tokens in a clause keep the order they were typed in.
     */
    private static void assertTokens(JsonNode document, List<Typist> typists, Map<String, Typist> byToken,
                                     Set<String> acked, String when) {
        Map<String, Integer> counts = new HashMap<>();
        Map<String, List<String>> perClause = new HashMap<>();
        for (JsonNode clause : document.get("clauses")) {
            String id = clause.get("id").asText();
            Matcher m = TOKEN.matcher(clause.get("text").asText());
            List<String> found = new ArrayList<>();
            while (m.find()) {
                String token = m.group();
                counts.merge(token, 1, Integer::sum);
                found.add(token);
                Typist owner = byToken.get(token);
                assertTrue(owner != null, when + ": " + token + " was never typed");
                assertEquals(owner.clauseOf(token), id, when + ": " + token + " is in the wrong clause");
            }
            perClause.put(id, found);
        }
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            assertEquals(1, e.getValue(), when + ": " + e.getKey() + " appears " + e.getValue() + " times");
        }
        for (String token : acked) {
            assertEquals(1, counts.getOrDefault(token, 0), when + ": acknowledged " + token + " is missing");
        }
        for (Typist t : typists) {
            // Only t's tokens can be in t's own clause (checked above): they keep their typing order.
            List<String> own = perClause.get(t.ownClause);
            List<String> typed = new ArrayList<>(List.copyOf(t.submitted));
            typed.retainAll(own);
            assertEquals(typed, own, when + ": order in " + t.ownClause);
            List<String> shared = new ArrayList<>(perClause.get(t.sharedClause));
            shared.removeIf(token -> byToken.get(token) != t);
            List<String> sharedTyped = new ArrayList<>(List.copyOf(t.submitted));
            sharedTyped.retainAll(shared);
            assertEquals(sharedTyped, shared, when + ": order of " + t.letter + " in the shared clause");
        }
    }

    /** The stored head revision from the document list: one cheap query, no replay of the log. */
    private static long headRevision(HttpTestClient rest, String documentId) {
        for (JsonNode d : LiveDocs.getJson(rest, "/api/documents").get("documents")) {
            if (d.get("id").asText().equals(documentId)) {
                return d.get("revision").asLong();
            }
        }
        throw new AssertionError("document " + documentId + " is not listed");
    }

    private static boolean ownCommit(JsonNode message, String clientId, long seq) {
        if (!RawLiveSocket.type(message).equals("ops")) {
            return false;
        }
        for (JsonNode commit : message.get("ops")) {
            if (clientId.equals(commit.path("clientId").asText()) && commit.path("seq").asLong() == seq) {
                return true;
            }
        }
        return false;
    }

    private ChildServer start(int port) throws Exception {
        Path log = logDir.resolve("child-" + (children.size() + 1) + ".log");
        // A 50 ms broadcast tick widens the window between "stored" and "acknowledged", so the kill
        // usually finds some in-flight edits already stored (their resubmission must be a duplicate)
        // and some not yet stored (their resubmission must be applied).
        ChildServer child = ChildServer.start(dataDir, log, port, "--no-samples", "--tick-ms", "50");
        children.add(child);
        return child;
    }

    private static String tail(String output) {
        return output.length() <= 4000 ? output : output.substring(output.length() - 4000);
    }

    private static HttpTestClient signedIn(java.net.URI base) {
        HttpTestClient http = new HttpTestClient(base);
        return http.bearer(plenary.http.TestPeople.drafter(http));
    }
}
