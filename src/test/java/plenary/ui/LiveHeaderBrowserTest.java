package plenary.ui;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static plenary.ui.RoomBrowsing.eventually;
import static plenary.ui.RoomBrowsing.shot;

/**
 * The title block (Status, Revision) and the sidebar's entry for the open document (status,
 * number of clauses) follow the document on every screen, for every role: while an observer
 * reads, a rapporteur edits live, adds a paragraph and changes its kind (and back), and the chair opens tabling (which makes
 * the draft a text under negotiation). Both screens follow without a reload.
 */
@Tag("browser")
@ResourceLock(BrowserLock.NAME)
class LiveHeaderBrowserTest {
    private static final By REVISION = By.cssSelector(".title-block__facts [data-fact='revision']");
    private static final By STATUS = By.cssSelector(".title-block__facts [data-fact='status']");

    private static DemoServer demo;
    private static Browser rapporteur;
    private static Browser observer;
    private static String documentId;

    @BeforeAll
    static void start() throws Exception {
        demo = DemoServer.shared();
        rapporteur = demo.signedIn("rapporteur");
        observer = demo.signedIn("observer");
        documentId = demo.rest.sampleDocument("observer");
    }

    @AfterAll
    static void stop() throws Exception {
        demo.close();
    }

    private static JsonNode serverDocument() {
        return demo.rest.get("observer", "/api/documents/" + documentId);
    }

    /** Both screens' title block shows this revision and status, and the sidebar this status and count. */
    private static void bothShow(long revision, String status, int clauses) {
        By sidebar = By.cssSelector(".doc-list__link[data-document-id='" + documentId + "'] .doc-list__meta");
        for (Browser b : List.of(rapporteur, observer)) {
            eventually(b, d -> d.findElement(REVISION).getText().equals(String.valueOf(revision))
                    && d.findElement(STATUS).getText().equals(status));
            eventually(b, d -> {
                String meta = d.findElement(sidebar).getText();
                return meta.contains(status) && meta.endsWith(clauses + " clauses");
            });
        }
    }

    private static String kindOnServer(String clauseId) {
        for (JsonNode c : serverDocument().get("clauses")) {
            if (c.path("id").asText().equals(clauseId)) {
                return c.path("kind").asText();
            }
        }
        throw new AssertionError("no clause " + clauseId);
    }

    private static boolean sameLoad(Browser b) {
        return Boolean.TRUE.equals(((JavascriptExecutor) b.driver).executeScript("return window.__sameLoad === true;"));
    }

    @Test
    void statusRevisionAndClauseCountFollowTheLiveDocumentOnEveryScreen() {
        for (Browser b : List.of(rapporteur, observer)) {
            ((JavascriptExecutor) b.driver).executeScript("window.__sameLoad = true;");
        }
        JsonNode before = serverDocument();
        int clauses = before.get("clauses").size();
        bothShow(before.get("revision").asLong(), "Drafting", clauses);

        // The rapporteur types into paragraph 2.
        String second = demo.rest.operative("rapporteur", documentId, "2").get("id").asText();
        rapporteur.waitFor(By.cssSelector(".live-toggle")).click();
        WebElement text = rapporteur.waitFor(By.id("live-text-" + second));
        text.click();
        text.sendKeys(Keys.chord(Keys.CONTROL, Keys.END), " LIVE");
        rapporteur.waitUntil(d -> demo.rest.operative("observer", documentId, "2").get("text").asText().endsWith(" LIVE"));
        long typed = serverDocument().get("revision").asLong();
        assertTrue(typed > before.get("revision").asLong(), "the edits moved the revision: " + typed);
        bothShow(typed, "Drafting", clauses);

        // A new paragraph after paragraph 3: one clause more in the sidebar.
        String third = demo.rest.operative("rapporteur", documentId, "3").get("id").asText();
        rapporteur.waitFor(By.cssSelector(".live-clause[data-clause-id='" + third + "'] [data-action='insert']")).click();
        rapporteur.driver.switchTo().activeElement().sendKeys("Invites regions to join.");
        rapporteur.waitUntil(d -> demo.rest.operative("observer", documentId, "4").get("text").asText()
                .equals("Invites regions to join."));
        JsonNode inserted = serverDocument();
        assertEquals(clauses + 1, inserted.get("clauses").size());
        bothShow(inserted.get("revision").asLong(), "Drafting", clauses + 1);

        // Its kind: a button names it, and asking for it puts a select there; no paragraph carries a
        // select of its own (each form control costs every keystroke in Chromium, see render-live-clause.js).
        String added = demo.rest.operative("observer", documentId, "4").get("id").asText();
        By kindButton = By.cssSelector(".live-clause[data-clause-id='" + added + "'] [data-action='choose-kind']");
        By kindSelect = By.id("live-kind-" + added);
        assertEquals(0L, ((JavascriptExecutor) rapporteur.driver).executeScript(
                "return document.querySelectorAll('.clauses--live select').length;"), "selects in the live view");
        assertEquals("Kind: Operative", rapporteur.waitFor(kindButton).getText());
        rapporteur.driver.findElement(kindButton).click();
        assertEquals(rapporteur.waitFor(kindSelect), rapporteur.driver.switchTo().activeElement(), "the select has the focus");
        new Select(rapporteur.driver.findElement(kindSelect)).selectByValue("sub-paragraph");
        rapporteur.waitUntil(d -> kindOnServer(added).equals("sub-paragraph"));
        rapporteur.driver.findElement(By.id("live-text-" + added)).click(); // the focus leaves: the button is back
        rapporteur.waitUntil(d -> d.findElements(kindSelect).isEmpty()
                && d.findElement(kindButton).getText().equals("Kind: Sub-paragraph"));
        // And back, with the keyboard: Enter on the button, then Escape once chosen.
        rapporteur.driver.findElement(kindButton).sendKeys(Keys.ENTER);
        new Select(rapporteur.waitFor(kindSelect)).selectByValue("operative");
        rapporteur.waitUntil(d -> kindOnServer(added).equals("operative"));
        rapporteur.driver.findElement(kindSelect).sendKeys(Keys.ESCAPE);
        rapporteur.waitUntil(d -> d.findElements(kindSelect).isEmpty()
                && d.findElement(kindButton).equals(d.switchTo().activeElement()));
        assertEquals("Kind: Operative", rapporteur.driver.findElement(kindButton).getText());
        assertEquals(added, demo.rest.operative("observer", documentId, "4").get("id").asText(), "operative 4 again");

        // The chair opens tabling: the draft is now under negotiation, on every screen.
        demo.rest.openTabling(documentId);
        JsonNode negotiating = serverDocument();
        assertEquals("negotiating", negotiating.get("status").asText());
        bothShow(negotiating.get("revision").asLong(), "Negotiating", clauses + 1);
        // Back to reading: the read view, idle while live editing showed the document, shows what
        // was typed and added meanwhile.
        rapporteur.driver.findElement(By.cssSelector(".live-toggle")).click();
        rapporteur.waitUntil(d -> d.findElement(By.cssSelector("#clause-" + second + " .clause__text")).getText().endsWith(" LIVE")
                && d.findElement(By.cssSelector("#clause-" + added + " .clause__text")).getText().equals("Invites regions to join."));
        shot(observer, By.cssSelector(".title-block"), "live-header-observer");
        shot(rapporteur, By.cssSelector(".doc-list__link[data-document-id='" + documentId + "']"), "live-header-sidebar");
        for (Browser b : List.of(rapporteur, observer)) {
            assertTrue(sameLoad(b), "followed without reloading the page");
        }
    }
}
