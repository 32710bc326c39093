package plenary.ui;

import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

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
 * Each browser gets a fresh profile. Screenshots go to {@code target/screenshots} for a person to look at.
 */
final class Browser implements AutoCloseable {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(15);

    final WebDriver driver;

    private Browser(WebDriver driver) {
        this.driver = driver;
    }

    static Browser open(Path profile) {
        ChromeOptions options = new ChromeOptions();
        if (Files.isExecutable(Path.of("/usr/bin/chromium"))) {
            options.setBinary("/usr/bin/chromium");
        }
        // Without the background-networking flags Chromium keeps dialling out, which this closed network refuses.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,1000", "--user-data-dir=" + profile.toAbsolutePath());
        Path debianDriver = Path.of("/usr/bin/chromedriver");
        ChromeDriverService service = Files.isExecutable(debianDriver)
                ? new ChromeDriverService.Builder().usingDriverExecutable(debianDriver.toFile()).build()
                : ChromeDriverService.createDefaultService();
        return new Browser(new ChromeDriver(service, options));
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
        return new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    void waitUntil(java.util.function.Function<WebDriver, Boolean> condition) {
        new WebDriverWait(driver, WAIT).until(condition::apply);
    }

    /** Saves the page as target/screenshots/NAME.png. */
    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The WCAG 2.x A and AA rules axe-core finds broken on the page as it is now. */
    List<String> accessibilityViolations() {
        List<Rule> violations = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"))
                .analyze(driver).getViolations();
        return violations.stream().map(r -> r.getId() + ": " + r.getHelp() + " (" + r.getNodes().size() + "x: "
                + r.getNodes().stream().limit(3).map(n -> String.valueOf(n.getTarget())).toList() + ")").toList();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
