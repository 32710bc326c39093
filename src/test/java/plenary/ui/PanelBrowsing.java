package plenary.ui;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

import java.nio.file.Path;

/** Browser steps shared by the clause panel's tests (Browser.java stays as it is). */
final class PanelBrowsing {
    private PanelBrowsing() {
    }

    static Browser signedIn(Path profile, String base, String username) {
        Browser browser = Browser.open(profile);
        browser.signIn(base, username, PanelRest.PASSWORD);
        browser.waitFor(By.cssSelector("article.document h1"));
        return browser;
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

    /** Selects the first occurrence of word in the clause's rendered text, as a mouse drag would. */
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

    /**
     * The text (textContent, visually hidden cues included) of the first element matching css, or "" (read in one script: the room
     * rebuilds clauses and the panel as the negotiation moves, which would make a found element stale).
     */
    static String text(Browser browser, String css) {
        Object text = ((JavascriptExecutor) browser.driver).executeScript(
                "return document.querySelector(arguments[0])?.textContent ?? '';", css);
        return String.valueOf(text);
    }

    /** Browser.waitUntil, where an element gone stale (the panel was rebuilt meanwhile) means "not yet". */
    static void eventually(Browser browser, java.util.function.Function<org.openqa.selenium.WebDriver, Boolean> condition) {
        browser.waitUntil(d -> {
            try {
                return condition.apply(d);
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                return false;
            }
        });
    }

    /** The text of part of an amendment's card in the panel, e.g. its ".state". */
    static String cardText(Browser browser, String amendmentId, String css) {
        return text(browser, "#room-panel [data-amendment-id='" + amendmentId + "'] " + css);
    }
}
