package plenary.live;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import plenary.http.HttpTestClient;
import plenary.http.TestPeople;
import plenary.server.ChildServer;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Three Plenary nodes, real processes joined by Vert.x clustering (Hazelcast), on one PostgreSQL
 * database (issue 18). In order, on one cluster: people typing through every node converge, each
 * node's readers see the same text and each node's export has it; comments posted through each
 * node are found by every node's search; a sign-out through one node closes the person's sockets on the
 * others; the document's writer is killed (SIGKILL) while people type and another node takes it
 * over with no acknowledged edit lost; and the new writer, paused (SIGSTOP) past its lease while
 * the last node takes over, writes nothing when it resumes (SIGCONT), steps down, and its node
 * serves the document again through the new writer; and a silence procedure whose writer dies
 * before its deadline is concluded, once, by the node that takes the document over.
 */
@Tag("integration")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterLiveTest {
    /** Seconds: short, so a takeover comes soon; long enough that a busy machine renews in time. */
    private static final int LEASE_SECONDS = 4;
    private static final Pattern TOKEN = Pattern.compile("\\[(n\\d[a-z]?)(\\d+)]");

    @TempDir
    static Path dir;

    private static ClusterNodes cluster;
    private static String documentId;
    private static String token;
    /** What the three nodes, started together, left in the empty database before any test. */
    private static long documentsAtStart;
    private static long sampleMeetings;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Every token typed and every one acknowledged, across the whole class. */
    private static final Set<String> submitted = ConcurrentHashMap.newKeySet();
    private static final Set<String> acked = ConcurrentHashMap.newKeySet();
    private static final AtomicLong maxAckedRevision = new AtomicLong();
    private static final Map<String, Integer> counters = new ConcurrentHashMap<>();

    @BeforeAll
    static void startCluster() throws Exception {
        // Started side by side on an empty database with the samples to load: they race to seed it.
        cluster = new ClusterNodes(dir, 3, LEASE_SECONDS, true).startAll();
        documentsAtStart = cluster.count("documents");
        sampleMeetings = cluster.count("meetings WHERE name = ?", "Human Rights Go Local 2022 (sample)");
        try (HttpTestClient rest = rest(0)) {
            token = TestPeople.drafter(rest);
            // Paragraphs 1 to 3 for the typists through each node, 4 for a client that roams.
            documentId = LiveDocs.create(rest.bearer(token),
                    "# On three nodes\n\n1. First.\n2. Second.\n3. Third.\n4. Fourth.\n").get("id").asText();
        }
    }

    /** Every typing started, stopped after each test whether it passed or not. */
    private static final List<Typing> TYPING = new java.util.concurrent.CopyOnWriteArrayList<>();

    @org.junit.jupiter.api.AfterEach
    void stopTyping() {
        TYPING.forEach(Typing::close);
        TYPING.clear();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(0)
    void nodesStartedTogetherOnAnEmptyDatabaseLoadTheSamplesOnce() {
        // Two sample drafts and one adopted text, in one sample meeting: what one server alone loads.
        assertEquals(3, documentsAtStart, "sample documents after three nodes started together");
        assertEquals(1, sampleMeetings, "sample meetings after three nodes started together");
    }

    @Test
    @Order(1)
    void peopleTypingThroughEveryNodeConverge() throws Exception {
        // Three readers on each node, besides its typist: a frame that crossed to a node once per
        // socket, not once per node, would show in the frame counters below.
        List<LiveTestClient> readers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            for (int k = 0; k < 3; k++) {
                readers.add(new LiveTestClient(HTTP, LiveDocs.liveUri(cluster.node(i).port(), documentId),
                        "reader" + i + "-" + k).withToken(token).connect());
            }
        }
        Typing typing = new Typing(List.of(0, 1, 2));
        await(() -> typing.ackedBy(List.of(0, 1, 2)) >= 15, 120, "15 edits acknowledged through each node");
        typing.stop();
        assertEquals(List.of(), typing.refusals(), "nothing refused while every node runs");
        int owner = cluster.owner(documentId);
        assertTrue(owner >= 0, "one of the nodes writes the document");
        for (int i = 0; i < 3; i++) {
            try (HttpTestClient rest = rest(i)) {
                // Each node's reader follows every commit, wherever it was typed, in order.
                LiveDocs.assertConverged(rest.bearer(token), documentId, readers.subList(3 * i, 3 * i + 3));
                assertEveryAcknowledgedEditOnce(rest);
                // Each node's export is the writer's text, wherever that writer runs.
                HttpResponse<String> html = rest.get("/api/documents/" + documentId + "/export?format=html");
                assertEquals(200, html.statusCode(), html::body);
                List<String> notExported = acked.stream().filter(t -> !html.body().contains(t)).toList();
                assertEquals(List.of(), notExported, "node " + i + "'s export lacks acknowledged edits");
            }
        }
        // Each frame crossed to each other node once: read what they received before what the writer's
        // node published, so frames still on their way cannot make the first exceed the second.
        Map<Integer, Double> received = new TreeMap<>();
        for (int i = 0; i < 3; i++) {
            received.put(i, metric(cluster.node(i).metrics(), "plenary_cluster_frames_received_total"));
        }
        double published = metric(cluster.node(owner).metrics(), "plenary_live_frames_published_total");
        assertEquals(0.0, received.get(owner), "the writer's node publishes to its own sockets locally");
        for (int i = 0; i < 3; i++) {
            if (i != owner) {
                assertTrue(received.get(i) > 0 && received.get(i) <= published, "node " + i + " received "
                        + received.get(i) + " frames from the bus for " + published + " published by node " + owner);
            }
        }

        // A comment through each node reaches the writer (REST over the event bus), and every node's
        // search index follows what was written through the others.
        String paragraph;
        try (HttpTestClient rest = rest(0)) {
            paragraph = LiveDocs.ids(LiveDocs.getJson(rest.bearer(token), "/api/documents/" + documentId)).getFirst();
        }
        List<String> words = List.of("quinoaberry", "cloudberryish", "lingonberrylike");
        for (int i = 0; i < 3; i++) {
            try (HttpTestClient rest = rest(i)) {
                HttpResponse<String> posted = rest.bearer(token).postJson("/api/documents/" + documentId + "/comments",
                        "{\"targetId\":\"" + paragraph + "\",\"body\":\"Posted through node " + i + ": "
                                + words.get(i) + "\"}");
                assertEquals(201, posted.statusCode(), posted::body);
            }
        }
        for (int i = 0; i < 3; i++) {
            try (HttpTestClient rest = rest(i)) {
                for (String word : words) {
                    int node = i;
                    await(() -> searchFinds(rest.bearer(token), word), 60, "node " + node + " finds " + word);
                }
            }
        }
        readers.forEach(LiveTestClient::close);
    }

    @Test
    @Order(2)
    void aSignOutThroughOneNodeClosesTheSocketsOnTheOthers() throws Exception {
        String laptop;
        try (HttpTestClient rest = rest(1)) {
            laptop = TestPeople.signIn(rest, TestPeople.DRAFTER, TestPeople.DRAFTER_PASSWORD);
        }
        LiveTestClient onNode1 = new LiveTestClient(HTTP, LiveDocs.liveUri(cluster.node(1).port(), documentId),
                "laptop1").withToken(laptop).connect();
        LiveTestClient onNode2 = new LiveTestClient(HTTP, LiveDocs.liveUri(cluster.node(2).port(), documentId),
                "laptop2").withToken(laptop).connect();
        try (HttpTestClient rest = rest(0)) {
            // Node 1 has the session cached now: the sign-out must reach it, not wait for the cache.
            try (HttpTestClient onNode1Rest = rest(1)) {
                assertEquals(200, onNode1Rest.bearer(laptop).get("/api/session").statusCode());
            }
            assertEquals(204, rest.bearer(laptop).delete("/api/session").statusCode());
        }
        onNode1.await(() -> !onNode1.connected(), 30_000, "the socket on node 1 closed");
        onNode2.await(() -> !onNode2.connected(), 30_000, "the socket on node 2 closed");
        assertTrue(onNode1.closeReasons().stream().anyMatch(r -> r.startsWith("4001")), onNode1.closeReasons()::toString);
        assertTrue(onNode2.closeReasons().stream().anyMatch(r -> r.startsWith("4001")), onNode2.closeReasons()::toString);
        try (HttpTestClient rest = rest(1)) {
            assertEquals(401, rest.bearer(laptop).get("/api/session").statusCode());
        }
    }

    @Test
    @Order(3)
    void whenTheWriterIsKilledAnotherNodeTakesOverAndNoAcknowledgedEditIsLost() throws Exception {
        int owner = cluster.owner(documentId);
        long tokenBefore = cluster.lease(documentId).token();
        List<Integer> others = survivors(owner, List.of(0, 1, 2));
        Typing typing = new Typing(List.of(0, 1, 2));
        // A browser on the writer's node, with edits queued behind the one in flight when it dies: it
        // reconnects to another node and resubmits with the same seq.
        String fourth;
        try (HttpTestClient rest = rest(owner)) {
            fourth = LiveDocs.ids(LiveDocs.getJson(rest.bearer(token), "/api/documents/" + documentId)).get(3);
        }
        LiveTestClient roamer = new LiveTestClient(HTTP, LiveDocs.liveUri(cluster.node(owner).port(), documentId),
                "roamer").withToken(token).connect();
        AtomicBoolean roaming = new AtomicBoolean(true);
        AtomicLong roamed = new AtomicLong();
        Thread roamerTyping = Thread.ofVirtual().start(() -> {
            while (roaming.get()) {
                String mark = "[r" + roamed.incrementAndGet() + "]";
                synchronized (roamer) {
                    roamer.edit(fourth, plenary.editing.TextOp.builder().retain(roamer.text(fourth).length())
                            .insert(mark).build());
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        await(() -> typing.ackedBy(List.of(owner)) >= 5, 120, "edits acknowledged through the writer's node");
        long killed = System.nanoTime();
        cluster.node(owner).kill();
        // Acknowledgements after the lease moved are the new writer's: the old one is dead.
        await(() -> others.stream().anyMatch(ClusterLiveTest::ownerIs), 120, "another node took the lease");
        int ackedAtTakeover = acked.size();
        await(() -> acked.size() > ackedAtTakeover, 120, "an edit acknowledged by the new writer");
        long failoverMillis = (System.nanoTime() - killed) / 1_000_000;
        roamer.await(() -> !roamer.connected(), 30_000, "the roamer's socket ended with its node");
        roamer.moveTo(LiveDocs.liveUri(cluster.node(others.getFirst()).port(), documentId)).connect();
        await(() -> typing.ackedBy(others) >= 10 + acked.size() / 100, 120, "typing on after the takeover");
        typing.stop();
        roaming.set(false);
        roamerTyping.join();
        int newOwner = cluster.owner(documentId);
        System.out.printf(Locale.ROOT, "kill -9 of node %d (the writer): first edit acknowledged after %d ms,"
                + " by node %d's writer (lease %d s)%n", owner, failoverMillis, newOwner, LEASE_SECONDS);
        assertTrue(others.contains(newOwner), "a surviving node writes the document, not " + newOwner);
        assertTrue(cluster.lease(documentId).token() > tokenBefore, "the takeover moved the fencing token on");
        assertOnlyExpectedRefusals(typing.refusals());
        try (HttpTestClient rest = rest(others.getFirst())) {
            assertEveryAcknowledgedEditOnce(rest);
            // Every edit the roamer made is there exactly once, the one resubmitted after the move too.
            LiveDocs.assertConverged(rest.bearer(token), documentId, List.of(roamer));
            String text = LiveDocs.texts(LiveDocs.getJson(rest.bearer(token), "/api/documents/" + documentId))
                    .get(fourth);
            for (long r = 1; r <= roamed.get(); r++) {
                String mark = "[r" + r + "]";
                assertEquals(text.indexOf(mark), text.lastIndexOf(mark), mark + " twice in " + text);
                assertTrue(text.contains(mark), mark + " missing from " + text);
            }
            assertEquals(List.of(), roamer.errors(), "the roamer was refused nothing");
        }
        roamer.close();
    }

    @Test
    @Order(4)
    void aWriterPausedPastItsLeaseWritesNothingWhenItResumes() throws Exception {
        int dead = deadNode();
        List<Integer> alive = survivors(dead, List.of(0, 1, 2));
        int paused = cluster.owner(documentId);
        int other = survivors(paused, alive).getFirst();
        long tokenBefore = cluster.lease(documentId).token();
        Typing typing = new Typing(alive);
        await(() -> typing.ackedBy(List.of(paused)) >= 5, 120, "edits acknowledged through the writer's node");
        long stopped = System.nanoTime();
        cluster.signal(paused, "STOP");
        long leaseTaken;
        long tookOver;
        try {
            int ackedAtPause = acked.size();
            await(() -> ownerIs(other), 120, "node " + other + " took the document's lease");
            leaseTaken = System.nanoTime();
            await(() -> acked.size() > ackedAtPause + 3, 120, "node " + other + " acknowledged edits");
            tookOver = System.nanoTime();
        } finally {
            cluster.signal(paused, "CONT");
        }
        long resumed = System.nanoTime();
        long tokenOfOther = cluster.lease(documentId).token();
        assertTrue(tokenOfOther > tokenBefore, "the takeover moved the fencing token on");
        // The paused writer learns on resuming that its lease is gone, and steps down unasked.
        ChildServer node = cluster.node(paused);
        await(() -> node.output().contains("stepping down as its writer"), 60, "the resumed writer stepped down");
        long steppedDown = System.nanoTime();
        // Its node serves the document again through the new writer: typing through it is acknowledged.
        int ackedViaPaused = typing.ackedBy(List.of(paused));
        await(() -> typing.ackedBy(List.of(paused)) > ackedViaPaused + 3, 180,
                "edits acknowledged through the resumed node");
        long servesAgain = System.nanoTime();
        typing.stop();
        System.out.printf(Locale.ROOT, "SIGSTOP of node %d (the writer): node %d took the lease after %d ms and"
                        + " acknowledged edits after %d ms; after SIGCONT node %d stepped down within %d ms and"
                        + " acknowledged edits through the new writer after %d ms%n", paused, other,
                (leaseTaken - stopped) / 1_000_000, (tookOver - stopped) / 1_000_000, paused,
                (steppedDown - resumed) / 1_000_000, (servesAgain - resumed) / 1_000_000);
        assertEquals(other, cluster.owner(documentId), "the document stayed with the node that took it");
        assertEquals(tokenOfOther, cluster.lease(documentId).token(), "and under the same lease");
        assertOnlyExpectedRefusals(typing.refusals());
        for (int i : alive) {
            try (HttpTestClient rest = rest(i)) {
                assertEveryAcknowledgedEditOnce(rest);
            }
        }
    }

    private static boolean ownerIs(int node) {
        try {
            return cluster.owner(documentId) == node;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @Order(5)
    void aSilenceWhoseWriterDiesBeforeItsDeadlineConcludesOnceOnTheNodeThatTakesOver() throws Exception {
        int dead = deadNode();
        int owner = cluster.owner(documentId);
        int other = survivors(owner, survivors(dead, List.of(0, 1, 2))).getFirst();
        String chair;
        try (HttpTestClient rest = rest(other)) {
            String admin = TestPeople.signIn(rest, "admin", TestPeople.ADMIN_PASSWORD);
            String meeting = TestPeople.withToken(rest, admin, () ->
                    HttpTestClient.json(rest.get("/api/meetings")).get("meetings").get(0).get("id").asText());
            TestPeople.invite(rest, admin, meeting, "chair", null, "chair", "chair-password-for-tests", "Chair");
            chair = TestPeople.signIn(rest, "chair", "chair-password-for-tests");
            // Started through the node that does not write the document: it reaches the writer over the bus.
            // Far enough ahead that the request reaches the writer before it, on a busy machine too.
            String deadline = java.time.Instant.now().plusSeconds(10).toString();
            HttpResponse<String> started = rest.bearer(chair).postJson("/api/documents/" + documentId + "/silence",
                    "{\"deadline\":\"" + deadline + "\"}");
            assertEquals(201, started.statusCode(), started::body);
        }
        // The writer dies before the deadline: the node that takes the document over concludes it.
        cluster.node(owner).kill();
        await(() -> eventsOf("silence-concluded") > 0, 120, "the silence concluded");
        assertEquals(other, cluster.owner(documentId), "the surviving node took the document over");
        try (HttpTestClient rest = rest(other)) {
            JsonNode silence = HttpTestClient.json(rest.bearer(chair).get("/api/documents/" + documentId
                    + "/negotiation")).get("silences").get(0);
            assertTrue(silence.get("concluded").asBoolean(), silence::toString);
        }
        assertEquals(1, eventsOf("silence-started"));
        assertEquals(1, eventsOf("silence-concluded"), "concluded exactly once");
    }

    private static boolean searchFinds(HttpTestClient rest, String word) {
        HttpResponse<String> page = rest.get("/api/search?q=" + word);
        assertEquals(200, page.statusCode(), page::body);
        return HttpTestClient.json(page).get("total").asLong() > 0;
    }

    private static int eventsOf(String type) {
        try {
            return cluster.events(documentId, type);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The node killed by the test before, if any (it no longer runs). */
    private static int deadNode() {
        for (int i = 0; i < cluster.size(); i++) {
            if (!cluster.node(i).process().isAlive()) {
                return i;
            }
        }
        return -1;
    }

    private static List<Integer> survivors(int gone, List<Integer> nodes) {
        return nodes.stream().filter(i -> i != gone).toList();
    }

    private static HttpTestClient rest(int node) {
        return new HttpTestClient(cluster.node(node).baseUri());
    }

    /**
     * A writer that died or stepped down makes some submissions fail without an answer as to
     * whether they were stored ({@code unavailable}) or refuses them ({@code not-saved}); each is a
     * token never acknowledged, which the check below allows in the text at most once. Any other
     * refusal is a finding.
     */
    /** A counter's value in a Prometheus scrape (the counter has no labels here). */
    private static double metric(String scrape, String name) {
        Matcher m = Pattern.compile("^" + name + "(\\{[^}]*})? (\\S+)$",
                Pattern.MULTILINE).matcher(scrape);
        assertTrue(m.find(), name + " missing from /metrics");
        return Double.parseDouble(m.group(2));
    }

    private static void assertOnlyExpectedRefusals(List<String> refusals) {
        List<String> unexpected = refusals.stream()
                .filter(r -> !r.contains("\"code\":\"unavailable\"") && !r.contains("\"code\":\"not-saved\"")).toList();
        assertEquals(List.of(), unexpected);
    }

    /** Every acknowledged token once, nothing twice, nothing never typed, no revision lost. */
    private static void assertEveryAcknowledgedEditOnce(HttpTestClient rest) {
        JsonNode document = LiveDocs.getJson(rest.bearer(token), "/api/documents/" + documentId);
        Map<String, Integer> counts = new HashMap<>();
        for (JsonNode clause : document.get("clauses")) {
            Matcher m = TOKEN.matcher(clause.get("text").asText());
            while (m.find()) {
                counts.merge(m.group(), 1, Integer::sum);
            }
        }
        List<String> missing = acked.stream().filter(t -> !counts.containsKey(t)).sorted().toList();
        assertEquals(List.of(), missing, "acknowledged edits missing");
        counts.forEach((t, n) -> {
            assertEquals(1, n, t + " appears " + n + " times");
            assertTrue(submitted.contains(t), t + " was never typed");
        });
        assertTrue(document.get("revision").asLong() >= maxAckedRevision.get(),
                "revision " + document.get("revision") + " is behind the acknowledged " + maxAckedRevision.get());
    }

    private static void await(BooleanSupplier condition, int seconds, String what) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - until > 0) {
                fail("not within " + seconds + " s: " + what);
            }
            Thread.sleep(20);
        }
    }

    /**
     * One typist per node given, each in its own paragraph, typing in rounds: a round ends when its
     * socket closes or the server refuses something (a writer went away), and the next round
     * connects again to the same node and goes on from the stored text.
     */
    private static final class Typing implements AutoCloseable {
        private final AtomicBoolean stop = new AtomicBoolean();
        private final ExecutorService pool;
        private final List<Future<?>> lanes = new ArrayList<>();
        private final Map<Integer, Set<String>> ackedByNode = new ConcurrentHashMap<>();
        private final List<String> refusals = java.util.Collections.synchronizedList(new ArrayList<>());

        Typing(List<Integer> nodes) {
            TYPING.add(this);
            pool = Executors.newFixedThreadPool(nodes.size());
            for (int node : nodes) {
                ackedByNode.put(node, ConcurrentHashMap.newKeySet());
                lanes.add(pool.submit(() -> {
                    type(node);
                    return null;
                }));
            }
        }

        private void type(int node) throws Exception {
            String name = "n" + node;
            int round = 0;
            while (!stop.get()) {
                round++;
                ChildServer server = cluster.node(node);
                JsonNode document;
                try (HttpTestClient rest = new HttpTestClient(server.baseUri())) {
                    HttpResponse<String> response = rest.bearer(token).get("/api/documents/" + documentId);
                    if (response.statusCode() != 200) {
                        Thread.sleep(100); // the node is not serving yet (merging back into the cluster)
                        continue;
                    }
                    document = HttpTestClient.json(response);
                } catch (RuntimeException unreachable) {
                    Thread.sleep(100);
                    continue;
                }
                JsonNode clause = KillTypist.lastClauseOf(document, name, node);
                Set<String> mine = ackedByNode.get(node);
                Set<String> before = Set.copyOf(acked);
                KillTypist typist = new KillTypist(name, name + "-" + round + "-" + System.nanoTime(),
                        clause.get("id").asText(), clause.get("version").asLong(),
                        clause.get("text").asText().length(), counters.getOrDefault(name, 0), submitted,
                        new AckedThrough(acked, mine), maxAckedRevision);
                typist.type(HTTP, LiveDocs.liveUri(server.port(), documentId), token, stop);
                counters.put(name, typist.counter());
                refusals.addAll(typist.refusals);
                if (acked.equals(before) && !stop.get()) {
                    Thread.sleep(100); // nothing got through this round: do not spin
                }
            }
        }

        int ackedBy(List<Integer> nodes) {
            return nodes.stream().mapToInt(n -> ackedByNode.get(n).size()).sum();
        }

        List<String> refusals() {
            return List.copyOf(refusals);
        }

        void stop() throws Exception {
            stop.set(true);
            for (Future<?> lane : lanes) {
                lane.get(180, TimeUnit.SECONDS);
            }
            pool.shutdown();
        }

        /** After a failure: nothing types on into the next test. */
        @Override
        public void close() {
            stop.set(true);
            pool.shutdownNow();
        }
    }

    /** A set of acknowledged tokens that also records them as acknowledged through one node. */
    private static final class AckedThrough extends java.util.AbstractSet<String> {
        private final Set<String> all;
        private final Set<String> node;

        AckedThrough(Set<String> all, Set<String> node) {
            this.all = all;
            this.node = node;
        }

        @Override
        public boolean add(String token) {
            node.add(token);
            return all.add(token);
        }

        @Override
        public java.util.Iterator<String> iterator() {
            return all.iterator();
        }

        @Override
        public int size() {
            return all.size();
        }
    }
}
