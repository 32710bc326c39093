package plenary.security;

import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;

/**
 * A real headless Chromium for the attacks that need a browser (the flags of {@code plenary.ui}'s
 * browser tests), which also keeps the page's console, so a test can see what the browser refused.
 */
final class SecurityBrowser implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(30);

    final WebDriver driver;

    private SecurityBrowser(WebDriver driver) {
        this.driver = driver;
    }

    static SecurityBrowser open(Path profile) {
        ChromeOptions options = plenary.ui.Chromium.options(profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        return new SecurityBrowser(new ChromeDriver(plenary.ui.Chromium.driverService(), options));
    }

    /** Signs in on the page at {@code base} and waits until the page has left the sign-in view. */
    void signIn(String base, String username, String password) {
        driver.get(base + "#/sign-in");
        waitFor(By.name("username")).sendKeys(username);
        driver.findElement(By.name("password")).sendKeys(password, Keys.ENTER);
        waitUntil(d -> !d.getCurrentUrl().contains("sign-in"));
    }

    WebElement waitFor(By by) {
        return plenary.ui.PageWait.on(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    void waitUntil(Function<WebDriver, Boolean> condition) {
        plenary.ui.PageWait.on(driver, WAIT).until(condition::apply);
    }

    /** The console messages since the last call (Chromium hands each one out once). */
    List<String> console() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage).toList();
    }

    @Override
    public void close() {
        driver.quit();
    }

}
