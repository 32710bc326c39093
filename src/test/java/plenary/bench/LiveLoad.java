package plenary.bench;

import plenary.http.HttpTestClient;
import plenary.http.TestPeople;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Load generator for the live protocol (a benchmark, not a test): starts Plenary as a child JVM on
 * 127.0.0.1, creates one document, opens N WebSocket clients on it of which K edit at R edits/s
 * each, and after a warm-up prints, over a measured window: submit→ack and broadcast latency
 * percentiles, frames/s, committed ops/s, the server's CPU (per thread group) and its heap per idle
 * connection (live heap after a full GC, N idle clients versus none).
 *
 * <pre>
 * mvn -B -q -Pbench test-compile exec:exec -Dbench=LiveLoad -Dbench.args="--clients 500 --editors 100 --rate 2 --seconds 30"
 * </pre>
 *
 * Options: --clients N (500) --editors K (100) --rate R edits/s per editor (2) --seconds S measured (30)
 * --warmup S (10) --clauses C operative clauses (20) --server-heap SIZE (1g) --server-arg ARG
 * (repeatable, passed to plenary.Main, e.g. --server-arg --tick-ms --server-arg 5) --connect-concurrency
 * N (64) --http-clients N (4) --client-threads N (2) --seed N --join burst|ramp (burst: open every socket, then
 * send all joins at once; ramp: join as each socket opens) --presence-rate P (presence messages/s per editor, 0)
 * --server-jvm ARG (repeatable, a JVM option of the server, e.g. -XX:StartFlightRecording=filename=/tmp/s.jfr)
 * --client raw|jdk (raw: the lean NIO WebSocket of {@link RawWebSockets}, the default; jdk: java.net.http's,
 * which decodes every message, presence lists included, and so takes far more of the shared CPU)
 * --deflate offer|none (raw client: offer permessage-deflate as every browser does, the default, or not;
 * where the server agrees, every message is inflated, as a browser does).
 *
 * Both processes share this machine's cores, so the latencies include the generator's own
 * scheduling delays; its CPU use is printed beside the server's.
 */
public final class LiveLoad {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Options options;
    private final JvmTools jvm = new JvmTools();
    private final LoadState state = new LoadState();
    private BenchServer server;
    private Path workDir;
    private RawWebSockets raw;
    private List<HttpClient> https;

    private LiveLoad(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        LiveLoad load = new LiveLoad(options);
        // connect, settle (at most 300 s), warm-up, window, then heap histograms and shutdown
        long budgetSeconds = options.connectTimeoutSeconds() + 300 + options.warmup() + options.seconds() + 300;
        BenchMain.run("LiveLoad", budgetSeconds, load::stopServer, load::run, load::deleteWorkDir);
    }

