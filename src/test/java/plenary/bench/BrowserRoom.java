package plenary.bench;

import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import plenary.ui.Chromium;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The drafting room in a real browser (issue 17): one headless Chromium, driven through Selenium
 * and the DevTools protocol, on a document of P paragraphs with A tabled amendments, served by
 * Plenary as a child JVM. Set-up (accounts, the draft, the amendments, through the REST API as in
 * {@link PlenaryRoom}) is not measured. Then, signed in as a rapporteur:
 * <ol>
 * <li>L loads of the room from a blank page: time to first text and to a usable room;</li>
 * <li>another rapporteur types into a paragraph over a socket at --remote-rate keystrokes a second,
 * while the page shows the read view: main-thread time per remote keystroke;</li>
 * <li>delegates post comments and table amendments over REST at --frame-rate a second: main-thread
 * time per {@code negotiation} frame;</li>
 * <li>the page turns on live editing (every paragraph a text box) and Selenium types K characters
 * into a paragraph near the top at --typing-rate a second: keystroke to paint;</li>
 * <li>the remote rapporteur types again, now into the live view: main-thread time per remote keystroke.</li>
 * </ol>
 * How each figure is taken is in {@link BrowserProbe}; main-thread time is given twice: from the
 * page's own timing of socket handlers and the next frame's work (per action: p50, p95), and from
 * Chromium's renderer main-thread busy time (CDP Performance.getMetrics TaskDuration) over the
 * window, less its idle rate, divided by the actions (a mean that includes paint, timers and GC).
 *
 * <pre>
 * mvn -B -q -Pbench test-compile exec:exec -Dbench=BrowserRoom -Dbench.args="--paragraphs 1000 --amendments 300 --loads 5 --keystrokes 100 --remote-keystrokes 100 --frames 30"
 * </pre>
 *
 * Targets, printed beside the figures: first text ≤ 1 s (p50 of the loads); keystroke to paint
 * p95 ≤ 32 ms; a remote keystroke ≤ 4 ms of main thread (p95 of the page's timing and the mean of
 * Chromium's, each view).
 *
 * Options: --paragraphs N (1000) --amendments N (300) --loads N (5) --keystrokes N (100) --remote-keystrokes N
 * (100, in each view) --frames N (30) --typing-rate C (5/s) --remote-rate C (5/s) --frame-rate R (2/s) --delegations
 * N (10: who table and comment) --seed N (42) --server-heap SIZE (1g) --trace on|off (off: with on, each measured
 * window and the typing are also traced, {@link DevToolsTrace}, into target/browser-room/*.trace.json, and the
 * renderer main thread's self time per action is printed by kind of work; tracing itself slows the page, so take the other figures from a run without it).
 */
public final class BrowserRoom {
    private static final double FIRST_TEXT_TARGET_MS = 1000;
    private static final double KEY_P95_TARGET_MS = 32;
    private static final double REMOTE_TARGET_MS = 4;

    private final BrowserRoomOptions o;
    private final JvmTools jvm = new JvmTools();
    private volatile BenchServer server;
    private volatile ChromeDriver driver;
    private Path workDir;

    private BrowserRoom(BrowserRoomOptions o) {
        this.o = o;
    }

    public static void main(String[] args) throws Exception {
        BrowserRoomOptions options = BrowserRoomOptions.parse(args);
        BrowserRoom bench = new BrowserRoom(options);
        long budget = options.budgetSeconds();
        BenchMain.run("BrowserRoom", budget, bench::stopAll, bench::run, () -> BenchServer.deleteWorkDir(bench.workDir));
    }

    private void stopAll() {
        ChromeDriver d = driver;
        driver = null;
        if (d != null) {
            try {
                d.quit();
            } catch (RuntimeException e) {
                System.out.println("quitting the browser: " + e);
            }
        }
        BenchServer s = server;
        if (s != null) {
            s.stop();
        }
    }

    private int run() throws Exception {
        System.out.printf(Locale.ROOT, "== Browser room: %d paragraphs, %d amendments; %d loads, %d keystrokes at %.0f/s, "
                        + "%d remote keystrokes at %.0f/s per view, %d negotiation frames at %.1f/s; seed %d ==%n",
                o.paragraphs(), o.amendments(), o.loads(), o.keystrokes(), o.typingRate(), o.remoteKeystrokes(),
                o.remoteRate(), o.frames(), o.frameRate(), o.seed());
        System.out.println("machine: " + ProcStats.machineFacts());
        workDir = Files.createTempDirectory("plenary-browser-room");
        server = BenchServer.start(jvm, workDir, o.serverHeap(), List.of(), List.of());
        System.out.printf(Locale.ROOT, "server: pid %d, port %d, -Xmx%s%n", server.pid(), server.port(), o.serverHeap());
        ExecutorService pool = Executors.newFixedThreadPool(4, BrowserRoom::daemon);
        ExecutorService httpPool = Executors.newFixedThreadPool(4, BrowserRoom::daemon); // not the set-up's: its tasks wait on HTTP
        URI base = URI.create("http://127.0.0.1:" + server.port() + "/");
        SplittableRandom random = new SplittableRandom(o.seed());
        RoomClient remote = null;
        try (RoomHttp http = new RoomHttp(base, httpPool); RawWebSockets raw = new RawWebSockets(1, 2, true)) {
            // Two rapporteurs (the browser's and the remote typist), delegations to table and comment; no observers.
            PlenaryRoom.Options setup = new PlenaryRoom.Options(o.delegations(), 0, 2, 1, o.paragraphs(), o.amendments(),
                    1, 5, 1, 1, 1, 1, 1, 3, 0, 0, true, o.seed(), o.serverHeap(), List.of(), List.of(), 4, 1, 0);
            RoomSetup.Room room = RoomSetup.prepare(http, setup, pool, random);
            List<RoomSetup.Paragraph> operative = room.paragraphs().stream()
                    .filter(p -> p.kind().equals("operative")).toList();
            String localClause = operative.get(Math.min(2, operative.size() - 1)).id();
            String remoteClause = operative.get(operative.size() / 2).id();

            // The remote rapporteur joins as a page does, before the loads: it is someone in the room.
            RoomFrames frames = new RoomFrames();
            remote = new RoomClient(0, RoomClient.Group.EDITOR, room.editors().get(1).token(), null, frames);
            RoomTypist typist = new RoomTypist("remote", remoteClause, remote, frames, random.split());
            remote.typist = typist;
            URI live = URI.create("ws://127.0.0.1:" + server.port() + "/api/documents/" + room.documentId() + "/live");
            if (RoomSetup.join(List.of(remote), room, http, raw, live, pool, 1, new RoomPhase(0, "join")) != 1
                    || !typist.ready()) {
                System.out.println("the remote typist could not join: " + RoomClient.ERRORS);
                return 1;
            }

            driver = new ChromeDriver(Chromium.driverService(), BrowserProbe.options(workDir.resolve("profile")));
            BrowserProbe.install(driver, room.clauses(), room.amendments().size());
            String roomUrl = base + "#/documents/" + room.documentId();
            signIn(base, room.editors().get(0).username());

            Loads loads = loads(roomUrl);
            Window readRemote = remoteTyping(typist, "read view");
            Window negotiation = negotiationFrames(room, http, random);
            Typed keys = typing(localClause);
            Window liveRemote = remoteTyping(typist, "live view");
            report(loads, keys, readRemote, liveRemote, negotiation);
            server.printLog();
            return 0;
        } finally {
            if (remote != null) {
                remote.abort();
            }
            pool.shutdownNow();
            httpPool.shutdownNow();
        }
    }

    private static Thread daemon(Runnable r) {
        Thread t = new Thread(r, "browserroom-worker");
        t.setDaemon(true);
        return t;
    }

    // ---- the phases ----------------------------------------------------------------------------------

    private void signIn(URI base, String username) {
        driver.get(base + "#/sign-in");
        waitUntil("the sign-in form", 30, () -> !driver.findElements(By.name("username")).isEmpty());
        driver.findElement(By.name("username")).sendKeys(username);
        driver.findElement(By.name("password")).sendKeys(RoomSetup.PASSWORD, Keys.ENTER);
        waitUntil("signing in", 30, () -> !driver.getCurrentUrl().contains("sign-in"));
    }

    record Loads(List<Double> firstText, List<Double> usable, List<Double> fcp) {
    }

    /** Each load starts from about:blank, so that the room is a new document (not a hash change). */
    private Loads loads(String roomUrl) {
        List<Double> firstText = new ArrayList<>();
        List<Double> usable = new ArrayList<>();
        List<Double> fcp = new ArrayList<>();
        for (int i = 1; i <= o.loads(); i++) {
            driver.get("about:blank");
            driver.get(roomUrl);
            waitUntil("a usable room", 120, () -> BrowserProbe.js(driver, "return window.__bench?.usable ?? null") != null);
            @SuppressWarnings("unchecked")
            Map<String, Object> b = (Map<String, Object>) BrowserProbe.js(driver, """
                    const p = performance.getEntriesByName('first-contentful-paint')[0];
                    return {firstText: __bench.firstText, usable: __bench.usable, fcp: p ? p.startTime : null,
                      firstTextDom: __bench.firstTextDom, usableDom: __bench.usableDom};""");
            double ft = ((Number) b.get("firstText")).doubleValue();
            double us = ((Number) b.get("usable")).doubleValue();
            firstText.add(ft);
            usable.add(us);
            if (b.get("fcp") instanceof Number n) {
                fcp.add(n.doubleValue());
            }
            System.out.printf(Locale.ROOT, "load %d: first text %.0f ms (in the DOM at %.0f), usable room %.0f ms "
                            + "(ready in the DOM at %.0f), first contentful paint %s ms%n", i, ft,
                    ((Number) b.get("firstTextDom")).doubleValue(), us, ((Number) b.get("usableDom")).doubleValue(),
                    b.get("fcp") instanceof Number n ? String.format(Locale.ROOT, "%.0f", n.doubleValue()) : "-");
            // Where the time went: the page's HTML, its modules having run (DOMContentLoaded waits for
            // them), and each API request's start and end, in ms from the navigation's start.
            System.out.println("  timeline: " + BrowserProbe.js(driver, """
                    const n = performance.getEntriesByType('navigation')[0];
                    const r = (x) => Math.round(x);
                    const api = performance.getEntriesByType('resource')
                      .filter(e => new URL(e.name).pathname.startsWith('/api/') || e.name.endsWith('/early.js'))
                      .map(e => new URL(e.name).pathname.replace(/^[/]v[/][0-9a-f]+[/]/, '').replace(/[a-z0-9]{12}/g, ':id') + ' ' + r(e.startTime) + '-' + r(e.responseEnd));
                    return 'HTML ' + r(n.responseEnd) + ', modules run ' + r(n.domContentLoadedEventStart) + ', '
                      + api.join(', ');"""));
        }
        return new Loads(firstText, usable, fcp);
    }

    /**
     * What was recorded over one measured window: per-action costs from the page, and Chromium's
     * main-thread metrics over the window and over as long idle ({@link BrowserProbe#METRICS}, ms).
     */
    record Window(String name, int actions, List<Double> perAction, Map<String, Integer> messages, double[] busy,
                  double[] idle, double seconds) {
        /** Chromium's main-thread time per action in metric {@code i}, less what it spends idle over as long. */
        double chromiumPerAction(int i) {
            return actions == 0 ? Double.NaN : Math.max(0, busy[i] - idle[i]) / actions;
        }
    }

    private Window remoteTyping(RoomTypist typist, String view) throws Exception {
        int n = o.remoteKeystrokes();
        return window("remote keystrokes, " + view, "ops", n, () -> {
            long period = (long) (1e9 / o.remoteRate());
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                sleepUntil(start + i * period);
                typist.keystroke();
            }
        });
    }

    private Window negotiationFrames(RoomSetup.Room room, RoomHttp http, SplittableRandom random)
            throws Exception {
        int n = o.frames();
        return window("negotiation frames, read view", "negotiation", n, () -> {
            long period = (long) (1e9 / o.frameRate());
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                sleepUntil(start + i * period);
                RoomSetup.Person d = room.delegates().get(random.nextInt(room.delegates().size()));
                RoomSetup.Paragraph p = room.paragraphs().get(random.nextInt(room.paragraphs().size()));
                if (i % 2 == 0) { // a comment, then an amendment tabled, in turn
                    http.post(room.path("/comments"), d.token(), "{\"target\":\"clause\",\"targetId\":\"" + p.id()
                            + "\",\"stance\":\"support\",\"body\":\"We support this paragraph as it stands.\"}")
                            .expect("posting a comment");
                } else {
                    http.post(room.path("/amendments"), d.token(), RoomSetup.amendment(p, random.split()))
                            .expect("tabling an amendment");
                }
            }
        });
    }

    interface Actions {
        void run() throws InterruptedException;
    }

    /**
     * Measures one window: Chromium's idle busy rate over 2 s first, then the actions with the page
     * recording its socket messages, and 1.5 s after the last for its frames to arrive and render.
     */
    private Window window(String name, String leader, int actions, Actions script) throws Exception {
        BrowserProbe.js(driver, "__bench.msgs = []; __bench.frames = []; __bench.controlsAdded = {};");
        Thread.sleep(1_000);
        double[] idle0 = BrowserProbe.metrics(driver);
        long i0 = System.nanoTime();
        Thread.sleep(2_000);
        double[] idle = BrowserProbe.minus(BrowserProbe.metrics(driver), idle0);
        double idleSeconds = (System.nanoTime() - i0) / 1e9;
        BrowserProbe.js(driver, "__bench.recording = true;");
        double[] busy0 = BrowserProbe.metrics(driver);
        long t0 = System.nanoTime();
        DevToolsTrace trace = o.trace() ? DevToolsTrace.start(driver) : null;
        script.run();
        Thread.sleep(1_500);
        double[] busy = BrowserProbe.minus(BrowserProbe.metrics(driver), busy0);
        double seconds = (System.nanoTime() - t0) / 1e9;
        printTrace(name, trace, actions); // after the window's length: writing the trace takes seconds
        for (int i = 0; i < idle.length; i++) {
            idle[i] *= seconds / idleSeconds; // the idle rate over the window's length
        }
        Object msgs = BrowserProbe.js(driver, "__bench.recording = false; return __bench.msgs;");
        printControlsAdded(name);
        Map<String, Integer> counts = new TreeMap<>();
        List<Double> per = BrowserProbe.perAction(msgs, leader, counts);
        System.out.printf(Locale.ROOT, "%s: %d actions in %.1f s; messages %s; Chromium main thread %.0f ms "
                + "(%.0f ms if idle as long)%n", name, actions, seconds, counts, busy[0], idle[0]);
        return new Window(name, actions, per, counts, busy, idle, seconds);
    }

    /** The form controls the page put into itself since the last call, by element and class (see BrowserProbe). */
    private void printControlsAdded(String name) {
        System.out.println(name + ": form controls added to the page " + BrowserProbe.js(driver,
                "const a = __bench.controlsAdded; __bench.controlsAdded = {}; return JSON.stringify(a);"));
    }

    /** The traced window's renderer main-thread time per action, by what it was spent on. */
    private static void printTrace(String name, DevToolsTrace trace, int actions) throws Exception {
        if (trace == null) {
            return;
        }
        try (trace) {
            Path file = Path.of("target", "browser-room", name.replaceAll("[^a-z]+", "-") + ".trace.json");
            DevToolsTrace.Summary s = trace.stop(file);
            System.out.println("trace written to " + file);
            System.out.printf(Locale.ROOT, "trace, %s: main thread busy %.2f ms per action; self time per action:", name,
                    s.busyMs() / actions);
            for (Map.Entry<String, Double> e : s.top(14)) {
                System.out.printf(Locale.ROOT, " %s %.2f;", e.getKey(), e.getValue() / actions);
            }
            System.out.println();
        }
    }

    record Typed(List<Double> toPaint, List<Double> toInput, List<Double> eventTiming) {
    }

    /** Turns live editing on and types into one paragraph's text box, a character at a time. */
    private Typed typing(String clauseId) throws Exception {
        driver.findElement(By.cssSelector(".live-toggle")).click();
        waitUntil("the live editors", 60, () -> !driver.findElements(By.id("live-text-" + clauseId)).isEmpty());
        WebElement box = driver.findElement(By.id("live-text-" + clauseId));
        box.click();
        box.sendKeys(Keys.chord(Keys.CONTROL, Keys.END));
        Thread.sleep(1_000);
        BrowserProbe.js(driver, "__bench.keys = []; __bench.events = []; __bench.controlsAdded = {}; __bench.typing = true;");
        String text = " with the participation of residents and local governments in every region";
        long period = (long) (1e9 / o.typingRate());
        DevToolsTrace trace = o.trace() ? DevToolsTrace.start(driver) : null;
        long start = System.nanoTime();
        for (int i = 0; i < o.keystrokes(); i++) {
            sleepUntil(start + i * period);
            box.sendKeys(String.valueOf(text.charAt(i % text.length())));
        }
        Thread.sleep(1_000);
        printTrace("typing, live view", trace, o.keystrokes());
        BrowserProbe.js(driver, "__bench.typing = false;");
        printControlsAdded("typing");
        List<Double> toPaint = BrowserProbe.numbers(BrowserProbe.js(driver, "return __bench.keys.map(k => k.toPaint);"));
        List<Double> toInput = BrowserProbe.numbers(BrowserProbe.js(driver, "return __bench.keys.map(k => k.toInput);"));
        List<Double> events = BrowserProbe.numbers(BrowserProbe.js(driver, "return __bench.events;"));
        System.out.printf(Locale.ROOT, "typing: %d keystrokes sent, %d timed to paint, %d Event Timing keydowns >= 16 ms%n",
                o.keystrokes(), toPaint.size(), events.size());
        return new Typed(toPaint, toInput, events);
    }

    // ---- report -----------------------------------------------------------------------------------

    private void report(Loads loads, Typed keys, Window readRemote, Window liveRemote, Window negotiation) {
        System.out.printf(Locale.ROOT, "%n== Browser room: %d paragraphs, %d amendments; targets beside the figures ==%n",
                o.paragraphs(), o.amendments());
        String row = "  %-58s %-58s %-13s %s%n";
        System.out.printf(Locale.ROOT, row, "figure", "measured", "target", "");
        double ft50 = BrowserProbe.percentile(loads.firstText(), 50);
        System.out.printf(Locale.ROOT, row, "time to first text (n=" + loads.firstText().size() + " loads)",
                fmt("p50 %.0f / max %.0f ms", ft50, BrowserProbe.max(loads.firstText())), "p50 <= 1 s",
                verdict(ft50 <= FIRST_TEXT_TARGET_MS));
        System.out.printf(Locale.ROOT, row, "first contentful paint (Paint Timing)",
                fmt("p50 %.0f / max %.0f ms", BrowserProbe.percentile(loads.fcp(), 50), BrowserProbe.max(loads.fcp())), "", "");
        System.out.printf(Locale.ROOT, row, "time to usable room", fmt("p50 %.0f / max %.0f ms",
                BrowserProbe.percentile(loads.usable(), 50), BrowserProbe.max(loads.usable())), "", "");
        double k95 = BrowserProbe.percentile(keys.toPaint(), 95);
        System.out.printf(Locale.ROOT, row, "keystroke to paint, live view (n=" + keys.toPaint().size() + ")",
                fmt("p50 %.1f / p95 %.1f / max %.1f ms", BrowserProbe.percentile(keys.toPaint(), 50), k95,
                        BrowserProbe.max(keys.toPaint())), "p95 <= 32 ms", verdict(keys.toPaint().size() > 0 && k95 <= KEY_P95_TARGET_MS));
        System.out.printf(Locale.ROOT, row, "  keydown to input handled", fmt("p50 %.1f / p95 %.1f ms",
                BrowserProbe.percentile(keys.toInput(), 50), BrowserProbe.percentile(keys.toInput(), 95)), "", "");
        System.out.printf(Locale.ROOT, row, "  Event Timing keydowns >= 16 ms", keys.eventTiming().size() + " of "
                + keys.toPaint().size() + (keys.eventTiming().isEmpty() ? "" : fmt(", max %.0f ms",
                BrowserProbe.max(keys.eventTiming()))), "", "");
        for (Window w : List.of(readRemote, liveRemote, negotiation)) {
            boolean remote = w.name().startsWith("remote");
            double p95 = BrowserProbe.percentile(w.perAction(), 95);
            double chromium = w.chromiumPerAction(0);
            String unit = remote ? "per remote keystroke" : "per negotiation frame";
            // One action per leading frame (ops, negotiation): remote keystrokes typed while one was in
            // flight go out composed, in one frame, so n may be below the keystrokes typed.
            System.out.printf(Locale.ROOT, row, "main thread " + unit + ", " + w.name().replaceAll(".*, ", "")
                            + " (n=" + w.perAction().size() + ")",
                    fmt("p50 %.2f / p95 %.2f / mean %.2f ms", BrowserProbe.percentile(w.perAction(), 50), p95,
                            BrowserProbe.mean(w.perAction())), remote ? "<= 4 ms" : "",
                    remote ? verdict(w.perAction().size() > 0 && p95 <= REMOTE_TARGET_MS) : "");
            System.out.printf(Locale.ROOT, row, "  Chromium main thread (n=" + w.actions() + ")",
                    fmt("mean %.2f ms (script %.2f, style %.2f, layout %.2f)", chromium, w.chromiumPerAction(1),
                            w.chromiumPerAction(2), w.chromiumPerAction(3)), remote ? "<= 4 ms" : "", remote ? verdict(chromium <= REMOTE_TARGET_MS) : "");
        }
        System.out.println("  machine: " + ProcStats.machineFacts());
        // Times here are wall times on the main thread: other work on these cores stretches them.
        try {
            System.out.println("  load average (1, 5, 15 min) at the end: "
                    + String.join(" ", java.util.Arrays.asList(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3)));
        } catch (java.io.IOException e) {
            System.out.println("  load average: unknown (" + e + ")");
        }
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    private static String verdict(boolean met) {
        return met ? "MET" : "NOT MET";
    }

    // ---- helpers -----------------------------------------------------------------------------------

    private static void sleepUntil(long nanos) throws InterruptedException {
        long wait = nanos - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    private static void waitUntil(String what, int seconds, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("waited " + seconds + " s for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + what);
            }
        }
    }
}
