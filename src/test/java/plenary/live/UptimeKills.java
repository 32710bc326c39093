package plenary.live;

import com.fasterxml.jackson.databind.JsonNode;
import plenary.http.HttpTestClient;
import plenary.http.TestPeople;
import plenary.server.ChildServer;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kills a Plenary child process with SIGKILL at chosen moments, while it starts or while people
 * type, restarts it on the same data, and checks after every restart that each acknowledged edit
 * is in the document exactly once and that the document never went back past an acknowledged
 * revision. Time matters: H2 only reuses file space (where commits used to be lost) once its
 * chunks are older than its retention time (45 s unless the test sets it shorter), so a kill soon
 * after people start typing proves little. Lanes (each its own data dir and child) run side by
 * side so that many long rounds fit in one run. Shared by the suite's test and the longer soak
 * ({@code plenary.bench.KillSoak}).
 */
public final class UptimeKills {
    private static final Pattern TOKEN = Pattern.compile("\\[(t\\d+[a-z])(\\d+)]");
    private static final int TYPISTS = 3;

    private UptimeKills() {
    }

    /**
     * When a round's child is killed: {@code seconds} after its launch, whatever it is doing then
     * (starting, or serving typists once it listens); or, {@code afterListening}, once it listens
     * and people have typed for {@code seconds}, however long it took to start.
     */
    public record Moment(double seconds, boolean afterListening) {
        public static Moment atUptime(double seconds) {
            return new Moment(seconds, false);
        }

        public static Moment afterTyping(double seconds) {
            return new Moment(seconds, true);
        }
    }

    /** One kill: where, when (uptime, and how long people had typed), and what the restarted server held. */
    public record Kill(int lane, int round, double uptimeSeconds, double typedSeconds, int ackedSoFar,
                       long maxAckedRevision, long revisionAfter, long clausesAfter, List<String> violations) {
    }

    /** Every kill, in the order each lane made them. */
    public record Report(List<Kill> kills) {
        public List<String> violations() {
            return kills.stream().flatMap(k -> k.violations().stream()
                    .map(v -> "lane " + k.lane() + " kill " + k.round() + " at " + k.uptimeSeconds() + " s ("
                            + k.typedSeconds() + " s typed): " + v))
                    .toList();
        }

