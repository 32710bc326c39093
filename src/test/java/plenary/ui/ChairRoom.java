package plenary.ui;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Steps shared by the chair console and banner tests: one signed-in browser per demo account in the sample document's room. */
final class ChairRoom {
    static final String PASSWORD = "plenary-demo-2026";

    private ChairRoom() {
    }

    /** A browser signed in as username, on the sample document (the first one, opened by #/). */
    static Browser open(Path profile, String base, String username) {
        Browser browser = Browser.open(profile);
        browser.signIn(base, username, PASSWORD);
        browser.go(base + "#/");
        browser.waitFor(By.cssSelector("article.document h1"));
        browser.waitUntil(d -> d.getCurrentUrl().contains("#/documents/"));
        return browser;
    }

    /** The text of the element, once visible. */
    static String text(Browser browser, By by) {
        return browser.waitFor(by).getText();
    }

    /** Waits until the element's text contains the fragment. */
    static void waitForText(Browser browser, By by, String fragment) {
        browser.waitUntil(d -> fresh(() -> d.findElements(by).stream().anyMatch(e -> e.isDisplayed() && e.getText().contains(fragment))));
    }

    /** The views rebuild parts of the page as the state moves: an element found a moment ago may be gone. */
    static boolean fresh(java.util.function.BooleanSupplier check) {
        try {
            return check.getAsBoolean();
        } catch (StaleElementReferenceException e) {
            return false;
        }
    }

    /** The button with exactly this visible text (inside the given container). */
    static WebElement button(Browser browser, By container, String label) {
        browser.waitUntil(d -> fresh(() -> d.findElements(container).stream()
                .flatMap(c -> c.findElements(By.tagName("button")).stream())
                .anyMatch(b -> b.isDisplayed() && b.isEnabled() && b.getText().trim().equals(label))));
        return browser.driver.findElements(container).stream()
                .flatMap(c -> c.findElements(By.tagName("button")).stream())
                .filter(b -> b.isDisplayed() && b.isEnabled() && b.getText().trim().equals(label)).findFirst().orElseThrow();
    }

    /** The data-focus name (or id) of the focused element. */
    static String focused(Browser browser) {
        return (String) ((JavascriptExecutor) browser.driver).executeScript(
                "const a = document.activeElement; return a.dataset.focus || a.id || a.tagName;");
    }

    /** Scrolls the element to the middle of the window and saves a screenshot of the page there. */
    static void shot(Browser browser, By by, String name) {
        ((JavascriptExecutor) browser.driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", browser.waitFor(by));
        browser.screenshot(name);
    }

    static void assertAccessible(Browser browser, String where) {
        List<String> violations = browser.accessibilityViolations();
        assertEquals(List.of(), violations, "axe on " + where);
    }
}
