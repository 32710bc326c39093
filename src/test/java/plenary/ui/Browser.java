package plenary.ui;

import com.deque.html.axecore.selenium.AxeBuilder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chromium.HasCdp;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real headless Chromium driven through its chromedriver: Debian's ({@code apt-get install
 * chromium chromium-driver}, as {@code .ci/run} does) where installed, else Selenium Manager's.
 * Each browser gets a fresh profile. Screenshots, when asked for, go to {@code target/screenshots} for a person to look at.
 */
final class Browser implements AutoCloseable {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /**
     * Screenshots only with {@code -Dplenary.screenshots=true}: they assert nothing, and the 129 of a
     * run cost Chromium and the test JVM about half a CPU-second each (encoding, base64 through
     * ChromeDriver, decoding), some 10% of the browser classes' CPU.
     */
    private static final boolean SCREENSHOTS_WANTED = Boolean.getBoolean("plenary.screenshots");
    /** Only a failing wait lasts this long: generous, so that a busy machine is not a failure. */
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final List<String> WCAG_TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");
    /** axe-core as Deque's Selenium binding ships it. */
    private static final String AXE = axeSource();

    final WebDriver driver;

    private Browser(WebDriver driver) {
        this.driver = driver;
    }

    static Browser open(Path profile) {
        return new Browser(new ChromeDriver(Chromium.driverService(), Chromium.options(profile)));
    }

    /** Signs in as a demo account on the page at {@code base} and waits until it has left the sign-in view. */
    void signIn(String base, String username, String password) {
        go(base + "#/sign-in");
        waitFor(By.name("username")).sendKeys(username);
        driver.findElement(By.name("password")).sendKeys(password, org.openqa.selenium.Keys.ENTER);
        waitUntil(d -> !d.getCurrentUrl().contains("sign-in"));
    }

    void go(String url) {
        driver.get(url);
    }

    WebElement waitFor(By by) {
        return PageWait.on(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    void waitUntil(java.util.function.Function<WebDriver, Boolean> condition) {
        PageWait.on(driver, WAIT).until(condition::apply);
    }


    /** Saves the page as target/screenshots/NAME.png when screenshots are asked for (see {@link #SCREENSHOTS_WANTED}). */
    void screenshot(String name) {
        if (!SCREENSHOTS_WANTED) {
            return;
        }
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The WCAG 2.x A and AA rules axe-core finds broken on the page as it is now. axe runs in the page
     * itself, injected once per page load: AxeBuilder injected it anew on every call and opened a
     * second window to finish each run (about 3.5 s a check; 1.1 s this way). The pages have no frames.
     */
    List<String> accessibilityViolations() {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        if (!Boolean.TRUE.equals(js.executeScript("return typeof window.axe === 'object';"))) {
            js.executeScript(AXE);
        }
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        Object found = js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']}).then(
                    r => done(r.violations.map(v => v.id + ': ' + v.help + ' (' + v.nodes.length + 'x: '
                        + JSON.stringify(v.nodes.slice(0, 3).map(n => n.target)) + ')')),
                    e => done(['axe failed: ' + e]));""", WCAG_TAGS);
        @SuppressWarnings("unchecked")
        List<String> violations = (List<String>) found;
        return violations;
    }

    private static String axeSource() {
        try (var in = AxeBuilder.class.getResourceAsStream("/axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe.min.js is missing from Deque's axe-core Selenium jar");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Ends whatever the browser showed (an open dialog, an unload guard, then the page itself) and
     * puts the window back to its first size, for the next class that takes it from the pool.
     */
    void leavePage() {
        try {
            driver.switchTo().alert().dismiss();
        } catch (org.openqa.selenium.NoAlertPresentException none) {
            // the usual case
        }
        ((JavascriptExecutor) driver).executeScript("window.onbeforeunload = null;");
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
        go("about:blank");
    }

    /**
     * Leaves the page and forgets the site at {@code base}: its cookies, storage and (for this tab)
     * session storage, so the next class meets the browser as a first visit would.
     */
    void forgetSite(String base) {
        try {
            ((JavascriptExecutor) driver).executeScript("try { sessionStorage.clear(); } catch (e) {}");
        } catch (org.openqa.selenium.UnhandledAlertException dialog) {
            // leavePage dismisses it; this tab's session storage then goes with the origin's port
        }
        leavePage();
        String origin = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        HasCdp cdp = (HasCdp) driver;
        cdp.executeCdpCommand("Storage.clearDataForOrigin", java.util.Map.of("origin", origin, "storageTypes", "all"));
        cdp.executeCdpCommand("Network.clearBrowserCookies", java.util.Map.of());
    }

    @Override
    public void close() {
        driver.quit();
    }
}
