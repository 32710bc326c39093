package plenary.bench;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import plenary.document.Clause;
import plenary.document.ClauseKind;
import plenary.document.Document;
import plenary.document.MarkdownImporter;
import plenary.document.RandomIds;
import plenary.editing.Change;
import plenary.editing.Commit;
import plenary.editing.DocumentState;
import plenary.editing.Outcome;
import plenary.editing.Submission;
import plenary.editing.TextOp;
import plenary.live.DocumentSequencer;
import plenary.live.LiveAddresses;
import plenary.live.SequencerRequest;
import plenary.live.SequencerSettings;
import plenary.store.Database;
import plenary.store.DocumentRepository;
import plenary.store.Durability;
import plenary.people.Meeting;
import plenary.store.OperationLog;
import plenary.store.PeopleRepository;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * In-process throughput of the live editing core (a benchmark, not a test), on a real H2 file store
 * in a temporary directory, no network:
 * <ol>
 *   <li>{@link DocumentState#submit} alone: transform, check and apply, one thread;</li>
 *   <li>a real {@link DocumentSequencer} with its durable {@link OperationLog}, fed over the event bus
 *       by simulated clients that each keep one submission in flight, as the protocol requires:
 *       ops/s, request→durable-reply latency, transactions and ops per transaction (group commit);</li>
 *   <li>{@link OperationLog#append} called directly with batches of 1, 10 and 100 commits;</li>
 *   <li>the disk itself: how many times a second a 4 KiB write to a file beside the store can be
 *       forced to it ({@code FileChannel.force}), one after another: what one writer waiting for
 *       each of its edits to be durable is bounded by.</li>
 * </ol>
 * <pre>
 * mvn -B -q -Pbench test-compile exec:exec -Dbench=SequencerThroughput -Dbench.args="--seconds 10"
 * </pre>
 * Options: --seconds S per measurement (10), --warmup S (3), --inflight 1,10,100,1000, --batches 1,10,100,
 * --clauses C operative clauses (20), --parts state,sequencer,append,disk (which to run).
 */
public final class SequencerThroughput {
    private static final String AUTHOR = "Bench";

    private final int seconds;
    private final int warmup;
    private final int clauses;
    private final Database database;
    private final DocumentRepository repository;
    private final CountingDataSource counting;
    private final OperationLog log;
    private final RandomIds ids = RandomIds.seeded(7);

    private final String meetingId;

    private SequencerThroughput(int seconds, int warmup, int clauses, Path dir, Durability durability) {
        this.seconds = seconds;
        this.warmup = warmup;
        this.clauses = clauses;
        this.database = Database.open(dir, null, null, null);
        this.repository = new DocumentRepository(database.dataSource(), durability, Clock.systemUTC());
        this.meetingId = "bench";
        new PeopleRepository(database.dataSource(), Clock.systemUTC())
                .createMeeting(new Meeting(meetingId, "Benchmark", java.time.Instant.now()));
        this.counting = new CountingDataSource(database.dataSource());
        this.log = new OperationLog(counting, durability);
    }

    /** Forced writes a second to a file in {@code dir}, each waiting for the one before. */
    private void fsyncRate(Path dir) throws IOException {
        Path file = dir.resolve("fsync-probe");
        java.nio.ByteBuffer block = java.nio.ByteBuffer.allocate(4096);
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE)) {
            long count = 0;
            long[] nanos = new long[1 << 20];
            long started = System.nanoTime();
            long end = started + TimeUnit.SECONDS.toNanos(seconds);
            long now = started;
            while (now < end) {
                block.clear();
                channel.write(block, (count % 256) * 4096); // a few blocks, rewritten: like a log's tail
                channel.force(false);
                long after = System.nanoTime();
                nanos[(int) (count % nanos.length)] = after - now;
                now = after;
                count++;
            }
            double rate = count / ((now - started) / 1e9);
            long[] taken = Arrays.copyOf(nanos, (int) Math.min(count, nanos.length));
            Arrays.sort(taken);
            System.out.printf(Locale.ROOT, "disk: %,d forced 4 KiB writes in %d s: %,.0f/s; force p50 %.2f ms, p99 %.2f ms"
                            + " (half of it: %,.0f/s)%n", count, seconds, rate, taken[taken.length / 2] / 1e6,
                    taken[(int) (taken.length * 0.99)] / 1e6, rate / 2);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    public static void main(String[] args) throws Exception {
        int seconds = 10;
        int warmup = 3;
        int clauses = 20;
        int[] inflight = {1, 10, 100, 1000};
        int[] batches = {1, 10, 100};
        String parts = "state,sequencer,append,disk";
        // fsync: what the server does on H2 (survives a power loss); commit: survives a killed process only.
        Durability durability = Durability.FSYNC;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "--clauses" -> clauses = Integer.parseInt(args[i + 1]);
                case "--inflight" -> inflight = ints(args[i + 1]);
                case "--batches" -> batches = ints(args[i + 1]);
                case "--parts" -> parts = args[i + 1];
                case "--durability" -> durability = Durability.valueOf(args[i + 1].toUpperCase(Locale.ROOT));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (seconds < 1 || seconds > 600 || warmup < 0 || warmup > 600) {
            throw new IllegalArgumentException("1 <= seconds <= 600, 0 <= warmup <= 600");
        }
        Path dir = Files.createTempDirectory("plenary-seqbench");
        System.out.println("== Plenary sequencer throughput: in-process, H2 file store in " + dir + " ==");
        System.out.println("machine: " + ProcStats.machineFacts());
        System.out.println("durability: " + durability);
        SequencerThroughput bench = new SequencerThroughput(seconds, warmup, clauses, dir, durability);
        try {
            List<String> chosen = List.of(parts.split(","));
            if (chosen.contains("state")) {
                bench.pureState(100);
            }
            for (int n : chosen.contains("sequencer") ? inflight : new int[0]) {
                bench.sequencer(n);
            }
            for (int b : chosen.contains("append") ? batches : new int[0]) {
                bench.directAppend(b);
            }
            if (chosen.contains("disk")) {
                bench.fsyncRate(dir);
            }
        } finally {
            bench.database.close();
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                System.out.println("could not delete " + dir);
            }
        }
        System.exit(0);
    }

    private static int[] ints(String list) {
        return Arrays.stream(list.split(",")).mapToInt(Integer::parseInt).toArray();
    }

    private Document newDocument() {
        Document document = new MarkdownImporter(ids).read(ids.get(), BenchDraft.markdown(clauses));
        repository.create(document, meetingId);
        return document;
    }

    private static String[] operative(Document document) {
        return document.clauses().stream().filter(c -> c.kind() == ClauseKind.OPERATIVE).map(Clause::id)
                .toArray(String[]::new);
    }

    /** Replaces one character at a random place of the first {@code safeLength} (never shrinks a clause). */
    private static TextOp replaceOne(SplittableRandom random, int safeLength) {
        return TextOp.builder().retain(random.nextInt(safeLength)).insert(random.nextBoolean() ? "x" : "y").delete(1)
                .build();
    }

    private static int safeLength(Document document) {
        return document.clauses().stream().mapToInt(c -> c.text().length()).min().orElseThrow() - 2;
    }

    // ---- 1. DocumentState alone ---------------------------------------------------------------------

    private void pureState(int clients) {
        Document document = new MarkdownImporter(ids).read(ids.get(), BenchDraft.markdown(clauses));
        DocumentState state = new DocumentState(document, ids);
        String[] clauseIds = operative(document);
        int safe = safeLength(document);
        long[] versions = new long[clauseIds.length];
        long[] seqs = new long[clients];
        SplittableRandom random = new SplittableRandom(1);
        Map<String, Long> rejected = new TreeMap<>();
        long applied = 0;
        long start = System.nanoTime();
        long measureFrom = start + TimeUnit.SECONDS.toNanos(warmup);
        long end = measureFrom + TimeUnit.SECONDS.toNanos(seconds);
        long measured = 0;
        long measuredStart = 0;
        while (true) {
            long now = System.nanoTime();
            if (now >= end) {
                break;
            }
            if (measuredStart == 0 && now >= measureFrom) {
                measuredStart = now;
                measured = applied;
            }
            for (int k = 0; k < 1_000; k++) {
                int client = random.nextInt(clients);
                int clause = random.nextInt(clauseIds.length);
                long base = Math.max(0, versions[clause] - random.nextInt(5)); // a few concurrent ops to transform past
                Submission submission = new Submission("c" + client, ++seqs[client], AUTHOR,
                        new Change.TextEdit(clauseIds[clause], base, replaceOne(random, safe)));
                switch (state.submit(submission, Instant.now())) {
                    case Outcome.Applied a -> {
                        applied++;
                        versions[clause]++;
                    }
                    case Outcome.Rejected r -> rejected.merge(r.code(), 1L, Long::sum);
                    case Outcome.Duplicate d -> rejected.merge("duplicate", 1L, Long::sum);
                }
            }
        }
        double secs = (System.nanoTime() - measuredStart) / 1e9;
        System.out.printf(Locale.ROOT, "%n1. DocumentState.submit alone (one thread, %d clients, %d clauses, base 0-4 "
                        + "versions behind): %,.0f ops/s (%.2f µs/op); rejected %s%n", clients, clauseIds.length,
                (applied - measured) / secs, secs * 1e6 / (applied - measured), rejected.isEmpty() ? "none" : rejected);
    }

    // ---- 2. sequencer + durable log over the event bus -------------------------------------------------

    /** Simulated clients on one event-loop context: one submission in flight each, the next sent on its reply. */
    private static final class Driver extends VerticleBase {
        final String address;
        final String[] clauseIds;
        final int safe;
        final int clients;
        final long[] known;
        final long[] seqs;
        final SplittableRandom random = new SplittableRandom(3);
        volatile boolean running = true;
        volatile boolean measuring;
        final AtomicLong inflight = new AtomicLong();
        final LongAdder applied = new LongAdder();
        final Map<String, LongAdder> rejected = new java.util.concurrent.ConcurrentHashMap<>();
        final Recorder latency = new Recorder();
        final DeliveryOptions delivery = new DeliveryOptions().setSendTimeout(60_000);

        Driver(String documentId, String[] clauseIds, int safe, int clients) {
            this.address = LiveAddresses.requests(documentId);
            this.clauseIds = clauseIds;
            this.safe = safe;
            this.clients = clients;
            this.known = new long[clauseIds.length];
            this.seqs = new long[clients];
        }

        @Override
        public Future<?> start() {
            for (int c = 0; c < clients; c++) {
                send(c);
            }
            return Future.succeededFuture();
        }

        private void send(int client) {
            if (!running) {
                return;
            }
            int clause = random.nextInt(clauseIds.length);
            TextOp op = replaceOne(random, safe);
            // Typed, as a live socket's event loop hands it over (LiveConnection decodes the JSON there).
            SequencerRequest request = new SequencerRequest.Submit(new Submission("c" + client,
                    ++seqs[client], AUTHOR, AUTHOR, new Change.TextEdit(clauseIds[clause], known[clause], op),
                    -1));
            long sent = System.nanoTime();
            inflight.incrementAndGet();
            vertx.eventBus().<JsonObject>request(address, request, delivery).onComplete(reply -> {
                inflight.decrementAndGet();
                if (reply.failed()) {
                    rejected.computeIfAbsent("request failed: " + reply.cause().getMessage(), k -> new LongAdder())
                            .increment();
                } else if ("applied".equals(reply.result().body().getString("outcome"))) {
                    known[clause]++; // replies come in revision order: a lower bound of the clause version
                    if (measuring) {
                        applied.increment();
                        latency.recordNanos(System.nanoTime() - sent);
                    }
                } else {
                    rejected.computeIfAbsent(reply.result().body().getString("code", "?"), k -> new LongAdder())
                            .increment();
                }
                send(client);
            });
        }
    }

    private void sequencer(int clients) throws Exception {
        Document document = newDocument();
        String[] clauseIds = operative(document);
        Vertx vertx = Vertx.vertx();
        try {
            vertx.deployVerticle(new DocumentSequencer(document.id(), log, SequencerSettings.DEFAULTS, ids,
                    Clock.systemUTC()), new DeploymentOptions()).await(30, TimeUnit.SECONDS);
            LongAdder frames = new LongAdder();
            LongAdder framedOps = new LongAdder();
            MessageConsumer<String> broadcasts = vertx.eventBus().consumer(LiveAddresses.broadcasts(document.id()),
                    m -> {
                        frames.increment();
                        framedOps.add(count(m.body(), "\"revision\":"));
                    });
            broadcasts.completion().await(10, TimeUnit.SECONDS);
            Driver driver = new Driver(document.id(), clauseIds, safeLength(document), clients);
            vertx.deployVerticle(driver).await(30, TimeUnit.SECONDS);
            Thread.sleep(TimeUnit.SECONDS.toMillis(warmup));

            counting.reset();
            frames.reset();
            framedOps.reset();
            ProcStats.Machine machine0 = ProcStats.machine();
            long cpu0 = ProcStats.processCpu(ProcessHandle.current().pid()).total();
            Map<String, Long> threads0 = ProcStats.threadCpu(ProcessHandle.current().pid());
            long t0 = System.nanoTime();
            driver.measuring = true;
            Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
            driver.measuring = false;
            double secs = (System.nanoTime() - t0) / 1e9;
            long cpu1 = ProcStats.processCpu(ProcessHandle.current().pid()).total();
            ProcStats.Machine machine1 = ProcStats.machine();
            Map<String, Long> threads1 = ProcStats.threadCpu(ProcessHandle.current().pid());
            long transactions = counting.commits.sum();
            Histogram commitTimes = counting.commitTimes.merged();
            Histogram holds = counting.connectionHold.merged();
            driver.running = false;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (driver.inflight.get() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            long ops = driver.applied.sum();
            System.out.printf(Locale.ROOT, "%n2. DocumentSequencer + durable OperationLog, %d simulated clients with one "
                    + "submission in flight each:%n", clients);
            System.out.printf(Locale.ROOT, "   %,.0f ops/s durable; %,.0f transactions/s, %.1f ops per transaction; "
                            + "%,.0f broadcast frames/s, %.1f ops per frame; rejected %s%n", ops / secs,
                    transactions / secs, transactions == 0 ? 0 : (double) ops / transactions, frames.sum() / secs,
                    frames.sum() == 0 ? 0 : (double) framedOps.sum() / frames.sum(),
                    driver.rejected.isEmpty() ? "none" : driver.rejected);
            System.out.println("   submit -> durable reply (event bus round trip, no tick), ms: "
                    + driver.latency.merged().summary());
            System.out.println("   H2 Connection.commit(), ms: " + commitTimes.summary());
            System.out.println("   whole OperationLog.append (connection held), ms: " + holds.summary());
            long all = machine1.total() - machine0.total();
            double others = all == 0 ? 0 : 100.0 * Runtime.getRuntime().availableProcessors()
                    * (machine1.busy() - machine0.busy() - (cpu1 - cpu0)) / all;
            System.out.printf(Locale.ROOT, "   process CPU %s of one core (other processes: %.0f%%); by thread: %s%n",
                    ProcStats.pct(cpu1 - cpu0, secs), Math.max(0, others),
                    ProcStats.topThreads(ProcStats.threadDelta(threads0, threads1), secs, 6));
        } finally {
            vertx.close().await(30, TimeUnit.SECONDS);
        }
    }

    private static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }

    // ---- 3. OperationLog.append directly ----------------------------------------------------------------

    private void directAppend(int batch) {
        Document document = newDocument();
        String[] clauseIds = operative(document);
        int safe = safeLength(document);
        SplittableRandom random = new SplittableRandom(5);
        long revision = 0;
        long measureFrom = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.min(warmup, 2));
        long end = measureFrom + TimeUnit.SECONDS.toNanos(Math.max(1, seconds / 2));
        long measuredOps = 0;
        long measuredStart = 0;
        Histogram latency = new Histogram();
        counting.reset();
        while (true) {
            long now = System.nanoTime();
            if (now >= end) {
                break;
            }
            if (measuredStart == 0 && now >= measureFrom) {
                measuredStart = now;
                counting.reset();
            }
            List<Commit> commits = new ArrayList<>(batch);
            for (int i = 0; i < batch; i++) {
                revision++;
                int clause = random.nextInt(clauseIds.length);
                commits.add(new Commit(revision, new Change.TextEdit(clauseIds[clause], revision, replaceOne(random,
                        safe)), "direct", revision, AUTHOR, AUTHOR, Instant.now(), null));
            }
            long t = System.nanoTime();
            log.append(document.id(), commits, document.withRevision(revision), null, null);
            if (measuredStart != 0) {
                latency.recordNanos(System.nanoTime() - t);
                measuredOps += batch;
            }
        }
        double secs = (System.nanoTime() - measuredStart) / 1e9;
        System.out.printf(Locale.ROOT, "%n3. OperationLog.append directly, batches of %d (one thread, no snapshots): "
                        + "%,.0f ops/s, %,.0f appends/s%n", batch, measuredOps / secs, latency.count() / secs);
        System.out.println("   append, ms: " + latency.summary());
        System.out.println("   of which H2 Connection.commit(), ms: " + counting.commitTimes.merged().summary());
    }
}
