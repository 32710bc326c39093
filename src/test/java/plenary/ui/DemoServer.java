package plenary.ui;

import plenary.http.RunningServer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A browser test's world: a real server started with --demo over a temporary directory, REST steps
 * as its demo accounts, and the browsers opened on it; closing it closes them all.
 */
final class DemoServer implements AutoCloseable {
    final String base;
    final DemoRest rest;
    private final RunningServer server;
    private final Path dir;
    private final List<Browser> browsers = new ArrayList<>();

    private DemoServer(Path dir, RunningServer server) {
        this.dir = dir;
        this.server = server;
        this.base = "http://127.0.0.1:" + server.port() + "/";
        this.rest = new DemoRest(base);
    }

    static DemoServer start(Path dir) throws Exception {
        return new DemoServer(dir, RunningServer.start(dir.resolve("data"), "--demo"));
    }

    /** A browser with its own profile, signed in as the demo account, in the sample document's room. */
    Browser signedIn(String username) {
        Browser browser = Browser.open(dir.resolve(username));
        browsers.add(browser);
        RoomBrowsing.signIn(browser, base, username);
        return browser;
    }

    @Override
    public void close() throws Exception {
        try {
            browsers.forEach(Browser::close);
            rest.close();
        } finally {
            server.close();
        }
    }
}
