package plenary.ui;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two people in two real browsers type into the same paragraph at once, at its two ends: both
 * screens end with the same text holding both edits, and so does the server. And someone typing
 * in one paragraph changes the DOM of that paragraph only, in the live, read and compilation views
 * of everyone else (counted with a MutationObserver in each page), and the typist's own side panel
 * and the chair's console follow the text without putting their forms back into the page.
 */
@Tag("browser")
@ResourceLock(BrowserLock.NAME)
class LiveConvergenceBrowserTest {
    private static DemoServer demo;
    private static Browser chair;
    private static Browser rapporteur;
    /**
     * Installed in a page: records, for every DOM change under the view's container, the paragraph
     * it belongs to (the changed node's, or that of the nodes it added or removed), or what else.
     */
    private static final String OBSERVE = """
            const root = document.querySelector(arguments[0]);
            const clauseOf = (node) => {
              const el = node.nodeType === 1 ? node : node.parentElement;
              return el?.closest('[data-clause-id]')?.dataset.clauseId
                ?? el?.querySelector?.('[data-clause-id]')?.dataset.clauseId ?? null;
            };
            window.__changes = [];
            window.__observer?.disconnect();
            window.__observer = new MutationObserver((records) => {
              for (const r of records) {
                const inClause = r.target !== root ? clauseOf(r.target) : null;
                const nodes = [...r.addedNodes, ...r.removedNodes];
                const ids = inClause ? [inClause] : nodes.map(clauseOf);
                if (ids.length === 0) ids.push(null);
                for (const id of ids) {
                  window.__changes.push(id ?? ('outside: ' + r.type + ' ' + (r.attributeName ?? '') + ' on '
                    + (r.target.className || r.target.nodeName)));
                }
              }
            });
            window.__observer.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
            """;

    /** Installed in a page: counts the form controls put into the element named by arguments[0]. */
    private static final String CONTROLS_ADDED = """
            window.__controlsAdded = 0;
            window.__controls = new MutationObserver((records) => {
              for (const r of records) for (const n of r.addedNodes) {
                if (n.nodeType !== 1) continue;
                window.__controlsAdded += (n.matches('input, select, textarea') ? 1 : 0)
                  + n.querySelectorAll('input, select, textarea').length;
              }
            });
            window.__controls.observe(document.querySelector(arguments[0]), { subtree: true, childList: true });
            """;

    @BeforeAll
    static void start() throws Exception {
        demo = DemoServer.shared();
        chair = demo.signedIn("chair");
        rapporteur = demo.signedIn("rapporteur");
    }

    @AfterAll
    static void stop() throws Exception {
        demo.close();
    }

    @Test
    void twoSessionsTypingInOneParagraphConverge() {
        String documentUrl = chair.driver.getCurrentUrl();
        rapporteur.go(documentUrl);
        rapporteur.waitFor(By.cssSelector("article.document h1"));
        WebElement first = chair.driver.findElements(By.cssSelector(".clause--operative")).getFirst();
        String clauseId = first.getAttribute("data-clause-id");
        By text = By.id("live-text-" + clauseId);
        for (Browser b : List.of(chair, rapporteur)) {
            editLive(b);
            b.waitFor(text);
        }
        WebElement chairText = chair.driver.findElement(text);
        WebElement rapporteurText = rapporteur.driver.findElement(text);
        String before = chairText.getAttribute("value");

        chairText.click();
        // Ctrl+End and Ctrl+Home: the ends of the text, not of the wrapped line the caret is on.
        chairText.sendKeys(Keys.chord(Keys.CONTROL, Keys.END), " ALPHA");
        rapporteurText.click();
        rapporteurText.sendKeys(Keys.chord(Keys.CONTROL, Keys.HOME), "BETA ");
        chairText.sendKeys(" GAMMA");

        for (Browser b : List.of(chair, rapporteur)) {
            b.waitUntil(d -> {
                String v = d.findElement(text).getAttribute("value");
                return v.contains("ALPHA") && v.contains("BETA") && v.contains("GAMMA");
            });
        }
        chair.waitUntil(d -> d.findElement(text).getAttribute("value")
                .equals(rapporteur.driver.findElement(text).getAttribute("value")));
        String converged = chairText.getAttribute("value");
        assertTrue(converged.startsWith("BETA "), converged);
        assertTrue(converged.endsWith(" ALPHA GAMMA"), converged);
        assertEquals("BETA " + before + " ALPHA GAMMA", converged, "both edits, neither lost nor doubled");
        chair.screenshot("live-two-sessions-chair");
        rapporteur.screenshot("live-two-sessions-rapporteur");
    }

