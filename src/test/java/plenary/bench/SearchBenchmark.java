package plenary.bench;

import plenary.document.Clause;
import plenary.document.Document;
import plenary.document.DocumentStatus;
import plenary.search.Entries;
import plenary.search.Entry;
import plenary.search.IndexFeed;
import plenary.search.Precedents;
import plenary.search.Scope;
import plenary.search.Search;
import plenary.search.SearchIndex;
import plenary.search.SearchKind;
import plenary.search.SearchPage;
import plenary.search.SearchRequest;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The search index in one JVM, on generated outcome documents ({@link SearchCorpus}): how long a
 * rebuild from nothing takes, how fast searches (target: p99 ≤ 10 ms) and precedent look-ups
 * answer, and how long an edit takes to become searchable in the index.
 *
 * <p>Arguments: {@code --clauses N} paragraphs in all (default 50,000), {@code --per-document N}
 * (200), {@code --meetings N} (10), {@code --warmup N} searches first (2,000), {@code --queries N}
 * measured (10,000), {@code --precedents N} (1,000), {@code --edits N} (200), {@code --seed S},
 * {@code --dir PATH} for the index, which must be empty or absent (default: a temporary directory,
 * deleted at the end).
 */
public final class SearchBenchmark {
    private static final long TARGET_P99_NANOS = 10_000_000;

    private SearchBenchmark() {
    }

    /** The shapes of query measured, in equal shares. */
    enum Shape {
        WORD("one word", "housing", "sanitation", "budgets", "participation", "disabilities", "migrants",
                "privacy", "evictions", "ombudspersons", "gwangju", "subsidiarity", "procurement", "indicators",
                "medellín", "accountability", "refugees", "children", "rights", "local", "governments"),
        TWO_WORDS("two words", "human rights", "adequate housing", "older persons", "local governments",
                "climate adaptation", "disaggregated data", "complaint mechanisms", "gender equality",
                "public transport", "rights defenders", "budgets disabilities", "cities privacy"),
        PHRASE("a phrase", "\"local and regional governments\"", "\"persons with disabilities\"", "\"2030 Agenda\"",
                "\"right to privacy\"", "\"access to justice\"", "\"leave no one behind\"", "\"human rights\"",
                "\"New Urban Agenda\"", "\"smart city technologies\""),
        PREFIX("prefix wildcard", "commit*", "develop*", "particip*", "sanit*", "discrimin*", "govern*",
                "implement*", "sustain*", "evict*", "migra*"),
        NON_LATIN("Arabic or Chinese word", "حقوق", "الحكومات", "الإعاقة", "التمييز", "المحلية", "人权", "地方政府",
                "可持续发展", "残疾人", "性别平等");

        final String label;
        final String[] queries;

        Shape(String label, String... queries) {
            this.label = label;
            this.queries = queries;
        }
    }

    /** Which filter a search carries besides the person's scope: none (3 in 5), a kind (1 in 4) or a document. */
    enum Filter {
        NONE("no filter"), KIND("kind filter"), DOCUMENT("document filter");

        final String label;

        Filter(String label) {
            this.label = label;
        }
    }

    record Query(Shape shape, Filter filter, SearchRequest request) {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int clauses = intArg(args, "--clauses", 50_000);
        int perDocument = intArg(args, "--per-document", 200);
        int meetings = intArg(args, "--meetings", 10);
        int warmup = intArg(args, "--warmup", 2_000);
        int queries = intArg(args, "--queries", 10_000);
        int precedents = intArg(args, "--precedents", 1_000);
        int edits = intArg(args, "--edits", 200);
        long seed = intArg(args, "--seed", 2026);
        String dirArg = stringArg(args, "--dir", null);
        Path dir = dirArg == null ? Files.createTempDirectory("plenary-search-bench") : Path.of(dirArg);
        if (Files.exists(dir)) {
            try (Stream<Path> in = Files.list(dir)) {
                if (in.findAny().isPresent()) {
                    throw new IllegalArgumentException(dir + " is not empty: the build must start from nothing");
                }
            }
        }
        System.out.println("machine: " + ProcStats.machineFacts());

