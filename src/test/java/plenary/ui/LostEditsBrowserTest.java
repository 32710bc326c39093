package plenary.ui;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import plenary.http.RunningServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static plenary.ui.RoomBrowsing.assertAccessible;
import static plenary.ui.RoomBrowsing.focused;
import static plenary.ui.RoomBrowsing.shot;
import static plenary.ui.RoomBrowsing.waitForText;

/**
 * The server's store is restored from an older copy while a rapporteur edits live: edits the
 * server had confirmed are gone from it. The page rejoins with the revision and hash it had seen,
 * the server says the histories diverged, and the page shows the server's text with a banner
 * naming the lost edits (how many, which paragraph, what was written) and offering to make them
 * again; done from the keyboard, the edits reach the server again.
 *
 * <p>The restore is real: the server is stopped, its data directory copied, started again; the
 * rapporteur types; the server is stopped, the copy put back, and the server started on the same
 * port, as an operator restoring a backup would.
 */
@Tag("browser")
@ResourceLock(BrowserLock.NAME)
class LostEditsBrowserTest {
    @TempDir
    static Path dir;

    private static final Duration RECONNECT = Duration.ofSeconds(45);

    private static RunningServer server;
    private static int port;
    private static DemoRest rest;
    private static Browser rapporteur;

    @BeforeAll
    static void start() throws Exception {
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        server = startServer();
        String base = "http://127.0.0.1:" + port + "/";
        rest = new DemoRest(base);
        rapporteur = BrowserPool.takeBlank();
        RoomBrowsing.signIn(rapporteur, base, "rapporteur");
    }

    private static RunningServer startServer() throws Exception {
        // The last --port wins over RunningServer's "--port 0".
        return RunningServer.start(dir.resolve("data"), "--demo", "--port", String.valueOf(port));
    }

    @AfterAll
    static void stop() throws Exception {
        if (rapporteur != null) {
            BrowserPool.giveBackBlank(rapporteur, "http://127.0.0.1:" + port + "/");
        }
        rest.close();
        if (server != null) {
            server.close();
        }
    }

    private static void waitLong(Function<WebDriver, Boolean> condition) {
        PageWait.on(rapporteur.driver, RECONNECT).until(condition::apply);
    }

    private static String online(WebDriver d) {
        return d.findElement(By.cssSelector(".live-bar")).getAttribute("data-status");
    }

    @Test
    void editsTheRestoredServerLostAreNamedAndMadeAgain() throws Exception {
        String documentId = rest.sampleDocument("rapporteur");
        String clauseId = rest.operative("rapporteur", documentId, "2").get("id").asText();
        String original = rest.operative("rapporteur", documentId, "2").get("text").asText();

        // The backup, taken with the server stopped (the session and the REST tokens are in it).
        server.close();
        server = null;
        copy(dir.resolve("data"), dir.resolve("backup"));
        server = startServer();
        waitLong(d -> "online".equals(online(d)));

        rapporteur.waitFor(By.cssSelector(".live-toggle")).click();
        WebElement text = rapporteur.waitFor(By.id("live-text-" + clauseId));
        text.click();
        text.sendKeys(Keys.chord(Keys.CONTROL, Keys.END), " LOST WORDS");
        // Confirmed: stored by the server and every submission acknowledged.
        rapporteur.waitUntil(d -> rest.operative("rapporteur", documentId, "2").get("text").asText().equals(original + " LOST WORDS"));
        rapporteur.waitUntil(d -> d.findElement(By.cssSelector(".live-bar__pending")).getText().isEmpty());

        // The backup is put back.
        server.close();
        server = null;
        deleteTree(dir.resolve("data"));
        copy(dir.resolve("backup"), dir.resolve("data"));
        server = startServer();

        By banner = By.cssSelector(".banner--lost");
        waitLong(d -> d.findElement(banner).isDisplayed());
        WebElement shown = rapporteur.driver.findElement(banner);
        assertEquals("alert", shown.getAttribute("role"));
        String said = shown.getText();
        assertTrue(said.matches("(?s)Some of your edits were lost\\. The server no longer has \\d+ of your confirmed edits: "
                + "its records were restored from an older copy\\..*"), said);
        String item = shown.findElement(By.cssSelector("li[data-clause-id='" + clauseId + "']")).getText();
        assertTrue(item.startsWith("Paragraph 2"), item);
        assertTrue(item.contains("LOST WORDS"), "what was written is quoted: " + item);
        // Nothing the server lacks stays on screen as confirmed text.
        rapporteur.waitUntil(d -> d.findElement(By.id("live-text-" + clauseId)).getAttribute("value").equals(original));
        assertEquals(original, rest.operative("rapporteur", documentId, "2").get("text").asText());
        shot(rapporteur, banner, "lost-edits-banner");
        assertAccessible(rapporteur, "the room with the lost edits banner");

        // From the keyboard: Tab from "Make them again" reaches "Dismiss"; Enter on "Make them again".
        WebElement remake = shown.findElement(By.cssSelector("[data-focus='lost-remake']"));
        remake.sendKeys(Keys.TAB);
        assertEquals("lost-dismiss", focused(rapporteur));
        remake.sendKeys(Keys.ENTER);
        waitForText(rapporteur, By.cssSelector(".live-bar__message"), "were made again and are being sent.");
        assertTrue(rapporteur.driver.findElements(banner).stream().noneMatch(WebElement::isDisplayed), "the banner is gone");
        rapporteur.waitUntil(d -> rest.operative("rapporteur", documentId, "2").get("text").asText().equals(original + " LOST WORDS"));
        shot(rapporteur, By.cssSelector(".live-bar"), "lost-edits-made-again");
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            paths.forEach(p -> {
                try {
                    Files.copy(p, to.resolve(from.relativize(p).toString()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