    @Test
    void aRemoteKeystrokeChangesTheDomOfItsParagraphOnly() throws Exception {
        String documentUrl = chair.driver.getCurrentUrl().replaceAll("/(compilation|chair|projector)$", "");
        Browser delegate = demo.signedIn("graz");
        Browser observer = demo.signedIn("observer");
        observer.go(documentUrl + "/compilation");
        observer.waitFor(By.cssSelector(".compilation__clauses .clause"));
        for (Browser b : List.of(chair, rapporteur)) {
            b.go(documentUrl);
            b.waitFor(By.cssSelector("article.document h1"));
            editLive(b);
            b.waitFor(By.cssSelector(".live-clause"));
        }
        List<WebElement> operative = rapporteur.driver.findElements(By.cssSelector(".live-clause.clause--operative"));
        String clauseId = operative.get(1).getAttribute("data-clause-id");
        assertTrue(rapporteur.driver.findElements(By.cssSelector(".live-clause")).size() > 5, "a document of several paragraphs");
        WebElement typed = rapporteur.driver.findElement(By.id("live-text-" + clauseId));
        typed.click();
        typed.sendKeys(Keys.chord(Keys.CONTROL, Keys.END), " warm");
        awaitEverywhere(clauseId, "warm", delegate, observer);

        // Whoever else was somewhere has been shown there before "warm" (frames come in order), so
        // from here on the only change anyone makes is the keystrokes below.
        Map<Browser, String> views = Map.of(chair, ".clauses--live", delegate, ".clauses--room",
                observer, ".compilation__clauses");
        views.forEach((b, container) -> ((JavascriptExecutor) b.driver).executeScript(OBSERVE, container));
        // The typist's own side panel shows the paragraph being typed: it follows the text without
        // putting its forms back into the page (each form control put into a page makes Chromium's
        // autofill read all of the page's again, some 40 ms a keystroke on a long document).
        rapporteur.waitUntil(d -> d.findElement(By.cssSelector("#room-panel .clause-panel__text")).getText().contains("warm"));
        assertTrue(!rapporteur.driver.findElements(By.cssSelector("#room-panel textarea, #room-panel select")).isEmpty(),
                "the panel has forms to keep");
        ((JavascriptExecutor) rapporteur.driver).executeScript(CONTROLS_ADDED, "#room-panel");
        typed.sendKeys("QRS");
        awaitEverywhere(clauseId, "warmQRS", delegate, observer);
        rapporteur.waitUntil(d -> d.findElement(By.cssSelector("#room-panel .clause-panel__text")).getText().contains("warmQRS"));
        assertEquals(0L, ((JavascriptExecutor) rapporteur.driver).executeScript(
                "window.__controls.disconnect(); return window.__controlsAdded;"),
                "form controls put into the typist's side panel while typing three keystrokes");

        Map<String, List<String>> elsewhere = new java.util.TreeMap<>();
        Map<String, Integer> inParagraph = new java.util.TreeMap<>();
        views.forEach((b, container) -> {
            @SuppressWarnings("unchecked")
            List<String> changes = (List<String>) ((JavascriptExecutor) b.driver)
                    .executeScript("window.__observer.disconnect(); return window.__changes;");
            elsewhere.put(container, changes.stream().filter(id -> !id.equals(clauseId)).toList());
            inParagraph.put(container, (int) changes.stream().filter(clauseId::equals).count());
        });
        assertEquals(Map.of(".clauses--live", List.of(), ".clauses--room", List.of(), ".compilation__clauses", List.of()),
                elsewhere, "DOM changes outside paragraph " + clauseId + " for three keystrokes in it, by view");
        // The read and compilation views rebuilt the paragraph (a textarea's new value is no DOM change).
        assertTrue(inParagraph.get(".clauses--room") > 0 && inParagraph.get(".compilation__clauses") > 0,
                inParagraph::toString);

        // Presence: the rapporteur moves to the next paragraph. The reader sees them there and no
        // longer in the one they left; nothing else of the read view changes.
        String next = operative.get(2).getAttribute("data-clause-id");
        delegate.waitUntil(d -> !d.findElements(By.cssSelector("#clause-" + clauseId + " .room-clause__people")).isEmpty());
        ((JavascriptExecutor) delegate.driver).executeScript(OBSERVE, ".clauses--room");
        rapporteur.driver.findElement(By.id("live-text-" + next)).click();
        delegate.waitUntil(d -> d.findElements(By.cssSelector("#clause-" + clauseId + " .room-clause__people")).isEmpty()
                && d.findElement(By.cssSelector("#clause-" + next + " .room-clause__meta")).getText().contains("Also here"));
        @SuppressWarnings("unchecked")
        List<String> moved = (List<String>) ((JavascriptExecutor) delegate.driver)
                .executeScript("window.__observer.disconnect(); return window.__changes;");
        assertEquals(java.util.Set.of(clauseId, next), new java.util.TreeSet<>(moved),
                "the read view changed the two paragraphs and nothing else: " + moved);

        // The chair's console lists every paragraph with the start of its text and a select for its
        // status: a keystroke changes that start in place and puts no select back into the page.
        chair.go(documentUrl + "/chair");
        By row = By.cssSelector(".chair-statuses tr[data-clause-id='" + next + "'] .chair-excerpt");
        chair.waitFor(row);
        ((JavascriptExecutor) chair.driver).executeScript(CONTROLS_ADDED, ".chair-console");
        rapporteur.driver.findElement(By.id("live-text-" + next)).sendKeys(Keys.chord(Keys.CONTROL, Keys.HOME), "Zed ");
        chair.waitUntil(d -> d.findElement(row).getText().startsWith("Zed "));
        assertEquals(0L, ((JavascriptExecutor) chair.driver).executeScript(
                "window.__controls.disconnect(); return window.__controlsAdded;"),
                "form controls put into the chair's console by four keystrokes in a paragraph");
        chair.go(documentUrl); // where the other test of this class expects the chair
    }

    /** Turns on live editing in the text view, unless it is on already. */
    private static void editLive(Browser b) {
        WebElement toggle = b.waitFor(By.cssSelector(".live-toggle"));
        if (!"true".equals(toggle.getAttribute("aria-pressed"))) {
            toggle.click();
        }
    }

    /** Waits until the paragraph's text shows {@code fragment} in the live, read and compilation views. */
    private static void awaitEverywhere(String clauseId, String fragment, Browser reader, Browser compilation) {
        chair.waitUntil(d -> d.findElement(By.id("live-text-" + clauseId)).getAttribute("value").contains(fragment));
        reader.waitUntil(d -> d.findElement(By.cssSelector("#clause-" + clauseId + " .clause__text")).getText()
                .contains(fragment));
        compilation.waitUntil(d -> d.findElement(By.cssSelector(".compilation__clauses [data-clause-id='" + clauseId
                + "'] .clause__text")).getText().contains(fragment));
    }
}