        long t0 = System.nanoTime();
        List<SearchCorpus.Doc> docs = new SearchCorpus(seed).generate(clauses, perDocument, meetings);
        List<List<Entry>> entries = docs.stream().map(d -> Entries.of(d.document(), d.meetingId(), d.negotiation()))
                .toList();
        Map<SearchKind, Integer> byKind = new EnumMap<>(SearchKind.class);
        long chars = 0;
        for (List<Entry> list : entries) {
            for (Entry e : list) {
                byKind.merge(e.kind(), 1, Integer::sum);
                chars += e.text().length();
            }
        }
        int total = entries.stream().mapToInt(List::size).sum();
        System.out.printf(Locale.ROOT, "corpus: %,d documents in %d meetings, %,d entries %s, %.1f MB of text, "
                        + "seed %d; generated in %.1f s%n", docs.size(), meetings, total, byKind, chars / 1e6, seed,
                (System.nanoTime() - t0) / 1e9);

        SearchIndex index = SearchIndex.open(dir);
        if (!index.fresh()) {
            throw new IllegalStateException("expected a fresh index in " + dir);
        }
        double buildSeconds = build(index, docs, entries, total);

        // A member of two meetings, with a delegation in each, searching page 1 of 10.
        Scope scope = new Scope(Set.of(SearchCorpus.meetingId(0), SearchCorpus.meetingId(1)), "user-7",
                Map.of(SearchCorpus.meetingId(0), "FRA", SearchCorpus.meetingId(1), "FRA"));
        List<SearchCorpus.Doc> visible = docs.stream().filter(d -> scope.meetings().contains(d.meetingId())).toList();
        SplittableRandom random = new SplittableRandom(seed + 1);
        long[] search = searches(new Search(index), scope, visible, random, warmup, queries);
        long[] like = precedents(new Precedents(index), scope, visible, random, precedents);
        long[] delay = edits(index, new Search(index), scope, visible, random, edits);

        index.close();
        System.out.printf(Locale.ROOT, "%nindex on disk after close: %.1f MB%n", size(dir) / 1e6);
        if (dirArg == null) {
            delete(dir);
        }
        System.out.printf(Locale.ROOT, "%nsummary (%,d paragraphs, %,d entries):%n", clauses, total);
        System.out.printf(Locale.ROOT, "  build from empty     %.1f s, %,.0f entries/s%n", buildSeconds,
                total / buildSeconds);
        System.out.printf(Locale.ROOT, "  search               %s; target p99 <= 10 ms: %s%n", line(search),
                percentile(search, 99) <= TARGET_P99_NANOS ? "met" : "NOT met");
        System.out.printf(Locale.ROOT, "  precedents           %s%n", line(like));
        System.out.printf(Locale.ROOT, "  edit -> searchable   %s (index only; the server adds up to %d ms of "
                + "feed flush)%n", line(delay), IndexFeed.FLUSH_MILLIS);
    }

