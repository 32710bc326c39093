package plenary.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import plenary.http.HttpTestClient;
import plenary.http.TestPeople;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Load generator for a Plenary cluster (a benchmark, not a test): the same live load on one node and
 * on a cluster of {@code --nodes} nodes, one configuration after the other, each on a fresh database
 * of the tests' PostgreSQL ({@link BenchNodes}: child JVMs, {@code -Xmx512m} each by default), and
 * a comparison table at the end.
 *
 * <pre>
 * mvn -B -q -Pbench test-compile exec:exec -Dbench=ClusterLoad
 * mvn -B -q -Pbench test-compile exec:exec -Dbench=ClusterLoad -Dbench.args="--clients 600 --editors 60 --rate 2 --seconds 15 --warmup 5 --documents 40"
 * </pre>
 *
 * (the first with the defaults: about 5 minutes on 2 cores). The one node runs as a server alone on
 * PostgreSQL (no {@code --cluster}, no cluster manager, no leases) unless {@code --single cluster}
 * makes it a one-node cluster; the cluster's nodes are joined over TCP by Hazelcast, with
 * {@code --lease-seconds}, and the run waits until each sees all the others. In each configuration,
 * on the same nodes, one scenario after the other:
 *
 * <ul>
 * <li><b>Scenario A, one document</b>: N clients spread round-robin over the nodes (client i on node
 * i mod nodes), the first K of them editors, each editing at R edits/s. The document's writer is
 * the node a first probe joined through: node 0. Measured over a window after a warm-up: submit→ack
 * (the editor's own commit back in an {@code ops} frame) and submit→{@code saved}, split by whether
 * the editor's socket is on the writer's node or another; broadcast, the commit's {@code at} stamp
 * → the frame at every other client, split by whether the client is on the writer's node; per node,
 * CPU (% of a core, and CPU-ms per committed op), beside PostgreSQL's and the generator's.</li>
 * <li><b>Scenario B, many documents</b>: D documents created up front (through the nodes in turn),
 * C clients per document (client j of document d on node (d + j) mod nodes), the first E of them
 * editors at R' edits/s; the joins go out in a shuffled order, so each document's writer is whichever
 * node a first join reached: the spread of the writers over the nodes is read back from the database
 * ({@code SELECT owner_node, count(*) FROM documents GROUP BY owner_node}). Same measurements.</li>
 * </ul>
 *
 * The defaults are sized for 2 cores shared by everything: at N=2,000 every commit is a frame to
 * 2,000 sockets, and a frame costs the cluster more CPU than the node alone (each node decodes it
 * from the event bus, and each node's search index follows every change). Joins that get no reply
 * are listed (UNANSWERED); the run goes on once none has come for 10 s.
 *
 * <p>Options: --clients N (2000) --editors K (10) --rate R edits/s per editor in A (1) --seconds S
 * measured (30) --warmup S (15) --documents D (100) --doc-clients C (5) --doc-editors E (1) --doc-rate R'
 * edits/s per editor in B (0.5) --nodes N (3) --lease-seconds S (10) --single alone|cluster|skip (alone)
 * --scenarios AB|A|B (AB) --node-heap SIZE (512m) --node-jvm ARG (repeatable, a JVM option of every
 * node) --node-arg ARG (repeatable, passed to every node's plenary.Main) --clauses C operative clauses
 * edited (20) --connect-concurrency N (64) --client-threads N (2) --connect-timeout S (120) --seed N
 * (42) --deflate offer|none (offer, as browsers) --logs DIR (copy every node's log there before its
 * configuration is stopped; otherwise they are deleted with the run's directory).
 *
 * <p>The run works on a private copy of the build's classes ({@link BuildCopy}), so other builds in
 * the same tree do not break it halfway.
 *
 * <p>Every node, PostgreSQL and the load generator share this machine's cores (2 on the project's
 * machine): the latencies include scheduling delays, the nodes of a cluster compete with each other
 * for the same cores, and three nodes cannot be faster here for having more machines. What a cluster
 * of one machine per node would give is read from the CPU per op and the split by node.
 */
public final class ClusterLoad {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> SINGLE = Set.of("--clients", "--editors", "--rate", "--seconds", "--warmup",
            "--documents", "--doc-clients", "--doc-editors", "--doc-rate", "--nodes", "--lease-seconds", "--single",
            "--scenarios",
            "--node-heap", "--clauses", "--connect-concurrency", "--client-threads", "--connect-timeout", "--seed",
            "--deflate", "--logs");
    private static final Set<String> REPEATABLE = Set.of("--node-jvm", "--node-arg");

    private final Options options;
    private final String command;
    private final List<Result> results = new ArrayList<>();
    private volatile BenchNodes nodes;
    private Path workDir;

    private ClusterLoad(Options options, String command) {
        this.options = options;
        this.command = command;
    }

    public static void main(String[] args) throws Exception {
        if (ClusterLoad.class.getClassLoader() == ClassLoader.getSystemClassLoader()) {
            // Run from a private copy of the build: others rebuild this tree meanwhile (see BuildCopy).
            java.net.URLClassLoader loader = BuildCopy.isolate();
            Thread.currentThread().setContextClassLoader(loader);
            try {
                loader.loadClass(ClusterLoad.class.getName()).getMethod("main", String[].class)
                        .invoke(null, (Object) args);
            } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
            return;
        }
        Options o = Options.parse(args);
        ClusterLoad load = new ClusterLoad(o, "mvn -B -q -Pbench test-compile exec:exec -Dbench=ClusterLoad"
                + (args.length == 0 ? "" : " -Dbench.args=\"" + String.join(" ", args) + "\""));
        long perScenario = o.connectTimeout() + 60 + o.warmup() + o.seconds() + 60;
        long budget = 2 * (270 + 60 + 2 * perScenario) + 120;
        BenchMain.run("ClusterLoad", budget, load::stopNodes, load::run, load::deleteWorkDir);
    }

    private int run() throws Exception {
        Options o = options;
        System.out.println("== Plenary cluster load: one node vs " + o.nodes() + " nodes, one configuration after the "
                + "other, each on a fresh PostgreSQL database ==");
        System.out.println("command: " + command);
        System.out.println("machine: " + ProcStats.machineFacts());
        System.out.printf(Locale.ROOT, "NOTE: every node JVM (-Xmx%s each), PostgreSQL and this load generator share "
                        + "the same %d cores: latencies include their scheduling delays, and %d nodes here compete "
                        + "for the cores one node had to itself.%n", o.nodeHeap(),
                Runtime.getRuntime().availableProcessors(), o.nodes());
        workDir = Files.createTempDirectory("plenary-clusterload");
        List<Config> configs = new ArrayList<>();
        switch (o.single()) {
            case "alone" -> configs.add(new Config("1 node", "one server alone on PostgreSQL (no --cluster)", 1,
                    false));
            case "cluster" -> configs.add(new Config("1 node", "a one-node cluster (--cluster)", 1, true));
            default -> { }
        }
        configs.add(new Config(o.nodes() + " nodes", "a cluster of " + o.nodes() + " nodes (--cluster, Hazelcast, "
                + "lease " + o.leaseSeconds() + " s)", o.nodes(), true));
        for (Config config : configs) {
            runConfig(config);
        }
        printComparison();
        return 0;
    }

    private void runConfig(Config config) throws Exception {
        Options o = options;
        System.out.printf(Locale.ROOT, "%n==== %s: %s ====%n", config.label(), config.description());
        Path dir = Files.createDirectories(workDir.resolve(config.label().replace(' ', '-')));
        long start = System.nanoTime();
        BenchNodes started = new BenchNodes(config.cluster(), config.nodes());
        nodes = started;
        try {
            started.start(dir, o.leaseSeconds(), o.nodeHeap(), o.nodeJvm(), o.nodeArgs());
            System.out.printf(Locale.ROOT, "started in %.1f s on database %s:%n", (System.nanoTime() - start) / 1e9,
                    started.db().name());
            for (BenchNodes.Node n : started.nodes()) {
                System.out.printf(Locale.ROOT, "  node %d: pid %d, http port %d%s%n", n.index(), n.pid(), n.port(),
                        config.cluster() ? ", cluster " + n.name() : "");
            }
            URI first = URI.create("http://127.0.0.1:" + started.node(0).port() + "/");
            try (HttpTestClient rest = new HttpTestClient(first)) {
                BenchClient.token = TestPeople.drafter(rest); // every socket signs in as the bench's rapporteur
            }
            if (o.scenarios().contains("A")) {
                results.add(new Scenario(config, started, "A", 1, o.clients(), o.editors(), false).run());
                settle(started);
            }
            if (o.scenarios().contains("B")) {
                results.add(new Scenario(config, started, "B", o.documents(), o.documents() * o.docClients(),
                        o.documents() * o.docEditors(), true).run());
            }
            started.printLogs();
            if (o.logs() != null) {
                Path logs = Files.createDirectories(Path.of(o.logs()));
                for (BenchNodes.Node n : started.nodes()) {
                    Files.copy(n.log(), logs.resolve(config.label().replace(' ', '-') + "-node" + n.index() + ".log"),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                System.out.println("  node logs copied to " + logs);
            }
        } finally {
            started.close();
            nodes = null;
        }
    }

    /** Lets the nodes finish with the closed sockets of a scenario before the next. */
    private static void settle(BenchNodes nodes) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        long last = nodeTicks(nodes);
        int quiet = 0;
        while (quiet < 2 && System.nanoTime() < deadline) {
            Thread.sleep(500);
            long now = nodeTicks(nodes);
            quiet = now - last < ProcStats.CLK_TCK * 0.5 * 0.10 * nodes.size() ? quiet + 1 : 0;
            last = now;
        }
    }

    private static long nodeTicks(BenchNodes nodes) {
        long ticks = 0;
        for (BenchNodes.Node n : nodes.nodes()) {
            ticks += ProcStats.processCpu(n.pid()).total();
        }
        return ticks;
    }

    private void stopNodes() {
        BenchNodes n = nodes;
        if (n != null) {
            n.close();
        }
    }

    private void deleteWorkDir() {
        BenchServer.deleteWorkDir(workDir);
    }

    private record Config(String label, String description, int nodes, boolean cluster) {
    }

    // ---- one scenario on one configuration ---------------------------------------------------------------

    /** One load-generator client: its socket's document and node. */
    private record Client(BenchClient bench, int doc, int node, boolean editor) {
    }

    private final class Scenario {
        private final Config config;
        private final BenchNodes nodes;
        private final String name;
        private final int documents;
        private final int clientCount;
        private final int editorCount;
        private final boolean many;
        /** By document and node: the clients of that document on that node record here. */
        private final LoadState[][] states;
        private final Map<String, LongAdder> otherTypes = new ConcurrentHashMap<>();
        private final List<Client> clients = new ArrayList<>();
        private final String[] documentIds;
        private final String[][] clauseIds;
        private int[] writers;

        Scenario(Config config, BenchNodes nodes, String name, int documents, int clients, int editors, boolean many) {
            this.config = config;
            this.nodes = nodes;
            this.name = name;
            this.documents = documents;
            this.clientCount = clients;
            this.editorCount = editors;
            this.many = many;
            this.states = new LoadState[documents][nodes.size()];
            for (LoadState[] byNode : states) {
                for (int n = 0; n < byNode.length; n++) {
                    byNode[n] = new LoadState();
                }
            }
            this.documentIds = new String[documents];
            this.clauseIds = new String[documents][];
        }

        private String title() {
            Options o = options;
            return many
                    ? String.format(Locale.ROOT, "B: %d documents x %d clients (%d editor%s each), %d clients, %d "
                            + "editors x %.1f edits/s", documents, o.docClients(), o.docEditors(),
                    o.docEditors() == 1 ? "" : "s", clientCount, editorCount, o.docRate())
                    : String.format(Locale.ROOT, "A: one document, %d clients, %d editors x %.1f edits/s", clientCount,
                    editorCount, o.rate());
        }

        Result run() throws Exception {
            Options o = options;
            int nodeCount = nodes.size();
            System.out.printf(Locale.ROOT, "%n-- %s, scenario %s --%n", config.label(), title());
            ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "clusterload-scheduler");
                t.setDaemon(true);
                return t;
            });
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
            RawWebSockets raw = new RawWebSockets(o.clientThreads(), 16, o.offerDeflate());
            try {
                long created = System.nanoTime();
                for (int d = 0; d < documents; d++) {
                    JsonNode document = createDocument(http, nodes.node(d % nodeCount).port());
                    documentIds[d] = document.get("id").asText();
                    clauseIds[d] = operativeClauseIds(document, o.clauses());
                }
                System.out.printf(Locale.ROOT, "created %d document%s in %.1f s (through the nodes in turn)%n",
                        documents, documents == 1 ? "" : "s", (System.nanoTime() - created) / 1e9);
                if (!many) {
                    // A probe joins through node 0 first, so node 0 takes the document's lease: its writer.
                    BenchClient probe = new BenchClient(new LoadState(), 1_000_000, false);
                    probe.connect(raw, liveUri(0, 0)).get(30, TimeUnit.SECONDS);
                    probe.joined.get(30, TimeUnit.SECONDS);
                    probe.abort();
                }

                BenchClient[] editors = new BenchClient[clientCount];
                for (int i = 0; i < clientCount; i++) {
                    int doc;
                    int node;
                    boolean editor;
                    if (many) {
                        doc = i / o.docClients();
                        int j = i % o.docClients();
                        node = (doc + j) % nodeCount;
                        editor = j < o.docEditors();
                    } else {
                        doc = 0;
                        node = i % nodeCount;
                        editor = i < editorCount;
                    }
                    BenchClient c = new BenchClient(states[doc][node], i, editor);
                    if (editor) {
                        editors[i] = c;
                    }
                    clients.add(new Client(c, doc, node, editor));
                }
                for (LoadState[] byNode : states) {
                    for (LoadState s : byNode) {
                        s.editors = editors;
                    }
                }
                long connectStart = System.nanoTime();
                int joined = connectAll(raw);
                double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
                awaitQuiet();
                double settleSeconds = (System.nanoTime() - connectStart) / 1e9;
                long open = clients.stream().filter(c -> !c.bench().isClosed()).count();
                System.out.printf(Locale.ROOT, "connect+join: %d of %d joined in %.1f s (quiet after %.1f s), %d "
                        + "open; per node: %s%n", joined, clientCount, connectSeconds, settleSeconds, open,
                        perNode(n -> clients.stream().filter(c -> c.node() == n).count() + " clients ("
                                + clients.stream().filter(c -> c.node() == n && c.editor()).count() + " editors)"));
                printCounts("closes so far", merged(s -> s.closes));
                String joinedText = joined + "/" + clientCount;

                writers = new int[documents];
                for (int d = 0; d < documents; d++) {
                    int w = nodes.cluster() ? nodes.writer(documentIds[d]) : 0;
                    writers[d] = w < 0 && nodeCount == 1 ? 0 : w;
                }
                String writerText = writerSpread();
                System.out.println("writer" + (many ? "s: " : ": ") + writerText);
                List<Client> unanswered = clients.stream().filter(c -> !c.bench().joined.isDone()).toList();
                if (!unanswered.isEmpty()) {
                    System.out.printf(Locale.ROOT, "UNANSWERED: %d join%s without a reply (the socket open, no "
                            + "'joined', no error) after 10 s without progress:%n", unanswered.size(),
                            unanswered.size() == 1 ? "" : "s");
                    for (Client c : unanswered.subList(0, Math.min(10, unanswered.size()))) {
                        System.out.printf(Locale.ROOT, "  %s client %d of document %s (#%d, written by node %d) "
                                        + "through node %d%n", c.editor() ? "editor" : "reader",
                                clients.indexOf(c), documentIds[c.doc()], c.doc(), writers[c.doc()], c.node());
                    }
                }

                // Editing.
                SplittableRandom seeds = new SplittableRandom(o.seed());
                long periodMicros = Math.round(1e6 / (many ? o.docRate() : o.rate()));
                for (Client c : clients) {
                    if (c.editor()) {
                        SplittableRandom random = seeds.split();
                        String[] ids = clauseIds[c.doc()];
                        scheduler.scheduleAtFixedRate(() -> c.bench().edit(random, ids),
                                random.nextLong(periodMicros), periodMicros, TimeUnit.MICROSECONDS);
                    }
                }
                scheduler.scheduleWithFixedDelay(() -> forEachState(s -> s.evictFrames(TimeUnit.SECONDS.toNanos(60))),
                        5, 5, TimeUnit.SECONDS);
                System.out.printf(Locale.ROOT, "editing: warm-up %d s, then a %d s window…%n", o.warmup(),
                        o.seconds());
                Thread.sleep(TimeUnit.SECONDS.toMillis(o.warmup()));
                Snapshot s0 = snapshot();
                forEachState(s -> s.measuring = true);
                Thread.sleep(TimeUnit.SECONDS.toMillis(o.seconds()));
                forEachState(s -> s.measuring = false);
                Snapshot s1 = snapshot();
                scheduler.shutdownNow();
                Thread.sleep(2_000); // let in-flight submissions finish and recorders go quiet
                if (many) {
                    writerText = writerSpread(); // a lease may have moved meanwhile
                    System.out.println("writers after the window: " + writerText);
                }
                return report(s0, s1, joinedText, connectSeconds, writerText);
            } finally {
                scheduler.shutdownNow();
                clients.forEach(c -> c.bench().abort());
                http.shutdownNow();
                raw.close();
            }
        }

        private String writerSpread() throws Exception {
            if (!many) {
                return nodes.cluster()
                        ? "node " + writers[0] + " (lease row " + nodes.node(Math.max(0, writers[0])).name() + ")"
                        : "node 0 (no leases)";
            }
            Map<String, Integer> spread = nodes.writerSpread();
            Map<Integer, Integer> ours = new TreeMap<>();
            for (int d = 0; d < documents; d++) {
                int w = nodes.cluster() ? nodes.writer(documentIds[d]) : 0;
                writers[d] = w < 0 && nodes.size() == 1 ? 0 : w;
                ours.merge(writers[d], 1, Integer::sum);
            }
            StringBuilder s = new StringBuilder();
            ours.forEach((node, count) -> s.append(s.isEmpty() ? "" : ", ").append(node < 0 ? "none" : "node " + node)
                    .append(": ").append(count));
            System.out.println("  SELECT owner_node, count(*) FROM documents GROUP BY owner_node: " + spread
                    + (nodes.cluster() ? "" : " (a server alone takes no leases)"));
            return s + " documents" + (nodes.cluster() ? "" : " (no leases)");
        }

        private URI liveUri(int node, int doc) {
            return URI.create("ws://127.0.0.1:" + nodes.node(node).port() + "/api/documents/" + documentIds[doc]
                    + "/live");
        }

        /** Opens every socket (at most --connect-concurrency handshakes at a time), then sends every join at once. */
        private int connectAll(RawWebSockets raw) throws InterruptedException {
            List<Client> order = new ArrayList<>(clients);
            if (many) {
                Collections.shuffle(order, new Random(options.seed()));
            }
            Semaphore permits = new Semaphore(options.connectConcurrency());
            AtomicInteger opened = new AtomicInteger();
            AtomicInteger joined = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.connectTimeout());
            for (int i = 0; i < order.size(); i++) {
                if (!permits.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    System.out.println("connect: timed out after " + i + " connection attempts");
                    break;
                }
                Client c = order.get(i);
                c.bench().joinOnOpen = false;
                c.bench().joined.whenComplete((v, e) -> (e == null ? joined : failed).incrementAndGet());
                CompletableFuture<?> open = raw.open(liveUri(c.node(), c.doc()), new Counted(c.bench(), otherTypes));
                open.whenComplete((ws, e) -> {
                    if (e != null) {
                        c.bench().joined.completeExceptionally(e);
                    } else {
                        opened.incrementAndGet();
                    }
                    permits.release();
                });
            }
            permits.tryAcquire(options.connectConcurrency(), Math.max(0, deadline - System.nanoTime()),
                    TimeUnit.NANOSECONDS);
            System.out.printf(Locale.ROOT, "  %d sockets open; sending all joins%n", opened.get());
            for (Client c : order) {
                if (!c.bench().joined.isDone() && c.bench().isOpen()) {
                    c.bench().join();
                }
            }
            // Until every join is answered, or none has been for 10 s: sockets left waiting longer would
            // be closed by the nodes' idle timeout (120 s) before the editing starts.
            int progress = -1;
            long lastProgress = System.nanoTime();
            while (joined.get() + failed.get() < order.size() && System.nanoTime() < deadline
                    && System.nanoTime() - lastProgress < TimeUnit.SECONDS.toNanos(10)) {
                Thread.sleep(50);
                int now = joined.get() + failed.get();
                if (now != progress) {
                    progress = now;
                    lastProgress = System.nanoTime();
                }
            }
            if (failed.get() > 0) {
                System.out.println("connect: " + failed.get() + " clients failed to join");
            }
            return joined.get();
        }

        /**
         * Waits (at most 30 s) until the joins have settled: no frame received for two seconds and the
         * nodes using under 10% of a core each meanwhile.
         */
        private void awaitQuiet() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            long lastFrames = -1;
            long lastCpu = nodeTicks(nodes);
            int quiet = 0;
            while (quiet < 4 && System.nanoTime() < deadline) {
                Thread.sleep(500);
                long frames = sum(s -> s.presenceFrames.sum() + s.opsFrames.sum() + s.otherFrames.sum());
                long cpu = nodeTicks(nodes);
                boolean idle = frames == lastFrames
                        && (cpu - lastCpu) < ProcStats.CLK_TCK * 0.5 * 0.10 * nodes.size();
                quiet = idle ? quiet + 1 : 0;
                lastFrames = frames;
                lastCpu = cpu;
            }
            if (quiet < 4) {
                System.out.println("  (joins had not settled after 30 s; editing anyway)");
            }
        }

        // ---- measuring -----------------------------------------------------------------------------------

        private record Snapshot(long nanos, ProcStats.Cpu[] nodeCpu, List<Map<String, Long>> nodeThreads,
                                ProcStats.Cpu selfCpu, long postgres, ProcStats.Machine machine, long revisions,
                                long frames, long chars) {
        }

        private Snapshot snapshot() {
            int n = nodes.size();
            ProcStats.Cpu[] cpu = new ProcStats.Cpu[n];
            List<Map<String, Long>> threads = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                cpu[i] = ProcStats.processCpu(nodes.node(i).pid());
                threads.add(ProcStats.threadCpu(nodes.node(i).pid()));
            }
            long revisions = 0;
            for (LoadState[] byNode : states) {
                long max = 0;
                for (LoadState s : byNode) {
                    max = Math.max(max, s.maxRevision.get());
                }
                revisions += max;
            }
            return new Snapshot(System.nanoTime(), cpu, threads, ProcStats.processCpu(ProcessHandle.current().pid()),
                    nodes.postgresTicks(), ProcStats.machine(), revisions,
                    sum(s -> s.presenceFrames.sum() + s.opsFrames.sum() + s.otherFrames.sum()),
                    sum(s -> s.chars.sum()));
        }

        private Result report(Snapshot s0, Snapshot s1, String joined, double connectSeconds, String writerText) {
            int n = nodes.size();
            double seconds = (s1.nanos() - s0.nanos()) / 1e9;
            long committed = s1.revisions() - s0.revisions();
            double opsPerSecond = committed / seconds;
            System.out.printf(Locale.ROOT, "window %.1f s:%n", seconds);
            System.out.printf(Locale.ROOT, "  edits %,d (%.1f/s), submissions %,d, acknowledged %,d, committed %,d ops "
                            + "(%.1f ops/s)%n", sum(s -> s.edits.sum()), sum(s -> s.edits.sum()) / seconds,
                    sum(s -> s.submits.sum()), sum(s -> s.acks.sum()), committed, opsPerSecond);
            Map<String, Long> errors = merged(s -> s.errors);
            Map<String, Long> closes = merged(s -> s.closes);
            Map<String, Long> others = new TreeMap<>();
            otherTypes.forEach((k, v) -> others.put(k, v.sum()));
            printCounts("  errors", errors);
            printCounts("  closes", closes);
            printCounts("  other messages received, by type (whole run)", others);

            Histogram ackW = histogram(true, s -> s.ack);
            Histogram ackO = histogram(false, s -> s.ack);
            Histogram savedW = histogram(true, s -> s.saved);
            Histogram savedO = histogram(false, s -> s.saved);
            Histogram bW = histogram(true, s -> s.broadcastFromAt);
            Histogram bO = histogram(false, s -> s.broadcastFromAt);
            Histogram fromSend = histogram(true, s -> s.broadcastFromSend);
            fromSend.add(histogram(false, s -> s.broadcastFromSend));
            System.out.println("  submit->ack (own commit back in an ops frame), ms, editors on the writer's node: "
                    + ackW.summary());
            System.out.println("      … editors on other nodes: " + ackO.summary());
            System.out.println("  submit->saved (early durable acknowledgement), ms, writer's node: "
                    + savedW.summary());
            System.out.println("      … other nodes: " + savedO.summary());
            System.out.println("  broadcast, commit stamp 'at' -> other clients, ms, clients on the writer's node: "
                    + bW.summary());
            System.out.println("      … clients on other nodes: " + bO.summary());
            System.out.println("  broadcast, author's send -> other clients (upper bound), ms, all: "
                    + fromSend.summary());
            long frames = s1.frames() - s0.frames();
            System.out.printf(Locale.ROOT, "  frames received: %,.0f/s in total, %.1f/s per client, %.1f MB/s%n",
                    frames / seconds, frames / seconds / clientCount, (s1.chars() - s0.chars()) / seconds / 1e6);

            double[] nodePct = new double[n];
            double[] nodeMsPerOp = new double[n];
            double[] nodeMsPerOpNoJit = new double[n];
            long nodesTicks = 0;
            long nodesJitTicks = 0;
            for (int i = 0; i < n; i++) {
                int node = i;
                long ticks = s1.nodeCpu()[i].total() - s0.nodeCpu()[i].total();
                Map<String, Long> threads = ProcStats.threadDelta(s0.nodeThreads().get(i), s1.nodeThreads().get(i));
                // C1 and C2 ("C1 CompilerThread0", "C2 CompilerThread1", names cut to 15 characters)
                long jit = threads.entrySet().stream().filter(e -> e.getKey().startsWith("C# CompilerThre"))
                        .mapToLong(Map.Entry::getValue).sum();
                nodesTicks += ticks;
                nodesJitTicks += jit;
                nodePct[i] = 100.0 * ticks / ProcStats.CLK_TCK / seconds;
                nodeMsPerOp[i] = committed == 0 ? Double.NaN : 1000.0 * ticks / ProcStats.CLK_TCK / committed;
                nodeMsPerOpNoJit[i] = committed == 0 ? Double.NaN
                        : 1000.0 * (ticks - jit) / ProcStats.CLK_TCK / committed;
                long written = 0;
                for (int w : writers) {
                    written += w == i ? 1 : 0;
                }
                System.out.printf(Locale.ROOT, "  node %d: %d clients, writer of %d document%s; CPU %.1f%% of a core "
                                + "(user %s, system %s), %.2f CPU-ms per committed op (%.2f without the JIT compiler "
                                + "threads); RSS %.0f MB; by thread: %s%n", i,
                        clients.stream().filter(c -> c.node() == node).count(), written, written == 1 ? "" : "s",
                        nodePct[i], ProcStats.pct(s1.nodeCpu()[i].user() - s0.nodeCpu()[i].user(), seconds),
                        ProcStats.pct(s1.nodeCpu()[i].system() - s0.nodeCpu()[i].system(), seconds), nodeMsPerOp[i],
                        nodeMsPerOpNoJit[i], ProcStats.rssKiB(nodes.node(i).pid()) / 1024.0,
                        ProcStats.topThreads(threads, seconds, 6));
            }
            double nodesMsPerOp = committed == 0 ? Double.NaN : 1000.0 * nodesTicks / ProcStats.CLK_TCK / committed;
            double nodesMsPerOpNoJit = committed == 0 ? Double.NaN
                    : 1000.0 * (nodesTicks - nodesJitTicks) / ProcStats.CLK_TCK / committed;
            long pgTicks = s0.postgres() < 0 || s1.postgres() < 0 ? -1 : s1.postgres() - s0.postgres();
            double pgPct = pgTicks < 0 ? Double.NaN : 100.0 * pgTicks / ProcStats.CLK_TCK / seconds;
            double pgMsPerOp = pgTicks < 0 || committed == 0 ? Double.NaN
                    : 1000.0 * pgTicks / ProcStats.CLK_TCK / committed;
            long selfTicks = s1.selfCpu().total() - s0.selfCpu().total();
            double selfPct = 100.0 * selfTicks / ProcStats.CLK_TCK / seconds;
            long busy = s1.machine().busy() - s0.machine().busy();
            long all = s1.machine().total() - s0.machine().total();
            int cores = Runtime.getRuntime().availableProcessors();
            double machinePct = all == 0 ? 0 : 100.0 * busy / all;
            double otherPct = all == 0 ? 0 : Math.max(0, 100.0 * (busy - nodesTicks - selfTicks - Math.max(0, pgTicks))
                    / all * cores);
            System.out.printf(Locale.ROOT, "  nodes together: %.1f%% of a core, %.2f CPU-ms per committed op (%.2f "
                            + "without JIT); PostgreSQL %.1f%% of a core, %.2f CPU-ms per op; load generator %.1f%% "
                            + "of a core%n",
                    100.0 * nodesTicks / ProcStats.CLK_TCK / seconds, nodesMsPerOp, nodesMsPerOpNoJit, pgPct, pgMsPerOp,
                    selfPct);
            System.out.printf(Locale.ROOT, "  machine: %.0f%% of %d cores busy; other processes (other people's work, "
                    + "kernel work charged to none of these) about %.0f%% of one core%n", machinePct, cores, otherPct);
            return new Result(name, title(), config, joined, connectSeconds, opsPerSecond, ackW, ackO, savedW, savedO,
                    bW, bO, nodePct, nodeMsPerOp, nodesMsPerOp, nodeMsPerOpNoJit, nodesMsPerOpNoJit, pgPct, pgMsPerOp,
                    selfPct, machinePct, otherPct,
                    writerText, total(errors), total(closes), others.getOrDefault("resync", 0L));
        }

        /** Merged over the document/node states whose node is (or is not) the document's writer. */
        private Histogram histogram(boolean onWriter, Function<LoadState, Recorder> recorder) {
            Histogram h = new Histogram();
            for (int d = 0; d < documents; d++) {
                for (int node = 0; node < states[d].length; node++) {
                    if ((node == writers[d]) == onWriter) {
                        h.add(recorder.apply(states[d][node]).merged());
                    }
                }
            }
            return h;
        }

        private void forEachState(java.util.function.Consumer<LoadState> action) {
            for (LoadState[] byNode : states) {
                for (LoadState s : byNode) {
                    action.accept(s);
                }
            }
        }

        private long sum(java.util.function.ToLongFunction<LoadState> value) {
            long total = 0;
            for (LoadState[] byNode : states) {
                for (LoadState s : byNode) {
                    total += value.applyAsLong(s);
                }
            }
            return total;
        }

        private Map<String, Long> merged(Function<LoadState, Map<String, LongAdder>> counts) {
            Map<String, Long> out = new TreeMap<>();
            forEachState(s -> counts.apply(s).forEach((k, v) -> out.merge(k, v.sum(), Long::sum)));
            return out;
        }

        private String perNode(java.util.function.IntFunction<String> what) {
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < nodes.size(); i++) {
                s.append(i == 0 ? "" : ", ").append("node ").append(i).append(' ').append(what.apply(i));
            }
            return s.toString();
        }
    }

    private static long total(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    private static void printCounts(String label, Map<String, Long> counts) {
        if (counts.isEmpty()) {
            System.out.println(label + ": none");
        } else {
            StringBuilder s = new StringBuilder();
            counts.forEach((k, v) -> s.append(s.isEmpty() ? "" : ", ").append(k).append(" x").append(v));
            System.out.println(label + ": " + s);
        }
    }

    /**
     * Hands every message on to the client, counting the messages of no frequent kind ({@code saved},
     * {@code ack}, {@code error}, {@code resync}…) by their {@code type}.
     */
    private static final class Counted implements RawWebSockets.Receiver {
        private final BenchClient client;
        private final Map<String, LongAdder> types;

        Counted(BenchClient client, Map<String, LongAdder> types) {
            this.client = client;
            this.types = types;
        }

        @Override
        public void opened(BenchClient.Transport transport) {
            client.opened(transport);
        }

        @Override
        public BenchClient.Kind classify(CharSequence first) {
            return client.classify(first);
        }

        @Override
        public long classifiedRevision() {
            return client.classifiedRevision();
        }

        @Override
        public boolean needsText(BenchClient.Kind kind) {
            return client.needsText(kind);
        }

        @Override
        public void deliver(BenchClient.Kind kind, long revision, Supplier<String> text, long size, long now) {
            if (kind == BenchClient.Kind.OTHER && text != null) {
                String whole = text.get();
                types.computeIfAbsent(typeOf(whole), k -> new LongAdder()).increment();
                client.deliver(kind, revision, () -> whole, size, now);
            } else {
                client.deliver(kind, revision, text, size, now);
            }
        }

        private static String typeOf(String message) {
            int at = message.indexOf("\"type\":\"");
            if (at < 0) {
                return "(no type)";
            }
            int end = message.indexOf('"', at + 8);
            return end < 0 ? "(no type)" : message.substring(at + 8, end);
        }

        @Override
        public void closed(int statusCode, String reason) {
            client.closed(statusCode, reason);
        }

        @Override
        public void failed(Throwable error) {
            String message = String.valueOf(error.getMessage());
            types.computeIfAbsent("(socket failed: " + error.getClass().getSimpleName() + ": "
                    + (message.length() > 60 ? message.substring(0, 60) : message) + ")", k -> new LongAdder())
                    .increment();
            client.failed(error);
        }

        @Override
        public String bearerToken() {
            return client.bearerToken();
        }
    }

    private static JsonNode createDocument(HttpClient http, int port) throws Exception {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/documents"))
                .header("Content-Type", "text/markdown; charset=utf-8")
                .header("Authorization", "Bearer " + BenchClient.token)
                .POST(HttpRequest.BodyPublishers.ofString(BenchDraft.markdown(20), StandardCharsets.UTF_8))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("creating a document: " + created.statusCode() + " " + created.body());
        }
        return JSON.readTree(created.body());
    }

    private static String[] operativeClauseIds(JsonNode document, int limit) {
        List<String> ids = new ArrayList<>();
        document.get("clauses").forEach(c -> {
            if (c.get("kind").asText().equals("operative")) {
                ids.add(c.get("id").asText());
            }
        });
        return ids.subList(0, Math.min(ids.size(), limit)).toArray(String[]::new);
    }

    // ---- the comparison ------------------------------------------------------------------------------------

    private record Result(String scenario, String title, Config config, String joined, double connectSeconds,
                          double opsPerSecond, Histogram ackW, Histogram ackO, Histogram savedW, Histogram savedO,
                          Histogram bW, Histogram bO, double[] nodePct, double[] nodeMsPerOp, double nodesMsPerOp,
                          double[] nodeMsPerOpNoJit, double nodesMsPerOpNoJit,
                          double pgPct, double pgMsPerOp, double selfPct, double machinePct, double otherPct,
                          String writers, long errors, long closes, long resyncs) {
    }

    private void printComparison() {
        System.out.printf(Locale.ROOT, "%n==== comparison ====%n");
        System.out.println("command: " + command);
        System.out.println("machine: " + ProcStats.machineFacts());
        System.out.printf(Locale.ROOT, "every node (-Xmx%s), PostgreSQL and the load generator share these %d cores; "
                        + "latencies in ms as p50 / p99 / max (samples); CPU-ms per committed op%n", options.nodeHeap(),
                Runtime.getRuntime().availableProcessors());
        for (String scenario : List.of("A", "B")) {
            List<Result> rs = results.stream().filter(r -> r.scenario().equals(scenario)).toList();
            if (rs.isEmpty()) {
                continue;
            }
            System.out.printf(Locale.ROOT, "%nScenario %s%n%n", rs.getFirst().title());
            Map<String, Function<Result, String>> rows = new LinkedHashMap<>();
            rows.put("clients joined", r -> String.format(Locale.ROOT, "%s in %.1f s", r.joined(), r.connectSeconds()));
            rows.put("ops committed", r -> String.format(Locale.ROOT, "%.1f/s", r.opsPerSecond()));
            rows.put("ack (own commit back), editors on the writer's node", r -> latency(r.ackW()));
            rows.put("ack, editors on other nodes", r -> latency(r.ackO()));
            rows.put("saved (durable), editors on the writer's node", r -> latency(r.savedW()));
            rows.put("saved, editors on other nodes", r -> latency(r.savedO()));
            rows.put("broadcast commit -> client, clients on the writer's node", r -> latency(r.bW()));
            rows.put("broadcast commit -> client, clients on other nodes", r -> latency(r.bO()));
            rows.put("writers", Result::writers);
            rows.put("CPU per node, % of a core", r -> joinNumbers(r.nodePct(), "%.0f%%"));
            rows.put("CPU-ms per committed op, per node (all nodes)", r -> joinNumbers(r.nodeMsPerOp(), "%.2f")
                    + String.format(Locale.ROOT, " (%.2f)", r.nodesMsPerOp()));
            rows.put("the same without the JIT compiler threads", r -> joinNumbers(r.nodeMsPerOpNoJit(), "%.2f")
                    + String.format(Locale.ROOT, " (%.2f)", r.nodesMsPerOpNoJit()));
            rows.put("PostgreSQL: % of a core, CPU-ms per op", r -> String.format(Locale.ROOT, "%.0f%%, %.2f",
                    r.pgPct(), r.pgMsPerOp()));
            rows.put("load generator, % of a core", r -> String.format(Locale.ROOT, "%.0f%%", r.selfPct()));
            rows.put("machine busy (others' share, % of a core)", r -> String.format(Locale.ROOT, "%.0f%% (%.0f%%)",
                    r.machinePct(), r.otherPct()));
            rows.put("errors / closes / resyncs", r -> r.errors() + " / " + r.closes() + " / " + r.resyncs());
            StringBuilder header = new StringBuilder("| |");
            StringBuilder rule = new StringBuilder("|---|");
            for (Result r : rs) {
                header.append(' ').append(r.config().label()).append(r.config().cluster() ? " (cluster)" : " (alone)")
                        .append(" |");
                rule.append("---|");
            }
            System.out.println(header);
            System.out.println(rule);
            rows.forEach((label, value) -> {
                StringBuilder line = new StringBuilder("| ").append(label).append(" |");
                for (Result r : rs) {
                    line.append(' ').append(value.apply(r)).append(" |");
                }
                System.out.println(line);
            });
        }
    }

    private static String latency(Histogram h) {
        if (h.count() == 0) {
            return "—";
        }
        return String.format(Locale.ROOT, "%s / %s / %s (%,d)", Histogram.ms(h.percentileMicros(50)),
                Histogram.ms(h.percentileMicros(99)), Histogram.ms(h.maxMicros()), h.count());
    }

    private static String joinNumbers(double[] values, String format) {
        StringBuilder s = new StringBuilder();
        for (double v : values) {
            s.append(s.isEmpty() ? "" : " · ").append(String.format(Locale.ROOT, format, v));
        }
        return s.toString();
    }

    // ---- options -------------------------------------------------------------------------------------------

    record Options(int clients, int editors, double rate, int seconds, int warmup, int documents, int docClients,
                   int docEditors, double docRate, int nodes, int leaseSeconds, String single, String scenarios,
                   String nodeHeap, List<String> nodeJvm, List<String> nodeArgs, int clauses, int connectConcurrency,
                   int clientThreads, int connectTimeout, long seed, boolean offerDeflate, String logs) {
        static Options parse(String[] args) {
            BenchArgs a = new BenchArgs(args, SINGLE, REPEATABLE);
            String deflate = a.text("--deflate", "offer");
            Options o = new Options(a.integer("--clients", 2000), a.integer("--editors", 10), a.decimal("--rate", 1),
                    a.integer("--seconds", 30), a.integer("--warmup", 15), a.integer("--documents", 100),
                    a.integer("--doc-clients", 5), a.integer("--doc-editors", 1), a.decimal("--doc-rate", 0.5),
                    a.integer("--nodes", 3), a.integer("--lease-seconds", 10), a.text("--single", "alone"),
                    a.text("--scenarios", "AB").toUpperCase(Locale.ROOT), a.text("--node-heap", "512m"),
                    a.all("--node-jvm"), a.all("--node-arg"), a.integer("--clauses", 20),
                    a.integer("--connect-concurrency", 64), a.integer("--client-threads", 2),
                    a.integer("--connect-timeout", 120), a.longInteger("--seed", 42), deflate.equals("offer"),
                    a.text("--logs", null));
            if (o.clients() < 1 || o.clients() > 20_000 || o.editors() < 0 || o.editors() > o.clients()
                    || o.rate() <= 0 || o.rate() > 100 || o.seconds() < 1 || o.seconds() > 3_600 || o.warmup() < 0
                    || o.warmup() > 600 || o.documents() < 1 || o.docClients() < 1 || o.docEditors() < 0
                    || o.docEditors() > o.docClients() || o.docRate() <= 0 || o.docRate() > 100
                    || o.documents() * o.docClients() > 20_000 || o.nodes() < 2
                    || o.nodes() > 9 || o.leaseSeconds() < 2 || !Set.of("alone", "cluster", "skip").contains(o.single())
                    || !Set.of("A", "B", "AB").contains(o.scenarios()) || o.clauses() < 1
                    || !Set.of("offer", "none").contains(deflate)) {
                throw new IllegalArgumentException("out of range: 1 <= clients <= 20000, 0 <= editors <= clients, "
                        + "0 < rate <= 100, 1 <= seconds <= 3600, 0 <= warmup <= 600, documents >= 1, "
                        + "0 <= doc-editors <= doc-clients, 0 < doc-rate <= 100, documents x doc-clients <= 20000, "
                        + "2 <= nodes <= 9, "
                        + "lease-seconds >= 2, --single alone|cluster|skip, --scenarios AB|A|B, --deflate offer|none");
            }
            return o;
        }
    }
}