        /** Edits acknowledged in all lanes (each lane's count at its last kill). */
        public int acknowledged() {
            Map<Integer, Integer> byLane = new HashMap<>();
            kills.forEach(k -> byLane.merge(k.lane(), k.ackedSoFar(), Math::max));
            return byLane.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /**
     * Runs the kills of {@code schedule} spread over {@code lanes} lanes: the longest first, each
     * to the lane with the least time so far, so the lanes end together.
     *
     * @param retentionMillis H2's retention time for the children, or null for H2's own (45 s)
     */
    public static Report run(List<Moment> schedule, int lanes, Integer retentionMillis, Path work, PrintStream out)
            throws Exception {
        List<List<Moment>> plan = new ArrayList<>();
        double[] load = new double[lanes];
        for (int i = 0; i < lanes; i++) {
            plan.add(new ArrayList<>());
        }
        List<Moment> sorted = new ArrayList<>(schedule);
        sorted.sort(Comparator.comparingDouble(UptimeKills::cost).reversed());
        for (Moment moment : sorted) {
            int lane = 0;
            for (int i = 1; i < lanes; i++) {
                lane = load[i] < load[lane] ? i : lane;
            }
            plan.get(lane).add(moment);
            load[lane] += cost(moment);
        }
        // Starts are most of the CPU a run takes; ChildServer starts every child on C1 and the serial collector.
        List<String> jvmOptions = new ArrayList<>();
        if (retentionMillis != null) {
            jvmOptions.add("-D" + plenary.store.Database.RETENTION_MILLIS_PROPERTY + "=" + retentionMillis);
        }
        ExecutorService pool = Executors.newFixedThreadPool(lanes);
        List<Future<List<Kill>>> running = new ArrayList<>();
        for (int i = 0; i < lanes; i++) {
            int lane = i;
            List<Moment> moments = plan.get(i);
            // Short and long rounds alternate within a lane, so each lane sees both early on.
            Collections.shuffle(moments, new java.util.Random(lane));
            running.add(pool.submit(() -> new Lane(lane, work.resolve("lane-" + lane), jvmOptions, out).run(moments)));
        }
        List<Kill> kills = new ArrayList<>();
        try {
            for (Future<List<Kill>> f : running) {
                kills.addAll(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        return new Report(kills);
    }

    /** Seconds a round takes, roughly: a round that waits for the child to listen also pays for its start. */
    private static double cost(Moment moment) {
        return moment.seconds() + (moment.afterListening() ? 8 : 0);
    }

    /** One data dir, one child at a time, killed round after round. */
    private static final class Lane {
        private final int lane;
        private final Path dir;
        private final List<String> jvmOptions;
        private final PrintStream out;
        private final HttpClient http = HttpClient.newHttpClient();
        private final Set<String> submitted = ConcurrentHashMap.newKeySet();
        private final Set<String> acked = ConcurrentHashMap.newKeySet();
        private final AtomicLong maxAckedRevision = new AtomicLong();
        private final Map<String, Integer> counters = new HashMap<>();
        /** Errors the server sent typists: none is expected, each one is a finding. */
        private final List<String> refusals = Collections.synchronizedList(new ArrayList<>());
        private String documentId;
        private String sessionToken;

        Lane(int lane, Path dir, List<String> jvmOptions, PrintStream out) {
            this.lane = lane;
            this.dir = dir;
            this.jvmOptions = jvmOptions;
            this.out = out;
        }

        /**
         * Each round launches the child and kills it at the round's moment: while it starts (the
         * store being opened or recovered) when that comes first, else while people type. Every
         * start that gets as far as listening first checks what the kills before it left.
         */
        List<Kill> run(List<Moment> schedule) throws Exception {
            Files.createDirectories(dir.resolve("data"));
            List<Kill> kills = new ArrayList<>();
            List<double[]> unchecked = new ArrayList<>(); // {round, uptime, typed} of kills not yet checked
            for (int round = 0; round <= schedule.size(); round++) {
                boolean last = round == schedule.size();
                Moment moment = last ? null : schedule.get(round);
                ChildServer child = ChildServer.launch(dir.resolve("data"), dir.resolve("child-" + round + ".log"),
                        jvmOptions, "--no-samples");
                try {
                    // Waiting longer than 120 s for it to listen fails the test.
                    long listenBy = last || moment.afterListening() ? child.launchedNanos() + 120_000_000_000L
                            : child.launchedNanos() + (long) (moment.seconds() * 1e9);
                    boolean listening = child.awaitListening(listenBy);
                    if (listening) {
                        boolean documentLost = false;
                        try (HttpTestClient rest = new HttpTestClient(child.baseUri())) {
                            signIn(rest);
                            prepare(rest);
                            for (double[] k : unchecked) {
                                Kill kill = check(rest, (int) k[0], k[1], k[2]);
                                kills.add(kill);
                                documentLost |= kill.revisionAfter() < 0;
                            }
                        }
                        unchecked.clear();
                        if (documentLost) {
                            return kills; // nothing left to type into: the violation says why
                        }
                    }
                    if (last) {
                        if (!listening) {
                            throw new AssertionError("lane " + lane + ": the last start did not listen");
                        }
                        child.stop();
                        break;
                    }
                    double[] when = listening ? typeAndKill(child, round, moment)
                            : new double[] {killNow(child), 0};
                    unchecked.add(new double[] {round, when[0], when[1]});
                } finally {
                    child.close();
                }
            }
            return kills;
        }

        /**
         * Signs {@code rest} in as the drafter, with the token of a start before while it still
         * works: sessions are stored, and a sign-in costs a password hash in a cold JVM.
         */
        private void signIn(HttpTestClient rest) {
            if (sessionToken == null || rest.bearer(sessionToken).get("/api/session").statusCode() != 200) {
                sessionToken = TestPeople.drafter(rest.bearer(null));
                rest.bearer(sessionToken);
            }
        }

        /** The lane's document, made on the first start. */
        private void prepare(HttpTestClient rest) {
            if (documentId == null) {
                documentId = LiveDocs.create(rest, "# Kill lane " + lane + "\n\n1. First.\n2. Second.\n3. Third.\n")
                        .get("id").asText();
            }
        }

        private static double killNow(ChildServer child) throws InterruptedException {
            double uptime = (System.nanoTime() - child.launchedNanos()) / 1e9;
            child.kill();
            return uptime;
        }

        /**
         * Three typists type until the round's moment, then the child is killed; returns its
         * uptime at the kill and how long people typed, in seconds.
         */
        private double[] typeAndKill(ChildServer child, int round, Moment moment) throws Exception {
            JsonNode document;
            try (HttpTestClient rest = new HttpTestClient(child.baseUri())) {
                document = LiveDocs.getJson(rest.bearer(sessionToken), "/api/documents/" + documentId);
            }
            URI live = LiveDocs.liveUri(child.port(), documentId);
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService pool = Executors.newFixedThreadPool(TYPISTS);
            List<Future<?>> typing = new ArrayList<>();
            for (int t = 0; t < TYPISTS; t++) {
                String name = "t" + lane + (char) ('a' + t);
                JsonNode clause = KillTypist.lastClauseOf(document, name, t);
                KillTypist typist = new KillTypist(name, name + "r" + round, clause.get("id").asText(),
                        clause.get("version").asLong(), clause.get("text").asText().length(),
                        counters.getOrDefault(name, 0), submitted, acked, maxAckedRevision);
                typing.add(pool.submit(() -> {
                    typist.type(http, live, sessionToken, stop);
                    synchronized (counters) {
                        counters.put(name, typist.counter());
                    }
                    refusals.addAll(typist.refusals);
                }));
            }
            long typingFrom = System.nanoTime();
            long killAtNanos = moment.afterListening() ? typingFrom + (long) (moment.seconds() * 1e9)
                    : child.launchedNanos() + (long) (moment.seconds() * 1e9);
            long wait = killAtNanos - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait); // the time at the kill is what this measures
            }
            double uptime;
            double typed;
            try {
                uptime = killNow(child);
                typed = (System.nanoTime() - typingFrom) / 1e9;
            } finally {
                stop.set(true);
                for (Future<?> f : typing) {
                    f.get(120, TimeUnit.SECONDS);
                }
                pool.shutdown();
            }
            return new double[] {uptime, typed};
        }

        /** After a restart: every acknowledged token once, nothing twice, nothing invented, no going back. */
        private Kill check(HttpTestClient rest, int round, double uptime, double typed) {
            uptime = Math.round(uptime * 10) / 10.0;
            typed = Math.round(typed * 10) / 10.0;
            List<String> violations = new ArrayList<>();
            HttpResponse<String> response = rest.get("/api/documents/" + documentId);
            if (response.statusCode() != 200) {
                violations.add("the document does not load: " + response.statusCode() + " " + response.body());
                out.printf(Locale.ROOT, "lane %d kill %d at %.1f s (%.1f s typed): VIOLATIONS %s%n", lane, round, uptime,
                        typed, violations);
                return new Kill(lane, round, uptime, typed, acked.size(), maxAckedRevision.get(), -1, -1, violations);
            }
            JsonNode document = HttpTestClient.json(response);
            Map<String, Integer> counts = new HashMap<>();
            for (JsonNode clause : document.get("clauses")) {
                Matcher m = TOKEN.matcher(clause.get("text").asText());
                while (m.find()) {
                    counts.merge(m.group(), 1, Integer::sum);
                }
            }
            List<String> missing = new ArrayList<>();
            for (String token : acked) {
                if (!counts.containsKey(token)) {
                    missing.add(token);
                }
            }
            if (!missing.isEmpty()) {
                Collections.sort(missing);
                violations.add(missing.size() + " acknowledged edits missing: " + missing);
            }
            counts.forEach((token, n) -> {
                if (n > 1) {
                    violations.add(token + " appears " + n + " times");
                }
                if (!submitted.contains(token)) {
                    violations.add(token + " was never typed");
                }
            });
            synchronized (refusals) {
                refusals.forEach(r -> violations.add("refused: " + r));
                refusals.clear();
            }
            long revision = document.get("revision").asLong();
            if (revision < maxAckedRevision.get()) {
                violations.add("revision went back to " + revision + " after " + maxAckedRevision.get()
                        + " was acknowledged");
            }
            Kill kill = new Kill(lane, round, uptime, typed, acked.size(), maxAckedRevision.get(), revision,
                    document.get("clauses").size(), violations);
            out.printf(Locale.ROOT, "lane %d kill %d at %.1f s (%.1f s typed): %d acknowledged so far, revision %d"
                            + " (acked up to %d), %d paragraphs%s%n", lane, round, uptime, typed, acked.size(), revision,
                    maxAckedRevision.get(), document.get("clauses").size(),
                    violations.isEmpty() ? "" : " VIOLATIONS " + violations);
            return kill;
        }
    }
}