    /** The start-up path when the index is missing: every document replaced, then one refresh. */
    private static double build(SearchIndex index, List<SearchCorpus.Doc> docs, List<List<Entry>> entries, int total) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Load load = Load.start();
        long cpu = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        for (int i = 0; i < docs.size(); i++) {
            Document d = docs.get(i).document();
            index.replace(d.id(), new SearchIndex.Marker(d.revision(), docs.get(i).negotiation().seq()), entries.get(i));
        }
        index.refreshNow();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%nbuild from empty (replace per document, then refreshNow; cold JVM):%n"
                        + "  %.2f s, %,.0f entries/s; indexing thread %.2f s of CPU; %s%n", seconds, total / seconds,
                (threads.getCurrentThreadCpuTime() - cpu) / 1e9, load.end());
        return seconds;
    }

    private static long[] searches(Search search, Scope scope, List<SearchCorpus.Doc> visible, SplittableRandom random,
                                   int warmup, int queries) {
        List<Query> mix = new ArrayList<>();
        for (int i = 0; i < warmup + queries; i++) {
            mix.add(query(random, visible));
        }
        for (int i = 0; i < warmup; i++) {
            search.run(mix.get(i).request(), scope);
        }
        mix = mix.subList(warmup, mix.size());
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] gcBefore = gc();
        Load load = Load.start();
        long[] nanos = new long[queries];
        long[] cpuNanos = new long[queries];
        long matches = 0;
        int empty = 0;
        for (int i = 0; i < queries; i++) {
            long cpu = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            SearchPage page = search.run(mix.get(i).request(), scope);
            nanos[i] = System.nanoTime() - start;
            cpuNanos[i] = threads.getCurrentThreadCpuTime() - cpu;
            matches += page.total();
            empty += page.total() == 0 ? 1 : 0;
        }
        String busy = load.end();
        long[] gcAfter = gc();
        System.out.printf(Locale.ROOT, "%nsearch (Search.run, page 1 of 10, a member of 2 meetings; %,d warm-up, "
                + "then %,d measured, one thread):%n", warmup, queries);
        System.out.printf(Locale.ROOT, "  %-24s%s   target p99 <= 10 ms: %s%n", "all", line(nanos),
                percentile(nanos, 99) <= TARGET_P99_NANOS ? "met" : "NOT met");
        System.out.printf(Locale.ROOT, "  %-24s%s%n", "CPU time, same searches", line(cpuNanos));
        for (Shape shape : Shape.values()) {
            System.out.printf(Locale.ROOT, "  %-24s%s%n", shape.label, line(select(mix, nanos, q -> q.shape() == shape)));
        }
        for (Filter filter : Filter.values()) {
            System.out.printf(Locale.ROOT, "  %-24s%s%n", filter.label,
                    line(select(mix, nanos, q -> q.filter() == filter)));
        }
        System.out.printf(Locale.ROOT, "  matches per search: mean %,.0f (%d of %,d found nothing); GC: %d pauses, "
                        + "%d ms in all; %s%n", (double) matches / queries, empty, queries, gcAfter[0] - gcBefore[0],
                gcAfter[1] - gcBefore[1], busy);
        return nanos;
    }

    private static Query query(SplittableRandom random, List<SearchCorpus.Doc> visible) {
        Shape shape = Shape.values()[random.nextInt(Shape.values().length)];
        String text = shape.queries[random.nextInt(shape.queries.length)];
        int roll = random.nextInt(20);
        Filter filter = roll < 12 ? Filter.NONE : roll < 17 ? Filter.KIND : Filter.DOCUMENT;
        SearchKind kind = filter == Filter.KIND ? SearchKind.values()[random.nextInt(SearchKind.values().length)] : null;
        String document = filter == Filter.DOCUMENT ? visible.get(random.nextInt(visible.size())).document().id() : null;
        return new Query(shape, filter, new SearchRequest(text, document, null, kind, 1, 10));
    }

    /** "Agreed language" for random paragraphs of the person's own meetings. */
    private static long[] precedents(Precedents precedents, Scope scope, List<SearchCorpus.Doc> visible,
                                     SplittableRandom random, int calls) {
        int warmup = Math.max(1, calls / 5);
        long[] nanos = new long[calls];
        long found = 0;
        for (int i = 0; i < warmup + calls; i++) {
            SearchCorpus.Doc d = visible.get(random.nextInt(visible.size()));
            Clause c = d.document().clauses().get(random.nextInt(d.document().clauses().size()));
            long start = System.nanoTime();
            int hits = precedents.like(c.text(), d.document().id(), scope, Precedents.MAX).size();
            if (i >= warmup) {
                nanos[i - warmup] = System.nanoTime() - start;
                found += hits;
            }
        }
        System.out.printf(Locale.ROOT, "%nprecedents (Precedents.like on random paragraphs, 10 results; %,d warm-up, "
                + "then %,d measured):%n  %-24s%s; %.1f results on average%n", warmup, calls, "all", line(nanos),
                (double) found / calls);
        return nanos;
    }

    /**
     * One document re-indexed with a fresh word in one paragraph, at a random moment, then searched
     * for in a tight loop (no refreshNow) until found; the delay counts from the start of replace.
     */
    private static long[] edits(SearchIndex index, Search search, Scope scope, List<SearchCorpus.Doc> visible,
                                SplittableRandom random, int edits) throws InterruptedException {
        SearchCorpus.Doc target = visible.stream().filter(d -> d.document().status() != DocumentStatus.ADOPTED)
                .findFirst().orElseThrow();
        Document original = target.document();
        long[] delay = new long[edits];
        long[] replaceNanos = new long[edits];
        long polls = 0;
        Load load = Load.start();
        for (int i = 0; i < edits; i++) {
            Thread.sleep(random.nextLong(0, 2 * SearchIndex.REFRESH_MILLIS));
            String word = "qxfresh" + letters(i);
            List<Entry> changed = edited(target, word, random);
            SearchRequest find = new SearchRequest(word, null, null, null, 1, 10);
            long start = System.nanoTime();
            index.replace(original.id(), new SearchIndex.Marker(original.revision() + i + 1, 0), changed);
            replaceNanos[i] = System.nanoTime() - start;
            while (search.run(find, scope).total() == 0) {
                polls++;
                if (System.nanoTime() - start > 30_000_000_000L) {
                    throw new IllegalStateException("edit " + i + " not searchable after 30 s");
                }
            }
            delay[i] = System.nanoTime() - start;
        }
        String busy = load.end();
        // What one refresh costs after such an edit, apart from waiting for the next one.
        int refreshes = Math.max(1, edits / 4);
        long[] refreshNanos = new long[refreshes];
        for (int i = 0; i < refreshes; i++) {
            index.replace(original.id(), new SearchIndex.Marker(original.revision() + edits + i + 1, 0),
                    edited(target, "qxagain" + letters(i), random));
            long start = System.nanoTime();
            index.refreshNow();
            refreshNanos[i] = System.nanoTime() - start;
        }
        System.out.printf(Locale.ROOT, "%nedit to searchable (one document of %,d entries replaced with a fresh word in "
                        + "one paragraph, at %d random moments, then searched for in a tight loop):%n"
                        + "  %-24s%s%n  %-24s%s; %.0f searches per edit; %s%n  %-24s%s%n"
                        + "  This is the index's part only: the server first waits for the search feed's flush, up to "
                        + "IndexFeed.FLUSH_MILLIS = %d ms,%n  then replaces the document; the index refreshes every "
                        + "%d ms.%n", Entries.of(original, target.meetingId(), target.negotiation()).size(), edits,
                "replace() alone", line(replaceNanos), "replace -> found", line(delay), (double) polls / edits, busy,
                "refreshNow after one", line(refreshNanos), IndexFeed.FLUSH_MILLIS, SearchIndex.REFRESH_MILLIS);
        return delay;
    }

    /** The document's entries with {@code word} appended to one random paragraph. */
    private static List<Entry> edited(SearchCorpus.Doc target, String word, SplittableRandom random) {
        Document before = target.document();
        Clause clause = before.clauses().get(random.nextInt(before.clauses().size()));
        Document after = before.replace(clause.withText(clause.text() + " " + word));
        return Entries.of(after, target.meetingId(), target.negotiation());
    }

    private static long[] select(List<Query> mix, long[] nanos, Predicate<Query> which) {
        return IntStream.range(0, nanos.length).filter(i -> which.test(mix.get(i))).mapToLong(i -> nanos[i]).toArray();
    }

    private static String line(long[] nanos) {
        return String.format(Locale.ROOT, "p50 %6.2f  p95 %6.2f  p99 %6.2f  max %7.2f ms  (n=%d)",
                percentile(nanos, 50) / 1e6, percentile(nanos, 95) / 1e6, percentile(nanos, 99) / 1e6,
                percentile(nanos, 100) / 1e6, nanos.length);
    }

    /** Nearest-rank percentile. */
    private static long percentile(long[] nanos, double p) {
        if (nanos.length == 0) {
            return 0;
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** How busy this process and the whole machine were over a phase. */
    private record Load(long nanos, ProcStats.Cpu self, ProcStats.Machine machine) {
        static Load start() {
            return new Load(System.nanoTime(), ProcStats.processCpu(ProcessHandle.current().pid()), ProcStats.machine());
        }

        String end() {
            double seconds = (System.nanoTime() - nanos) / 1e9;
            ProcStats.Machine m = ProcStats.machine();
            long selfTicks = ProcStats.processCpu(ProcessHandle.current().pid()).total() - self.total();
            double machineBusy = m.total() == machine.total() ? 0
                    : 100.0 * (m.busy() - machine.busy()) / (m.total() - machine.total());
            return String.format(Locale.ROOT, "this JVM used %s of one core, the machine was %.0f%% busy",
                    ProcStats.pct(selfTicks, seconds), machineBusy);
        }
    }

    /** Collections and milliseconds spent in them, over every collector. */
    private static long[] gc() {
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, bean.getCollectionCount());
            millis += Math.max(0, bean.getCollectionTime());
        }
        return new long[]{count, millis};
    }

    /** 0 → "a", 25 → "z", 26 → "ba": letters only, so the tokenizer keeps it one word. */
    private static String letters(int n) {
        StringBuilder out = new StringBuilder();
        do {
            out.append((char) ('a' + n % 26));
            n /= 26;
        } while (n > 0);
        return out.reverse().toString();
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static int intArg(String[] args, String name, int fallback) {
        String value = stringArg(args, name, null);
        return value == null ? fallback : Integer.parseInt(value);
    }

    private static String stringArg(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
