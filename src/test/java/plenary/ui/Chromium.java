package plenary.ui;

import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.IOException;
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
    private static final Path SHARED_MEMORY = Path.of("/dev/shm");
    private static final long MIN_SHARED_MEMORY = 1L << 30;

    private Chromium() {
    }

    /** The options for a fresh browser with its profile in {@code profile}. */
    public static ChromeOptions options(Path profile) {
        ChromeOptions options = new ChromeOptions();
        if (Files.isExecutable(CHROMIUM)) {
            options.setBinary(CHROMIUM.toString());
        }
        // Without the background-networking flags Chromium keeps dialling out, which this closed network refuses.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,1000", "--user-data-dir=" + profile.toAbsolutePath());
        // The tests visit one site. With site isolation each return from about:blank (how a pooled
        // browser leaves a class's page) started a new renderer process: a load of the room cost
        // 2.7 CPU-s that way and 1.4 in the renderer already there (CostProbe, 2026-12-06).
        options.addArguments("--disable-site-isolation-trials", "--disable-features=IsolateOrigins,site-per-process",
                "--process-per-site");
        // What a test browser needs of Chromium is one page: no optimising JavaScript compiler for
        // pages that live seconds, one raster thread, and none of the background services (crash
        // reports, phishing checks, metrics, a keyring). Three browser classes: 137 to 177 CPU-s
        // without these, 132 with them (2026-12-06). --single-process saved more (111 to 118) but
        // beside a CPU hog a browser died at its start ("Unable to receive message from renderer").
        // A benchmark that measures the page itself must not use these.
        options.addArguments("--js-flags=--no-opt", "--num-raster-threads=1",
                "--disable-software-rasterizer", "--disable-extensions", "--disable-default-apps", "--mute-audio",
                "--disable-breakpad", "--disable-domain-reliability", "--disable-client-side-phishing-detection",
                "--disable-hang-monitor", "--metrics-recording-only", "--password-store=basic", "--use-mock-keychain");
        if (smallSharedMemory()) {
            options.addArguments("--disable-dev-shm-usage");
        }
        return options;
    }

    /**
     * Containers often give /dev/shm 64 MB, too little for Chromium's shared memory; then it must use
     * /tmp. Where /dev/shm is ample it stays there: /tmp on a disk cost the browser tests a good part
     * of their system time.
     */
    private static boolean smallSharedMemory() {
        try {
            return Files.getFileStore(SHARED_MEMORY).getTotalSpace() < MIN_SHARED_MEMORY;
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }

    /** Debian's ChromeDriver, which matches its Chromium; never a downloaded one where it exists. */
    public static ChromeDriverService driverService() {
        return Files.isExecutable(DEBIAN_DRIVER)
                ? new ChromeDriverService.Builder().usingDriverExecutable(DEBIAN_DRIVER.toFile()).build()
                : ChromeDriverService.createDefaultService();
    }
}