    private int run() throws Exception {
        Options o = options;
        System.out.printf(Locale.ROOT, "== Plenary live load: N=%d clients, K=%d editors x %.1f edits/s%s, %d operative "
                        + "clauses, joins: %s, warm-up %d s, window %d s ==%n", o.clients(), o.editors(), o.rate(),
                o.presenceRate() > 0 ? String.format(Locale.ROOT, " + %.1f presence/s", o.presenceRate()) : "",
                o.clauses(), o.join(), o.warmup(), o.seconds());
        System.out.println("machine: " + ProcStats.machineFacts() + ", ulimit -n " + openFileLimit());
        workDir = Files.createTempDirectory("plenary-liveload");
        int port = startServer();
        long pid = server.pid();
        System.out.printf(Locale.ROOT, "server: pid %d, port %d, -Xmx%s %s, args %s; clients: %s WebSocket%n", pid,
                port, o.serverHeap(), String.join(" ", o.serverJvm()), o.serverArgs(), o.client());

        ThreadFactory daemons = r -> {
            Thread t = new Thread(r, "bench-client");
            t.setDaemon(true);
            return t;
        };
        ExecutorService pool = Executors.newFixedThreadPool(o.clientThreads(), daemons);
        List<HttpClient> https = new ArrayList<>();
        for (int i = 0; i < o.httpClients(); i++) {
            https.add(HttpClient.newBuilder().executor(pool).connectTimeout(Duration.ofSeconds(30)).build());
        }
        raw = o.client().equals("raw") ? new RawWebSockets(o.clientThreads(), 16, o.offerDeflate()) : null;
        this.https = https;
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(daemons);
        List<BenchClient> clients = new ArrayList<>();
        try {
            URI base = URI.create("http://127.0.0.1:" + port + "/");
            try (HttpTestClient rest = new HttpTestClient(base)) {
                BenchClient.token = TestPeople.drafter(rest); // every socket signs in as the bench's rapporteur
            }
            JsonNode document = createDocument(https.getFirst(), base);
            String documentId = document.get("id").asText();
            String[] clauseIds = operativeClauseIds(document);
            URI live = URI.create("ws://127.0.0.1:" + port + "/api/documents/" + documentId + "/live");

            // Baseline: the sequencer deployed (one client joined and left), no connection open.
            BenchClient probe = new BenchClient(state, 1_000_000, false);
            connect(probe, 0, live).get(30, TimeUnit.SECONDS);
            probe.joined.get(30, TimeUnit.SECONDS);
            probe.abort();
            Thread.sleep(1_000);
            JvmTools.Histo heap0 = jvm.classHistogram(pid);
            Map<String, Long> native0 = jvm.nativeMemory(pid);
            long rss0 = ProcStats.rssKiB(pid);

            // Connect everyone, editors first.
            BenchClient[] editors = new BenchClient[o.editors()];
            for (int i = 0; i < o.clients(); i++) {
                BenchClient c = new BenchClient(state, i, i < o.editors());
                clients.add(c);
                if (i < o.editors()) {
                    editors[i] = c;
                }
            }
            state.editors = editors;
            long connectStart = System.nanoTime();
            long presenceBefore = state.presenceFrames.sum();
            long presenceCharsBefore = state.presenceChars.sum();
            int connected = connectAll(clients, live);
            double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
            awaitQuiet(pid);
            double settleSeconds = (System.nanoTime() - connectStart) / 1e9;
            long presenceFrames = state.presenceFrames.sum() - presenceBefore;
            long presenceChars = state.presenceChars.sum() - presenceCharsBefore;
            long open = clients.stream().filter(c -> !c.isClosed()).count();
            System.out.printf(Locale.ROOT, "connect+join: %d of %d joined in %.1f s (quiet after %.1f s), %d open; "
                            + "presence frames received meanwhile: %,d (%.1f MB)%n", connected, o.clients(),
                    connectSeconds, settleSeconds, open, presenceFrames, presenceChars / 1e6);
            printCloses("closes so far");
            if (raw != null) {
                System.out.printf(Locale.ROOT, "permessage-deflate: %s; the server agreed on %d of the %d sockets"
                                + " opened (the clients and a probe)%n",
                        o.offerDeflate() ? "offered as Chromium does" : "not offered", raw.deflating(), connected + 1);
            }

            JvmTools.Histo heapN = jvm.classHistogram(pid);
            Map<String, Long> nativeN = jvm.nativeMemory(pid);
            long rssN = ProcStats.rssKiB(pid);
            reportHeap("idle", heap0, heapN, native0, nativeN, rss0, rssN, (int) open);

            // Editing.
            SplittableRandom seeds = new SplittableRandom(o.seed());
            long periodMicros = Math.round(1e6 / o.rate());
            for (BenchClient editor : editors) {
                SplittableRandom random = seeds.split();
                scheduler.scheduleAtFixedRate(() -> editor.edit(random, clauseIds), random.nextLong(periodMicros),
                        periodMicros, TimeUnit.MICROSECONDS);
            }
            if (o.presenceRate() > 0) {
                long presenceMicros = Math.round(1e6 / o.presenceRate());
                for (BenchClient editor : editors) {
                    SplittableRandom random = seeds.split();
                    scheduler.scheduleAtFixedRate(() -> editor.presence(random, clauseIds),
                            random.nextLong(presenceMicros), presenceMicros, TimeUnit.MICROSECONDS);
                }
            }
            scheduler.scheduleWithFixedDelay(() -> state.evictFrames(TimeUnit.SECONDS.toNanos(150)), 5, 5,
                    TimeUnit.SECONDS);
            System.out.printf(Locale.ROOT, "editing: warm-up %d s…%n", o.warmup());
            Thread.sleep(TimeUnit.SECONDS.toMillis(o.warmup()));

            Snapshot s0 = snapshot(pid, clients);
            state.measuring = true;
            Thread.sleep(TimeUnit.SECONDS.toMillis(o.seconds()));
            state.measuring = false;
            Snapshot s1 = snapshot(pid, clients);
            scheduler.shutdownNow();
            Thread.sleep(2_000); // let in-flight submissions finish and recorders go quiet
            report(s0, s1, clients);

            JvmTools.Histo heapAfter = jvm.classHistogram(pid);
            long stillOpen = clients.stream().filter(c -> !c.isClosed()).count();
            System.out.printf(Locale.ROOT, "heap after the run (live, full GC): %.1f MB, %.1f KB per open connection "
                            + "(%d open) above the no-client baseline%n", heapAfter.totalBytes() / 1e6,
                    (heapAfter.totalBytes() - heap0.totalBytes()) / 1024.0 / Math.max(1, stillOpen), stillOpen);
            printServerLog();
            return 0;
        } finally {
            scheduler.shutdownNow();
            clients.forEach(BenchClient::abort);
            https.forEach(HttpClient::shutdownNow);
            pool.shutdownNow();
            if (raw != null) {
                raw.close();
            }
        }
    }

