package plenary.ui;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import plenary.http.HttpTestClient;
import plenary.http.TestPeople;

import java.net.URI;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static plenary.ui.RoomBrowsing.assertAccessible;

/**
 * Issue 15, item 10, in the page: a delegate changes the password from the header's Account dialog
 * (which signs out a session someone else held), then signs out everywhere, which ends the page's
 * own session too. axe-core audits the dialog.
 */
@Tag("browser")
@ResourceLock(BrowserLock.NAME)
class AccountBrowserTest {
    private static final String NEW_PASSWORD = "harbour-lights-over-graz";

    @Test
    void changeThePasswordThenSignOutEverywhere(@TempDir Path dir) throws Exception {
        try (DemoServer demo = DemoServer.start(dir);
             HttpTestClient elsewhere = new HttpTestClient(URI.create(demo.base))) {
            Browser browser = demo.signedIn("uclg");
            String stolen = TestPeople.signIn(elsewhere, "uclg", DemoRest.PASSWORD);

            WebElement open = browser.waitFor(By.cssSelector(".account button[aria-haspopup=dialog]"));
            assertEquals("Account", open.getText());
            open.click();
            WebElement dialog = browser.waitFor(By.cssSelector("dialog.account-dialog"));
            assertAccessible(browser, "the account dialog");

            // A wrong current password is said so, beside the field.
            dialog.findElement(By.name("current-password")).sendKeys("not-my-password-at-all");
            dialog.findElement(By.name("new-password")).sendKeys(NEW_PASSWORD);
            dialog.findElement(By.name("new-password-again")).sendKeys(NEW_PASSWORD);
            dialog.findElement(By.cssSelector(".account-password button[type=submit]")).click();
            browser.waitUntil(d -> dialog.findElement(By.cssSelector(".form-alert")).getText()
                    .contains("The current password is wrong."));

            WebElement current = dialog.findElement(By.name("current-password"));
            current.clear();
            current.sendKeys(DemoRest.PASSWORD);
            dialog.findElement(By.cssSelector(".account-password button[type=submit]")).click();
            browser.waitUntil(d -> dialog.findElement(By.cssSelector(".account-password .form-status")).getText()
                    .startsWith("Your password was changed."));
            browser.screenshot("account-password-changed");
            assertEquals(401, TestPeople.withToken(elsewhere, stolen, () -> elsewhere.get("/api/session")).statusCode(),
                    "the other session ended");
            assertEquals(401, TestPeople.trySignIn(elsewhere, "uclg", DemoRest.PASSWORD).statusCode());
            String later = TestPeople.signIn(elsewhere, "uclg", NEW_PASSWORD);

            // Sign out everywhere: this page goes back to the sign-in view, and the other session ends too.
            dialog.findElement(By.xpath(".//button[normalize-space()='Sign out everywhere']")).click();
            browser.waitFor(By.name("username"));
            assertTrue(browser.driver.getCurrentUrl().contains("sign-in"), browser.driver.getCurrentUrl());
            assertEquals(401, TestPeople.withToken(elsewhere, later, () -> elsewhere.get("/api/session")).statusCode());
            browser.screenshot("account-signed-out-everywhere");

            // The new password opens the room again.
            browser.signIn(demo.base, "uclg", NEW_PASSWORD);
            browser.waitFor(By.cssSelector(".account button[aria-haspopup=dialog]"));
        }
    }
}
