package plenary.ui;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import plenary.http.RunningServer;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** axe-core on the views a chair passes through: sign-in, a meeting, its members, a document in live mode. */
class ViewsAccessibilityBrowserTest {
    @TempDir
    static Path dir;

    private static RunningServer server;
    private static Browser browser;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        server = RunningServer.start(dir.resolve("data"), "--demo");
        base = "http://127.0.0.1:" + server.port() + "/";
        browser = Browser.open(dir.resolve("profile"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        server.close();
    }

    @Test
    void everyViewOfAChairHasNoWcagViolation() {
        browser.go(base + "#/sign-in");
        browser.waitFor(By.name("username"));
        browser.screenshot("view-sign-in");
        assertEquals(List.of(), browser.accessibilityViolations(), "sign-in");

        browser.driver.findElement(By.name("username")).sendKeys("chair");
        browser.driver.findElement(By.name("password")).sendKeys("plenary-demo-2026", Keys.ENTER);
        browser.waitFor(By.cssSelector("article.document h1"));
        browser.screenshot("view-document");
        assertEquals(List.of(), browser.accessibilityViolations(), "document");

        browser.driver.findElement(By.cssSelector(".live-toggle")).click();
        browser.waitFor(By.cssSelector(".live-clause__text"));
        browser.screenshot("view-document-live");
        assertEquals(List.of(), browser.accessibilityViolations(), "document in live mode");

        String meetingLink = browser.driver.findElement(By.cssSelector(".sidebar a[href^='#/meetings/']"))
                .getAttribute("href");
        browser.go(meetingLink);
        browser.waitFor(By.cssSelector("#view h1"));
        browser.screenshot("view-meeting");
        assertEquals(List.of(), browser.accessibilityViolations(), "meeting");

        browser.go(meetingLink + "/members");
        browser.waitFor(By.cssSelector("#view table, #view h1"));
        browser.waitUntil(d -> !d.findElements(By.cssSelector("#view table")).isEmpty());
        browser.screenshot("view-members");
        assertEquals(List.of(), browser.accessibilityViolations(), "members");
    }
}