    // ---- the child server ----------------------------------------------------------------------

    private int startServer() throws IOException, InterruptedException {
        // Every client comes from this one address: the per-address caps on live sockets (1,000 by
        // default) and connections (2,000) turned away all but the first thousand clients of a run
        // at 2,000, and then its probe's connection.
        List<String> args = new ArrayList<>(List.of("--ws-rate", "1000", "--ws-burst", "1000",
                "--max-sockets-per-address", "0", "--max-connections-per-address", "0"));
        args.addAll(options.serverArgs());
        server = BenchServer.start(jvm, workDir, options.serverHeap(), options.serverJvm(), args);
        return server.port();
    }

    private synchronized void stopServer() {
        if (server != null) {
            server.stop();
        }
    }

    private void deleteWorkDir() {
        BenchServer.deleteWorkDir(workDir);
    }

    private void printServerLog() throws IOException {
        server.printLog();
    }

    private static JsonNode createDocument(HttpClient http, URI base) throws Exception {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(base.resolve("/api/documents"))
                .header("Content-Type", "text/markdown; charset=utf-8")
                .header("Authorization", "Bearer " + BenchClient.token)
                .POST(HttpRequest.BodyPublishers.ofString(BenchDraft.markdown(20), StandardCharsets.UTF_8))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("creating the document: " + created.statusCode() + " " + created.body());
        }
        return JSON.readTree(created.body());
    }

    private String[] operativeClauseIds(JsonNode document) {
        List<String> ids = new ArrayList<>();
        document.get("clauses").forEach(c -> {
            if (c.get("kind").asText().equals("operative")) {
                ids.add(c.get("id").asText());
            }
        });
        return ids.subList(0, Math.min(ids.size(), options.clauses())).toArray(String[]::new);
    }

    // ---- connecting ------------------------------------------------------------------------------

    /**
     * Opens and joins all clients, at most {@code connect-concurrency} handshakes at a time; returns how
     * many joined. "ramp": each client joins as soon as its socket is open, so joins trickle in over
     * the whole connect phase. "burst": all sockets are opened first, then all joins are sent at once,
     * so the server's presence broadcasts (one per tick in which anyone joined, each carrying the whole
     * list to everyone) coalesce into a few ticks.
     */
    private int connectAll(List<BenchClient> clients, URI live) throws InterruptedException {
        boolean burst = options.join().equals("burst");
        Semaphore permits = new Semaphore(options.connectConcurrency());
        AtomicInteger opened = new AtomicInteger();
        AtomicInteger joined = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.connectTimeoutSeconds());
        for (int i = 0; i < clients.size(); i++) {
            long left = deadline - System.nanoTime();
            if (!permits.tryAcquire(Math.max(0, left), TimeUnit.NANOSECONDS)) {
                System.out.println("connect: timed out after " + i + " connection attempts");
                break;
            }
            BenchClient c = clients.get(i);
            c.joinOnOpen = !burst;
            c.joined.whenComplete((v, e) -> (e == null ? joined : failed).incrementAndGet());
            if (!burst) {
                c.joined.whenComplete((v, e) -> permits.release());
            }
            connect(c, i, live).whenComplete((ws, e) -> {
                if (e != null) {
                    c.joined.completeExceptionally(e);
                } else {
                    opened.incrementAndGet();
                }
                if (burst) {
                    permits.release();
                }
            });
            if ((i + 1) % 500 == 0) {
                System.out.printf(Locale.ROOT, "  … %d connecting, %d open, %d joined, %d failed%n", i + 1,
                        opened.get(), joined.get(), failed.get());
            }
        }
        permits.tryAcquire(options.connectConcurrency(), Math.max(0, deadline - System.nanoTime()),
                TimeUnit.NANOSECONDS);
        if (burst) {
            System.out.printf(Locale.ROOT, "  %d sockets open after %.1f s; sending all joins%n", opened.get(),
                    (System.nanoTime() - deadline) / 1e9 + options.connectTimeoutSeconds());
            clients.forEach(c -> {
                if (!c.joined.isDone() && c.isOpen()) {
                    c.join();
                }
            });
            while (joined.get() + failed.get() < clients.size() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        }
        if (failed.get() > 0) {
            System.out.println("connect: " + failed.get() + " clients failed to join");
        }
        return joined.get();
    }

    private java.util.concurrent.CompletableFuture<?> connect(BenchClient c, int i, URI live) {
        return raw != null ? c.connect(raw, live) : c.connect(https.get(i % https.size()), live);
    }

    /**
     * Waits (at most 300 s) until the joins have settled: no frame received for two seconds and the
     * server using under 10 % of a core meanwhile (a server busy in GC or with a backlog of queued
     * broadcasts also sends nothing for a while).
     */
    private void awaitQuiet(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        long lastFrames = -1;
        long lastCpu = ProcStats.processCpu(pid).total();
        int quiet = 0;
        while (quiet < 4 && System.nanoTime() < deadline) {
            Thread.sleep(500);
            long frames = state.presenceFrames.sum() + state.opsFrames.sum() + state.otherFrames.sum();
            long cpu = ProcStats.processCpu(pid).total();
            boolean idle = frames == lastFrames && (cpu - lastCpu) < ProcStats.CLK_TCK * 0.5 * 0.10;
            quiet = idle ? quiet + 1 : 0;
            lastFrames = frames;
            lastCpu = cpu;
        }
        if (quiet < 4) {
            System.out.println("  (joins had not settled after 300 s; measuring anyway)");
        }
    }

    // ---- measuring ---------------------------------------------------------------------------------

    private record Snapshot(long nanos, ProcStats.Cpu serverCpu, Map<String, Long> serverThreads,
                            ProcStats.Cpu selfCpu, Map<String, Long> selfThreads, ProcStats.Machine machine,
                            long maxRevision, long[] clientFrames, long opsFrames, long presenceFrames,
                            long otherFrames, long chars, Map<String, Double> gc) {
    }

    private Snapshot snapshot(long pid, List<BenchClient> clients) {
        long self = ProcessHandle.current().pid();
        long[] frames = new long[clients.size()];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = clients.get(i).frames;
        }
        return new Snapshot(System.nanoTime(), ProcStats.processCpu(pid), ProcStats.threadCpu(pid),
                ProcStats.processCpu(self), ProcStats.threadCpu(self), ProcStats.machine(), state.maxRevision.get(),
                frames, state.opsFrames.sum(), state.presenceFrames.sum(), state.otherFrames.sum(), state.chars.sum(),
                jvm.gcCounters(pid));
    }

    private void report(Snapshot s0, Snapshot s1, List<BenchClient> clients) {
        double seconds = (s1.nanos() - s0.nanos()) / 1e9;
        int n = clients.size();
        long committed = s1.maxRevision() - s0.maxRevision();
        System.out.printf(Locale.ROOT, "window %.1f s:%n", seconds);
        System.out.printf(Locale.ROOT, "  edits %,d (%.1f/s), submissions %,d, acknowledged %,d, committed %,d ops "
                        + "(%.1f ops/s)%n", state.edits.sum(), state.edits.sum() / seconds, state.submits.sum(),
                state.acks.sum(), committed, committed / seconds);
        printCounts("  errors", state.errors);
        printCloses("  closes");
        Histogram ack = state.ack.merged();
        Histogram fromAt = state.broadcastFromAt.merged();
        Histogram fromSend = state.broadcastFromSend.merged();
        System.out.println("  submit->ack (send -> own commit received), ms:  " + ack.summary());
        System.out.println("  submit->saved (send -> early durable acknowledgement), ms:  " + state.saved.merged().summary());
        System.out.println("  broadcast, server commit stamp 'at' -> other clients, ms:  " + fromAt.summary());
        System.out.println("  broadcast, author's send -> other clients (upper bound), ms:  " + fromSend.summary());
        System.out.printf(Locale.ROOT, "  commits delivered to other clients: %,d (%.0f/s)%n", fromAt.count(),
                fromAt.count() / seconds);
        // Only joined clients receive frames: one that failed to join left every frame one short.
        int receivers = (int) clients.stream().filter(c -> !c.isClosed() && c.joined.isDone()
                && !c.joined.isCompletedExceptionally()).count();
        Histogram spread = state.fanOutSpread(s0.nanos(), s1.nanos(), receivers);
        System.out.println("  fan-out spread, first -> last of the " + receivers + " joined clients receiving one ops frame, ms:  "
                + spread.summary());
        long ops = s1.opsFrames() - s0.opsFrames();
        long presence = s1.presenceFrames() - s0.presenceFrames();
        long other = s1.otherFrames() - s0.otherFrames();
        long total = ops + presence + other;
        long[] perClient = new long[n];
        for (int i = 0; i < n; i++) {
            perClient[i] = s1.clientFrames()[i] - s0.clientFrames()[i];
        }
        Arrays.sort(perClient);
        System.out.printf(Locale.ROOT, "  frames received: %,.0f/s in total (ops %,.0f/s, presence %,.0f/s, other "
                        + "%,.0f/s), %.1f MB/s; per client %.1f/s (min %.1f, median %.1f, max %.1f)%n", total / seconds,
                ops / seconds, presence / seconds, other / seconds, (s1.chars() - s0.chars()) / seconds / 1e6,
                total / seconds / n, perClient[0] / seconds, perClient[n / 2] / seconds, perClient[n - 1] / seconds);
        long serverTicks = s1.serverCpu().total() - s0.serverCpu().total();
        System.out.printf(Locale.ROOT, "  server CPU: %s of one core (user %s, system %s); by thread: %s%n",
                ProcStats.pct(serverTicks, seconds),
                ProcStats.pct(s1.serverCpu().user() - s0.serverCpu().user(), seconds),
                ProcStats.pct(s1.serverCpu().system() - s0.serverCpu().system(), seconds),
                ProcStats.topThreads(ProcStats.threadDelta(s0.serverThreads(), s1.serverThreads()), seconds, 8));
        System.out.printf(Locale.ROOT, "  load generator CPU: %s of one core; by thread: %s%n",
                ProcStats.pct(s1.selfCpu().total() - s0.selfCpu().total(), seconds),
                ProcStats.topThreads(ProcStats.threadDelta(s0.selfThreads(), s1.selfThreads()), seconds, 5));
        long busy = s1.machine().busy() - s0.machine().busy();
        long all = s1.machine().total() - s0.machine().total();
        long selfTicks = s1.selfCpu().total() - s0.selfCpu().total();
        int cores = Runtime.getRuntime().availableProcessors();
        double otherCores = all == 0 ? 0 : (double) (busy - serverTicks - selfTicks) / all * cores;
        System.out.printf(Locale.ROOT, "  machine: %.0f%% of %d cores busy; other processes (and kernel work not "
                        + "charged to either JVM) about %.0f%% of one core%n", all == 0 ? 0 : 100.0 * busy / all, cores,
                Math.max(0, 100 * otherCores));
        Map<String, Double> g0 = s0.gc();
        Map<String, Double> g1 = s1.gc();
        System.out.printf(Locale.ROOT, "  server GC: %.0f young collections (%.0f ms), %.0f full (%.0f ms), "
                        + "%.0f concurrent cycles; heap used now %.1f MB%n", diff(g0, g1, "YGC"),
                1000 * diff(g0, g1, "YGCT"), diff(g0, g1, "FGC"), 1000 * diff(g0, g1, "FGCT"), diff(g0, g1, "CGC"),
                (g1.getOrDefault("EU", 0.0) + g1.getOrDefault("OU", 0.0) + g1.getOrDefault("S0U", 0.0)
                        + g1.getOrDefault("S1U", 0.0)) / 1024);
        System.out.printf(Locale.ROOT, "  targets: ack p99 %s ms <= 25: %s; broadcast p99 %s ms (send-based) <= 100: %s%n",
                Histogram.ms(ack.percentileMicros(99)), ack.count() > 0 && ack.percentileMicros(99) <= 25_000 ? "MET" : "NOT MET",
                Histogram.ms(fromSend.percentileMicros(99)),
                fromSend.count() > 0 && fromSend.percentileMicros(99) <= 100_000 ? "MET" : "NOT MET");
    }

    private static double diff(Map<String, Double> a, Map<String, Double> b, String key) {
        return b.getOrDefault(key, 0.0) - a.getOrDefault(key, 0.0);
    }

    private void reportHeap(String what, JvmTools.Histo base, JvmTools.Histo now, Map<String, Long> native0,
                            Map<String, Long> nativeN, long rss0, long rssN, int n) {
        double perConnection = (now.totalBytes() - base.totalBytes()) / 1024.0 / Math.max(1, n);
        System.out.printf(Locale.ROOT, "heap (live objects after full GC): no client %.1f MB, %d %s clients %.1f MB "
                        + "-> %.1f KB per %s connection [target <= 32 KB: %s]%n", base.totalBytes() / 1e6, n, what,
                now.totalBytes() / 1e6, perConnection, what, perConnection <= 32 ? "MET" : "NOT MET");
        System.out.print("    largest per-connection growth by class (bytes, objects per connection):");
        System.out.println(now.topGrowth(base, Math.max(1, n), 12));
        if (!native0.isEmpty() && !nativeN.isEmpty()) {
            List<String> categories = new ArrayList<>(nativeN.keySet());
            categories.remove("Total");
            categories.sort(Comparator.comparingDouble(c -> -perKb(native0, nativeN, c, n)));
            StringBuilder top = new StringBuilder();
            for (String c : categories.subList(0, Math.min(5, categories.size()))) {
                top.append(String.format(Locale.ROOT, ", %s %.1f KB", c, perKb(native0, nativeN, c, n)));
            }
            System.out.printf(Locale.ROOT, "    process memory per connection: RSS %.1f KB; NMT committed %.1f KB%s%n",
                    (rssN - rss0) / (double) Math.max(1, n), perKb(native0, nativeN, "Total", n), top);
        }
    }

    private static double perKb(Map<String, Long> a, Map<String, Long> b, String key, int n) {
        return (b.getOrDefault(key, 0L) - a.getOrDefault(key, 0L)) / (double) Math.max(1, n);
    }

    private void printCloses(String label) {
        printCounts(label, state.closes);
    }

    private static void printCounts(String label, Map<String, LongAdder> counts) {
        if (counts.isEmpty()) {
            System.out.println(label + ": none");
        } else {
            StringBuilder s = new StringBuilder();
            counts.forEach((k, v) -> s.append(s.isEmpty() ? "" : ", ").append(k).append(" x").append(v.sum()));
            System.out.println(label + ": " + s);
        }
    }

    private static String openFileLimit() {
        try {
            Process p = new ProcessBuilder("sh", "-c", "ulimit -n").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            p.waitFor();
            return out;
        } catch (Exception e) {
            return "?";
        }
    }

    // ---- options -----------------------------------------------------------------------------------

    record Options(int clients, int editors, double rate, int seconds, int warmup, int clauses, String serverHeap,
                   List<String> serverArgs, int connectConcurrency, int httpClients, int clientThreads, long seed,
                   int connectTimeoutSeconds, String join, double presenceRate, List<String> serverJvm,
                   String client, boolean offerDeflate) {
        static Options parse(String[] args) {
            int clients = 500;
            int editors = 100;
            double rate = 2;
            int seconds = 30;
            int warmup = 10;
            int clauses = 20;
            String heap = "1g";
            List<String> serverArgs = new ArrayList<>();
            int concurrency = 64;
            int https = 4;
            int threads = 2;
            long seed = 42;
            int connectTimeout = 300;
            String join = "burst";
            double presence = 0;
            List<String> serverJvm = new ArrayList<>();
            String client = "raw";
            boolean offerDeflate = true;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                String v = i + 1 < args.length ? args[i + 1] : null;
                if (v == null) {
                    throw new IllegalArgumentException(a + " needs a value");
                }
                i++;
                switch (a) {
                    case "--clients" -> clients = Integer.parseInt(v);
                    case "--editors" -> editors = Integer.parseInt(v);
                    case "--rate" -> rate = Double.parseDouble(v);
                    case "--seconds" -> seconds = Integer.parseInt(v);
                    case "--warmup" -> warmup = Integer.parseInt(v);
                    case "--clauses" -> clauses = Integer.parseInt(v);
                    case "--server-heap" -> heap = v;
                    case "--server-arg" -> serverArgs.add(v);
                    case "--connect-concurrency" -> concurrency = Integer.parseInt(v);
                    case "--http-clients" -> https = Integer.parseInt(v);
                    case "--client-threads" -> threads = Integer.parseInt(v);
                    case "--seed" -> seed = Long.parseLong(v);
                    case "--connect-timeout" -> connectTimeout = Integer.parseInt(v);
                    case "--join" -> join = v;
                    case "--presence-rate" -> presence = Double.parseDouble(v);
                    case "--server-jvm" -> serverJvm.add(v);
                    case "--client" -> client = v;
                    case "--deflate" -> offerDeflate = switch (v) {
                        case "offer" -> true;
                        case "none" -> false;
                        default -> throw new IllegalArgumentException("--deflate offer|none");
                    };
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            if (clients < 1 || clients > 20_000 || editors < 0 || editors > clients || rate <= 0 || rate > 100
                    || seconds < 1 || seconds > 3_600 || warmup < 0 || warmup > 600 || clauses < 1
                    || !(join.equals("burst") || join.equals("ramp")) || presence < 0 || presence > 100
                    || !(client.equals("raw") || client.equals("jdk"))) {
                throw new IllegalArgumentException("out of range: 1 <= clients <= 20000, 0 <= editors <= clients, "
                        + "0 < rate <= 100, 1 <= seconds <= 3600, 0 <= warmup <= 600, --join burst|ramp, "
                        + "0 <= presence-rate <= 100, --client raw|jdk");
            }
            return new Options(clients, editors, rate, seconds, warmup, clauses, heap, List.copyOf(serverArgs),
                    concurrency, https, threads, seed, connectTimeout, join, presence, List.copyOf(serverJvm), client,
                    offerDeflate);
        }
    }
}
