package plenary.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Chromium processes kept for the whole test run, by demo account, for the shared demo server:
 * starting one costs about two seconds and signing it in three more, once per class before. Each
 * browser keeps its own profile (and so its own session cookie) for life; all quit when the JVM ends.
 * Classes with a server of their own take blank browsers, wiped of that server's site when handed
 * back (a start costs some 3.6 CPU-s; seven such browsers were started a run before).
 */
final class BrowserPool {
    /** The key of the browsers signed in nowhere ({@link #takeBlank}); no demo account has it. */
    private static final String NOBODY = "";
    private static final Map<String, Deque<Browser>> IDLE = new HashMap<>();
    private static final List<Browser> ALL = new ArrayList<>();
    private static Path profiles;

    private BrowserPool() {
    }

    /** An idle browser of this account, or a new one (signed in by the caller); second is whether it is new. */
    static synchronized Taken take(String username) {
        Browser idle = IDLE.getOrDefault(username, new ArrayDeque<>()).pollFirst();
        if (idle != null) {
            return new Taken(idle, false);
        }
        Browser opened = Browser.open(profiles().resolve((username.isEmpty() ? "blank" : username) + "-" + ALL.size()));
        ALL.add(opened);
        return new Taken(opened, true);
    }

    record Taken(Browser browser, boolean fresh) {
    }

    static synchronized void giveBack(String username, Browser browser) {
        IDLE.computeIfAbsent(username, u -> new ArrayDeque<>()).addLast(browser);
    }

    /**
     * A browser signed in nowhere, for a class with a server of its own: one kept from an earlier
     * such class, or a new one. Hand it back with {@link #giveBackBlank}, which wipes what the
     * class's server left in it.
     */
    static Browser takeBlank() {
        return take(NOBODY).browser();
    }

    /** Takes back a blank browser once the site at {@code base} is wiped from it: cookies, storage, the page. */
    static void giveBackBlank(Browser browser, String base) {
        browser.forgetSite(base);
        giveBack(NOBODY, browser);
    }

    /** Runs at the end of the JVM, after the shared server's hook has been registered (and so may run beside it). */
    private static synchronized void quitAll() {
        ALL.forEach(b -> {
            try {
                b.close();
            } catch (RuntimeException e) {
                System.err.println("a pooled browser did not quit: " + e);
            }
        });
        ALL.clear();
    }

    private static Path profiles() {
        if (profiles == null) {
            try {
                profiles = Files.createTempDirectory("plenary-browsers");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(BrowserPool::quitAll, "browser-pool-quit"));
        }
        return profiles;
    }
}
