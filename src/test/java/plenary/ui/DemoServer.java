package plenary.ui;

import org.openqa.selenium.By;
import plenary.http.AdjustableClock;
import plenary.http.RunningServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A browser test's world: a real server started with --demo, REST steps as its demo accounts, and
 * the browsers opened on it; closing it hands them all back to {@link BrowserPool}.
 *
 * <p>{@link #shared()} is the usual world: one demo server for the whole run and browsers kept in
 * {@link BrowserPool}, with a fresh copy of the sample document for each test class, so classes
 * never see each other's amendments, votes or statuses and pay no start-up of their own. A class
 * that changes what is wider than a document (accounts, invitations, the server itself, search
 * over every document) uses {@link #start(Path)}: a server of its own, and pooled browsers signed in
 * nowhere, wiped of that server's site when handed back.
 */
final class DemoServer implements AutoCloseable {
    private static RunningServer sharedServer;

    final String base;
    final DemoRest rest;
    private final RunningServer server;
    /** The class's own copy of the sample document on the shared server; null for a server of its own. */
    private final String documentId;
    private final List<Browser> opened = new ArrayList<>();
    private final Map<Browser, String> pooled = new java.util.LinkedHashMap<>();

    private DemoServer(RunningServer server, String documentId, DemoRest rest) {
        this.server = server;
        this.base = "http://127.0.0.1:" + server.port() + "/";
        this.documentId = documentId;
        this.rest = rest;
    }

    /** A server of the class's own over dir, with blank browsers from the pool ({@link BrowserPool#takeBlank}). */
    static DemoServer start(Path dir) throws Exception {
        RunningServer server = RunningServer.startWith(dir.resolve("data"), Map.of(), new AdjustableClock(), "--demo");
        return new DemoServer(server, null, new DemoRest("http://127.0.0.1:" + server.port() + "/"));
    }

    /** The run's shared demo server, with a new copy of the sample document for this class. */
    static DemoServer shared() throws Exception {
        RunningServer server = sharedServer();
        String base = "http://127.0.0.1:" + server.port() + "/";
        DemoRest rest = new DemoRest(base);
        String copy = rest.importSample("chair");
        return new DemoServer(server, copy, rest.withSample(copy));
    }

    private static synchronized RunningServer sharedServer() throws Exception {
        if (sharedServer == null) {
            Path dir = Files.createTempDirectory("plenary-shared-demo");
            sharedServer = RunningServer.startWith(dir.resolve("data"), Map.of(), new AdjustableClock(), "--demo");
            RunningServer started = sharedServer;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (Exception e) {
                    System.err.println("the shared demo server did not stop: " + e);
                }
            }, "shared-demo-stop"));
        }
        return sharedServer;
    }

    /**
     * The server's clock, which a test moves forward to reach a deadline at once. On the shared
     * server it moves for every later class too: move it by minutes, well within a session's 12 hours.
     */
    AdjustableClock clock() {
        return (AdjustableClock) server.clock();
    }

    /**
     * A browser signed in as the demo account, in the room of the sample document (the class's own
     * copy on the shared server). A pooled browser gets a fresh page load, so nothing of the last
     * class's page (panels, sockets, scroll) carries over.
     */
    Browser signedIn(String username) {
        if (documentId == null) {
            Browser browser = BrowserPool.takeBlank();
            opened.add(browser);
            RoomBrowsing.signIn(browser, base, username);
            return browser;
        }
        BrowserPool.Taken taken = BrowserPool.take(username);
        Browser browser = taken.browser();
        pooled.put(browser, username);
        if (taken.fresh()) {
            RoomBrowsing.signIn(browser, base, username);
        } else {
            browser.leavePage();
        }
        browser.go(base + "#/documents/" + documentId);
        browser.waitFor(By.cssSelector("article.document h1"));
        browser.waitUntil(d -> d.getCurrentUrl().contains("#/documents/" + documentId));
        return browser;
    }

    @Override
    public void close() throws Exception {
        try {
            opened.forEach(browser -> BrowserPool.giveBackBlank(browser, base));
            pooled.forEach((browser, username) -> {
                browser.leavePage();
                BrowserPool.giveBack(username, browser);
            });
            rest.close();
        } finally {
            if (documentId == null) {
                server.close();
            }
        }
    }
}
