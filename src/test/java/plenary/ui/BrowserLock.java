package plenary.ui;

/**
 * The JUnit resource lock every browser class holds while it runs (see {@link BrowserIsolationTest}):
 * one browser class at a time, as they share the demo server and {@link BrowserPool} and Chromium
 * is the heaviest thing in the run, with one class of another kind beside it.
 */
public final class BrowserLock {
    public static final String NAME = "plenary.browsers";

    private BrowserLock() {
    }
}
