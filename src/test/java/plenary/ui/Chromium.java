package plenary.ui;

import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How every browser test starts Debian's Chromium, headless. (Debian's chromium-headless-shell would
 * be lighter, but its ChromeDriver 156 found no page in it to drive: "unable to discover open pages",
 * in most tries.)
 */
public final class Chromium {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DEBIAN_DRIVER = Path.of("/usr/bin/chromedriver");

    private Chromium() {
    }

    /** The options for a fresh browser with its profile in {@code profile}. */
    public static ChromeOptions options(Path profile) {
        ChromeOptions options = new ChromeOptions();
        if (Files.isExecutable(CHROMIUM)) {
            options.setBinary(CHROMIUM.toString());
        }
        // Without the background-networking flags Chromium keeps dialling out, which this closed network refuses.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,1000", "--user-data-dir=" + profile.toAbsolutePath());
        return options;
    }

    /** Debian's ChromeDriver, which matches its Chromium; never a downloaded one where it exists. */
    public static ChromeDriverService driverService() {
        return Files.isExecutable(DEBIAN_DRIVER)
                ? new ChromeDriverService.Builder().usingDriverExecutable(DEBIAN_DRIVER.toFile()).build()
                : ChromeDriverService.createDefaultService();
    }
}
