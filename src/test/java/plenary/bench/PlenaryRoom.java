package plenary.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A plenary session as a benchmark (issue 17): starts Plenary as a child JVM on 127.0.0.1, sets up
 * one meeting with a document of P paragraphs and A tabled amendments, opens a socket for every
 * delegation, observer and editor (each its own account, joining as the page does), then plays a
 * script in three measured phases: rapporteurs typing at 5 characters a second while an amendment
 * is tabled every second and two comments are posted a second; a roll-call vote of every delegation
 * (ballots spread over 10 s) with comments and page reads alongside; a silence procedure broken by
 * one delegation and concluded by the server. It reports, per kind of action, the latency from its
 * sending to its arrival at every client (p50, p99, max), the bytes each client received for it,
 * the server's CPU per action, REST latency (comments and reads during the vote), and memory, with
 * the targets beside the figures.
 *
 * <pre>
 * mvn -B -q -Pbench test-compile exec:exec -Dbench=PlenaryRoom -Dbench.args="--delegations 200 --observers 300 --editors 10 --paragraphs 200 --amendments 300 --seconds 30 --vote-seconds 10"
 * </pre>
 *
 * Targets, printed beside the figures: every action's frames reach every client within 100 ms at
 * p99 (from the action's sending; for the silence's conclusion, from its deadline); REST p99 ≤ 100
 * ms for comments and reads during the vote; at most 2 KB per observer per amendment tabled.
 * Latency runs from sending a REST call (or a submission, or a presence message) to the arrival of
 * the first frame that carries its effect, so it includes the call's own time in the server.
 *
 * Options: --delegations N (200) --observers N (300) --editors N (10: rapporteurs on sockets) --typists N (1: of
 * the editors, who type) --paragraphs N (200) --amendments N (300 tabled in the set-up) --seconds S (30: the
 * typing phase) --typing-rate C (5 characters/s per typist) --amendment-rate R (1/s) --comment-rate R (2/s)
 * --register-seconds S (5: presences of the vote) --vote-seconds S (10: ballots) --read-rate R (4 page reads/s
 * during the vote) --silence-seconds S (10) --silence-breaks N (1) --settle-seconds S (2: after each phase, for
 * its last frames) --deflate offer|none (offer permessage-deflate as browsers do, the default; the server
 * declines it) --seed N (42) --server-heap SIZE (1g) --server-arg ARG and --server-jvm ARG (repeatable)
 * --setup-threads N (4) --join-threads N (8) --warmup S (10: typing and comments as in the first phase, without
 * amendments, before it and not measured, so that the server's compiler has seen the live paths).
 *
 * Both processes share this machine's cores, so latencies include the generator's own scheduling;
 * its CPU is printed beside the server's.
 */
public final class PlenaryRoom {
    private static final long FRAME_P99_TARGET_MICROS = 100_000;
    private static final long REST_P99_TARGET_MICROS = 100_000;
    private static final double AMENDMENT_BYTES_TARGET = 2048;

    private final Options o;
    private final JvmTools jvm = new JvmTools();
    private volatile BenchServer server;
    private Path workDir;

    private PlenaryRoom(Options o) {
        this.o = o;
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        PlenaryRoom room = new PlenaryRoom(options);
        long budget = options.budgetSeconds();
        BenchMain.run("PlenaryRoom", budget, room::stopServer, room::run, () -> BenchServer.deleteWorkDir(room.workDir));
    }

    private void stopServer() {
        BenchServer s = server;
        if (s != null) {
            s.stop();
        }
    }

    private int run() throws Exception {
        System.out.printf(Locale.ROOT, "== Plenary room: %d delegations, %d observers, %d editors (%d typing); %d paragraphs, "
                        + "%d amendments tabled; warm-up %d s, phases of %d s typing, %d+%d s vote, %d s silence; seed %d ==%n",
                o.delegations(), o.observers(), o.editors(), o.typists(), o.paragraphs(), o.amendments(), o.warmup(), o.seconds(),
                o.registerSeconds(), o.voteSeconds(), o.silenceSeconds(), o.seed());
        System.out.println("machine: " + ProcStats.machineFacts());
        workDir = Files.createTempDirectory("plenary-room");
        server = BenchServer.start(jvm, workDir, o.serverHeap(), o.serverJvm(), o.serverArgs());
        long pid = server.pid();
        System.out.printf(Locale.ROOT, "server: pid %d, port %d, -Xmx%s %s, args %s%n", pid, server.port(), o.serverHeap(),
                String.join(" ", o.serverJvm()), o.serverArgs());

        ExecutorService setupPool = Executors.newFixedThreadPool(Math.max(o.setupThreads(), o.joinThreads()),
                daemons("room-setup"));
        ExecutorService restPool = Executors.newFixedThreadPool(16, daemons("room-rest"));
        ExecutorService httpPool = Executors.newFixedThreadPool(4, daemons("room-http"));
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, daemons("room-timer"));
        URI base = URI.create("http://127.0.0.1:" + server.port() + "/");
        SplittableRandom random = new SplittableRandom(o.seed());
        List<RoomClient> clients = new ArrayList<>();
        try (RoomHttp http = new RoomHttp(base, httpPool);
             RawWebSockets raw = new RawWebSockets(2, 16, o.offerDeflate())) {
            RoomSetup.Room room = RoomSetup.prepare(http, o, setupPool, random);
            Memory setUp = memory(pid, "after set-up, no socket open");

            RoomFrames shared = new RoomFrames();
            List<RoomTypist> typists = new ArrayList<>();
            List<RoomSetup.Paragraph> operative = room.paragraphs().stream()
                    .filter(p -> p.kind().equals("operative")).toList();
            if (o.typists() > operative.size()) { // each types in a paragraph of its own: no transforming needed
                throw new IllegalArgumentException("more typists than operative paragraphs (" + operative.size() + ")");
            }
            for (RoomSetup.Person p : room.editors()) {
                RoomClient c = new RoomClient(clients.size(), RoomClient.Group.EDITOR, p.token(), null, shared);
                if (typists.size() < o.typists()) {
                    String clauseId = operative.get((typists.size() + 1) * operative.size() / (o.typists() + 1)).id();
                    RoomTypist t = new RoomTypist("t" + typists.size(), clauseId, c, shared, random.split());
                    c.typist = t;
                    typists.add(t);
                }
                clients.add(c);
            }
            for (RoomSetup.Person p : room.delegates()) {
                clients.add(new RoomClient(clients.size(), RoomClient.Group.DELEGATE, p.token(), p.delegation(), shared));
            }
            for (RoomSetup.Person p : room.observers()) {
                clients.add(new RoomClient(clients.size(), RoomClient.Group.OBSERVER, p.token(), null, shared));
            }
            URI live = URI.create("ws://127.0.0.1:" + server.port() + "/api/documents/" + room.documentId() + "/live");
            RoomPhase joins = new RoomPhase(0, "joins");
            long t0 = System.nanoTime();
            int joined = RoomSetup.join(clients, room, http, raw, live, setupPool, o.joinThreads(), joins);
            System.out.printf(Locale.ROOT, "joins: %d of %d sockets joined as the page does (GET document, join, GET "
                            + "negotiation) in %.1f s; permessage-deflate %s, agreed by the server on %d sockets%n", joined,
                    clients.size(), (System.nanoTime() - t0) / 1e9, o.offerDeflate() ? "offered" : "not offered",
                    raw.deflating());
            joins.printRest();
            if (joined < clients.size() || typists.stream().anyMatch(t -> !t.ready())) {
                System.out.println("not every socket joined (or a typist found no paragraph); errors: " + RoomClient.ERRORS);
                return 1;
            }
            Thread.sleep(2_000); // the joins' presence frames
            Memory sockets = memory(pid, "with every socket open");
            AtomicInteger pings = new AtomicInteger();
            // The page pings every 20 s; an idle socket is closed after 120 s.
            timer.scheduleAtFixedRate(() -> clients.forEach(c -> c.send("{\"type\":\"ping\",\"t\":" + pings.incrementAndGet()
                    + "}")), 20, 20, TimeUnit.SECONDS);

            RoomScript script = new RoomScript(room, http, shared, clients, typists, o, restPool, timer, pid, random);
            script.warmUp(o.warmup());
            List<RoomPhase> phases = List.of(script.typing(1), script.vote(2), script.silence(3));
            Memory end = memory(pid, "at the end");
            for (RoomPhase phase : phases) {
                phase.print(FRAME_P99_TARGET_MICROS);
            }
            int keystrokes = typists.stream().mapToInt(t -> t.keystrokes).sum();
            System.out.printf(Locale.ROOT, "%ntypists: %d keystrokes in %d submissions (%d composed with another while one "
                            + "was in flight), %d presence messages, %d refused%n", keystrokes,
                    typists.stream().mapToInt(t -> t.submissions).sum(), typists.stream().mapToInt(RoomTypist::composed).sum(),
                    typists.stream().mapToInt(t -> t.presences).sum(), typists.stream().mapToInt(t -> t.refused).sum());
            summary(phases, clients, setUp, sockets, end);
            server.printLog();
            return 0;
        } finally {
            clients.forEach(RoomClient::abort);
            timer.shutdownNow();
            restPool.shutdownNow();
            setupPool.shutdownNow();
            httpPool.shutdownNow();
        }
    }

    // ---- report -----------------------------------------------------------------------------------

    private void summary(List<RoomPhase> phases, List<RoomClient> clients, Memory setUp, Memory sockets, Memory end) {
        System.out.printf(Locale.ROOT, "%n== Plenary room: summary, targets beside the figures ==%n");
        System.out.printf(Locale.ROOT, "  %-8s %-22s %6s %12s  %-27s %-22s %s%n", "phase", "action", "n", "reached all",
                "sent -> every client p50/p99/max", "target p99 <= 100 ms", "bytes per observer per action");
        List<String> missed = new ArrayList<>();
        for (RoomPhase phase : phases) {
            String name = switch (phase.index) {
                case 1 -> "typing";
                case 2 -> "vote";
                default -> "silence";
            };
            for (Map.Entry<String, RoomPhase.TypeStats> e : phase.types.entrySet()) {
                RoomPhase.TypeStats t = e.getValue();
                Histogram h = t.latency;
                boolean met = h.count() > 0 && h.percentileMicros(99) <= FRAME_P99_TARGET_MICROS;
                if (!met) {
                    missed.add(name + "/" + e.getKey());
                }
                System.out.printf(Locale.ROOT, "  %-8s %-22s %6d %12s  %-27s %-22s %s%n", name, e.getKey(), t.requests,
                        t.complete + "/" + t.requests, h.count() == 0 ? "no deliveries" : String.format(Locale.ROOT,
                                "%s / %s / %s ms", Histogram.ms(h.percentileMicros(50)),
                                Histogram.ms(h.percentileMicros(99)), Histogram.ms(h.maxMicros())),
                        met ? "MET" : "NOT MET", RoomPhase.kb(phase.bytesPerEvent(t, RoomClient.Group.OBSERVER)));
            }
        }
        System.out.println("  every frame p99 <= 100 ms: " + (missed.isEmpty() ? "MET for every action"
                : "NOT MET for " + String.join(", ", missed)));
        RoomPhase vote = phases.get(1);
        StringBuilder rest = new StringBuilder();
        for (String label : List.of("POST comments", "GET document", "GET negotiation")) {
            Histogram h = vote.rest(label);
            rest.append(String.format(Locale.ROOT, "%s%s p99 %s ms (n=%d): %s", rest.isEmpty() ? "" : "; ", label,
                    Histogram.ms(h.percentileMicros(99)), h.count(),
                    h.count() > 0 && h.percentileMicros(99) <= REST_P99_TARGET_MICROS ? "MET" : "NOT MET"));
        }
        System.out.println("  REST during the vote, target p99 <= 100 ms: " + rest);
        RoomPhase.TypeStats amendments = phases.get(0).types.get("amendment tabled");
        double perObserver = amendments == null ? 0 : phases.get(0).bytesPerEvent(amendments, RoomClient.Group.OBSERVER);
        System.out.printf(Locale.ROOT, "  bytes per observer per amendment tabled: %,.0f B, target <= 2 KB: %s%n",
                perObserver, amendments != null && perObserver <= AMENDMENT_BYTES_TARGET ? "MET" : "NOT MET");
        StringBuilder cpu = new StringBuilder();
        for (RoomPhase phase : phases) {
            int n = phase.types.values().stream().mapToInt(t -> t.requests).sum();
            cpu.append(String.format(Locale.ROOT, "%sphase %d %s of a core, %.2f ms per action", cpu.isEmpty() ? "" : "; ",
                    phase.index, ProcStats.pct(phase.serverTicks(), phase.seconds()),
                    n == 0 ? 0 : phase.serverTicks() * 1000.0 / ProcStats.CLK_TCK / n));
        }
        System.out.println("  server CPU: " + cpu);
        System.out.printf(Locale.ROOT, "  memory (live heap after a full GC / RSS): after set-up %.1f / %.1f MB; %d sockets "
                        + "open %.1f / %.1f MB (%.1f KB heap, %.1f KB RSS per socket); at the end %.1f / %.1f MB; -Xmx%s%n",
                setUp.heap() / 1e6, setUp.rssKiB() / 1024.0, clients.size(), sockets.heap() / 1e6, sockets.rssKiB() / 1024.0,
                (sockets.heap() - setUp.heap()) / 1024.0 / clients.size(),
                (sockets.rssKiB() - setUp.rssKiB()) / (double) clients.size(), end.heap() / 1e6, end.rssKiB() / 1024.0,
                o.serverHeap());
        int gaps = clients.stream().mapToInt(c -> c.gaps).sum();
        long withGaps = clients.stream().filter(c -> c.gaps > 0).count();
        long closed = clients.stream().filter(c -> c.closedWith != null).count();
        System.out.printf(Locale.ROOT, "  negotiation frames missed (numbers skipped): %d, on %d clients (each read the "
                + "state again); sockets closed: %d; client-side counts: %s%n", gaps, withGaps, closed,
                RoomClient.ERRORS.isEmpty() ? "none" : RoomClient.ERRORS);
        System.out.println("  machine: " + ProcStats.machineFacts());
    }

    private record Memory(long heap, long rssKiB) {
    }

    /** The server's live heap (after the full GC a class histogram makes) and resident size. */
    private Memory memory(long pid, String when) {
        long heap = jvm.classHistogram(pid).totalBytes();
        long rss = ProcStats.rssKiB(pid);
        System.out.printf(Locale.ROOT, "memory %s: live heap %.1f MB, RSS %.1f MB%n", when, heap / 1e6, rss / 1024.0);
        return new Memory(heap, rss);
    }

    private static ThreadFactory daemons(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    // ---- options -----------------------------------------------------------------------------------

    record Options(int delegations, int observers, int editors, int typists, int paragraphs, int amendments,
                   int seconds, double typingRate, double amendmentRate, double commentRate, int registerSeconds,
                   int voteSeconds, double readRate, int silenceSeconds, int silenceBreaks, int settleSeconds,
                   boolean offerDeflate, long seed, String serverHeap, List<String> serverArgs, List<String> serverJvm,
                   int setupThreads, int joinThreads, int warmup) {

        /** Set-up and joins (generous: each account costs two Argon2 hashes), the phases, and a margin. */
        long budgetSeconds() {
            return 900L + (delegations + observers + editors) / 2 + amendments / 5 + warmup + seconds + registerSeconds
                    + voteSeconds + silenceSeconds + 3L * settleSeconds + 300;
        }

        static Options parse(String[] args) {
            BenchArgs v = new BenchArgs(args, Set.of("--delegations", "--observers", "--editors", "--typists",
                    "--paragraphs", "--amendments", "--seconds", "--typing-rate", "--amendment-rate", "--comment-rate",
                    "--register-seconds", "--vote-seconds", "--read-rate", "--silence-seconds", "--silence-breaks",
                    "--settle-seconds", "--deflate", "--seed", "--server-heap", "--setup-threads", "--join-threads",
                    "--warmup"), Set.of("--server-arg", "--server-jvm"));
            String deflate = v.text("--deflate", "offer");
            if (!deflate.equals("offer") && !deflate.equals("none")) {
                throw new IllegalArgumentException("--deflate offer|none");
            }
            Options o = new Options(v.integer("--delegations", 200), v.integer("--observers", 300),
                    v.integer("--editors", 10), v.integer("--typists", 1), v.integer("--paragraphs", 200),
                    v.integer("--amendments", 300), v.integer("--seconds", 30),
                    v.decimal("--typing-rate", 5), v.decimal("--amendment-rate", 1), v.decimal("--comment-rate", 2),
                    v.integer("--register-seconds", 5), v.integer("--vote-seconds", 10), v.decimal("--read-rate", 4),
                    v.integer("--silence-seconds", 10), v.integer("--silence-breaks", 1), v.integer("--settle-seconds", 2),
                    deflate.equals("offer"), v.longInteger("--seed", 42),
                    v.text("--server-heap", "1g"), v.all("--server-arg"), v.all("--server-jvm"),
                    v.integer("--setup-threads", 4), v.integer("--join-threads", 8), v.integer("--warmup", 10));
            if (o.delegations < 1 || o.observers < 0 || o.editors < 1 || o.typists < 0 || o.typists > o.editors
                    || o.paragraphs < 10 || o.amendments < 0 || o.seconds < 1 || o.typingRate <= 0 || o.typingRate > 40
                    || o.amendmentRate <= 0 || o.commentRate <= 0 || o.readRate <= 0 || o.registerSeconds < 1
                    || o.voteSeconds < 1 || o.silenceSeconds < 3 || o.silenceBreaks < 0 || o.settleSeconds < 0
                    || o.setupThreads < 1 || o.joinThreads < 1 || o.warmup < 0 || o.delegations + o.observers + o.editors > 1000) {
                throw new IllegalArgumentException("out of range: delegations >= 1, editors >= 1, 0 <= typists <= editors, "
                        + "paragraphs >= 10, rates > 0 (typing <= 40/s), silence-seconds >= 3, at most 1,000 sockets "
                        + "(the server's default per address)");
            }
            return o;
        }
    }
}
