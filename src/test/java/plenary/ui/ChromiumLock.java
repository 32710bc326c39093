package plenary.ui;

/**
 * The suite runs test classes two at a time (junit-platform.properties), but never two browser
 * classes at once: they share one demo server and one pool of signed-in browsers per JVM
 * ({@link DemoServer#shared()}, {@link BrowserPool}), and Chromium alone keeps both cores busy. Every
 * class tagged "browser" takes this lock with {@code @ResourceLock(ChromiumLock.NAME)}; a test in
 * BrowserLockTest checks that none is without it.
 */
public final class ChromiumLock {
    public static final String NAME = "chromium";

    private ChromiumLock() {
    }
}
