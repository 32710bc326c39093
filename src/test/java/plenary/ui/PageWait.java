package plenary.ui;

import org.openqa.selenium.NotFoundException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Wait;

import java.time.Duration;
import java.util.function.Function;

/**
 * Every browser test's wait on the page: asks at once, again after 100 ms, then every 200 ms. Each
 * ask is a round trip through ChromeDriver into the page's renderer, and the browsers are most of
 * the suite's CPU: asking every 50 ms competed with the page for the step being awaited (two
 * browser classes took 74 to 93 s, 130 to 167 CPU-s; 70 to 71 s, 128 to 129 CPU-s with this), and
 * a fixed 400 ms lost more on every wait than it saved (81 s). A found element redrawn before it
 * was read (the views re-render on every live frame) or one not there yet means "ask again", as
 * with Selenium's waits.
 */
public final class PageWait implements Wait<WebDriver> {
    private static final long FIRST_PAUSE_MILLIS = 100;
    private static final long LONGEST_PAUSE_MILLIS = 200;

    private final WebDriver driver;
    private final Duration timeout;

    private PageWait(WebDriver driver, Duration timeout) {
        this.driver = driver;
        this.timeout = timeout;
    }

    /** A wait on {@code driver} that gives up after {@code timeout}. */
    public static PageWait on(WebDriver driver, Duration timeout) {
        return new PageWait(driver, timeout);
    }

    /** Returns the condition's first value that is neither null nor false; fails after the timeout. */
    @Override
    public <V> V until(Function<? super WebDriver, ? extends V> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = FIRST_PAUSE_MILLIS;
        RuntimeException last = null;
        while (true) {
            try {
                V value = condition.apply(driver);
                if (value != null && !Boolean.FALSE.equals(value)) {
                    return value;
                }
            } catch (StaleElementReferenceException | NotFoundException e) {
                last = e;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException("waited " + timeout.toSeconds() + " s for " + condition
                        + (last == null ? "" : "; last: " + last.getMessage()), last);
            }
            try {
                Thread.sleep(Math.min(pause, Math.max(1, left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TimeoutException("interrupted while waiting for " + condition, e);
            }
            pause = Math.min(pause * 2, LONGEST_PAUSE_MILLIS);
        }
    }
}
