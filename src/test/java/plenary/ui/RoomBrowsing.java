package plenary.ui;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Browser steps in the drafting room shared by the browser tests (Browser.java stays as it is).
 * The room rebuilds clauses, the panel and the console as the negotiation moves, so an element
 * found a moment ago may be gone: the waits here take a stale element for "not yet".
 */
final class RoomBrowsing {
    private RoomBrowsing() {
    }

    /** Signs in as a demo account and waits for the room of the sample document (the first one, where #/ leads). */
    static void signIn(Browser browser, String base, String username) {
        browser.signIn(base, username, DemoRest.PASSWORD);
        browser.waitFor(By.cssSelector("article.document h1"));
        browser.waitUntil(d -> d.getCurrentUrl().contains("#/documents/"));
    }

    /** Opens the document's text view and waits until the live clauses are there. */
    static void openDocument(Browser browser, String base, String documentId) {
        browser.go(base + "#/documents/" + documentId);
        browser.waitFor(By.cssSelector(".clauses--room .room-clause__open"));
    }

    /** Clicks the clause's panel button and waits for the panel to name it. */
    static WebElement openPanel(Browser browser, String clauseId, String heading) {
        browser.waitFor(By.cssSelector("#clause-" + clauseId + " .room-clause__open")).click();
        browser.waitUntil(d -> d.findElement(By.cssSelector(".clause-panel__heading")).getText().equals(heading));
        return browser.driver.findElement(By.id("room-panel"));
    }

    /** Selects the first occurrence of words in the clause's rendered text, as a mouse drag would. */
    static void selectWords(Browser browser, String clauseId, String words) {
        Object found = ((JavascriptExecutor) browser.driver).executeScript("""
                const el = document.querySelector('#clause-' + arguments[0] + ' .clause__text');
                const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
                for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                  const at = n.data.indexOf(arguments[1]);
                  if (at >= 0) {
                    const range = document.createRange();
                    range.setStart(n, at);
                    range.setEnd(n, at + arguments[1].length);
                    const selection = document.getSelection();
                    selection.removeAllRanges();
                    selection.addRange(range);
                    el.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
                    return true;
                  }
                }
                return false;""", clauseId, words);
        if (!Boolean.TRUE.equals(found)) {
            throw new AssertionError("no \"" + words + "\" in the text of clause " + clauseId);
        }
    }

    /** The card of the amendment in the panel. */
    static WebElement card(Browser browser, String amendmentId) {
        return browser.waitFor(By.cssSelector("#room-panel [data-amendment-id='" + amendmentId + "']"));
    }

    /** The textContent of part of an amendment's card in the panel, e.g. its ".state". */
    static String cardText(Browser browser, String amendmentId, String css) {
        return textContent(browser, "#room-panel [data-amendment-id='" + amendmentId + "'] " + css);
    }

    /** The textContent (visually hidden cues included) of the first element matching css, or "", read in one script so it cannot go stale. */
    static String textContent(Browser browser, String css) {
        return String.valueOf(((JavascriptExecutor) browser.driver).executeScript(
                "return document.querySelector(arguments[0])?.textContent ?? '';", css));
    }

    /** The visible text of the element, once visible. */
    static String text(Browser browser, By by) {
        return browser.waitFor(by).getText();
    }

    /** Waits until a displayed element matching by has text containing the fragment. */
    static void waitForText(Browser browser, By by, String fragment) {
        eventually(browser, d -> d.findElements(by).stream().anyMatch(e -> e.isDisplayed() && e.getText().contains(fragment)));
    }

    /** Browser.waitUntil, where an element gone stale (rebuilt meanwhile) means "not yet". */
    static void eventually(Browser browser, Function<WebDriver, Boolean> condition) {
        browser.waitUntil(d -> {
            try {
                return condition.apply(d);
            } catch (StaleElementReferenceException e) {
                return false;
            }
        });
    }

    /** The displayed, enabled button with exactly this visible text inside the container, once there. */
    static WebElement button(Browser browser, By container, String label) {
        WebElement[] found = new WebElement[1];
        eventually(browser, d -> (found[0] = d.findElements(container).stream()
                .flatMap(c -> c.findElements(By.tagName("button")).stream())
                .filter(b -> b.isDisplayed() && b.isEnabled() && b.getText().trim().equals(label))
                .findFirst().orElse(null)) != null);
        return found[0];
    }

    /** The data-focus name (or id, or tag) of the focused element. */
    static String focused(Browser browser) {
        return (String) ((JavascriptExecutor) browser.driver).executeScript(
                "const a = document.activeElement; return a.dataset.focus || a.id || a.tagName;");
    }

    /** Scrolls the element to the middle of the window and saves a screenshot of the page there. */
    static void shot(Browser browser, WebElement element, String name) {
        ((JavascriptExecutor) browser.driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        browser.screenshot(name);
    }

    static void shot(Browser browser, By by, String name) {
        shot(browser, browser.waitFor(by), name);
    }

    /** axe-core finds no WCAG 2.x A/AA violation on the page as it is now. */
    static void assertAccessible(Browser browser, String where) {
        assertEquals(List.of(), browser.accessibilityViolations(), "axe on " + where);
    }
}
