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
import static plenary.ui.RoomBrowsing.assertAccessible;
import static plenary.ui.RoomBrowsing.button;
import static plenary.ui.RoomBrowsing.card;
import static plenary.ui.RoomBrowsing.cardText;
import static plenary.ui.RoomBrowsing.eventually;
import static plenary.ui.RoomBrowsing.focused;
import static plenary.ui.RoomBrowsing.openDocument;
import static plenary.ui.RoomBrowsing.openPanel;
import static plenary.ui.RoomBrowsing.textContent;

/**
 * The panel's structural proposals, made by a delegate through the page: a new paragraph after
 * paragraph 2 (after its sub-paragraphs, not between 2 and its (a)), a deletion saved as a draft
 * and tabled from its card, a move to the top of the operative part, and an edited copy that is
 * withdrawn. The rapporteur accepts the first three in the panel, and an observer's read view
 * renumbers live, without a reload. Tabling is opened through REST, not the point here.
 */
@Tag("browser")
@ResourceLock(BrowserLock.NAME)
class StructuralAmendmentsBrowserTest {
    private static final String NEW_TEXT = "*Welcomes* the first human rights city budgets published by local governments;";

    private static DemoServer demo;
    private static Browser graz;
    private static Browser rapporteur;
    private static Browser observer;

    @BeforeAll
    static void start() throws Exception {
        demo = DemoServer.shared();
        graz = demo.signedIn("graz");
        rapporteur = demo.signedIn("rapporteur");
        observer = demo.signedIn("observer");
    }

    @AfterAll
    static void stop() throws Exception {
        demo.close();
    }

    @Test
    void aDelegateInsertsDeletesMovesAndCopiesAndTheObserverSeesTheTextRenumberLive() {
        DemoRest rest = demo.rest;
        String documentId = rest.sampleDocument("chair");
        String op1 = rest.operative("chair", documentId, "1").get("id").asText();
        String op2 = rest.operative("chair", documentId, "2").get("id").asText();
        String op3 = rest.operative("chair", documentId, "3").get("id").asText();
        String op4 = rest.operative("chair", documentId, "4").get("id").asText();
        String op5 = rest.operative("chair", documentId, "5").get("id").asText();
        JsonNode p6 = rest.operative("chair", documentId, "6");
        String op6 = p6.get("id").asText();
        JsonNode clauses = rest.get("chair", "/api/documents/" + documentId).get("clauses");
        String heading = null;
        for (int i = 0; i < clauses.size(); i++) {
            if (clauses.get(i + 1).get("id").asText().equals(op1)) {
                heading = clauses.get(i).get("id").asText();
                break;
            }
        }
        assertEquals("heading", kindOf(clauses, heading), "the operative part opens with a heading");
        rest.openTabling(documentId);
        for (Browser b : List.of(graz, rapporteur, observer)) {
            openDocument(b, demo.base, documentId);
            ((JavascriptExecutor) b.driver).executeScript("window.__stayedOpen = true;");
        }

        // Insert: the form says where the paragraph goes, and the proposal lands after 2's sub-paragraphs.
        openPanel(graz, op2, "Paragraph 2");
        button(graz, By.id("room-panel"), "Insert a paragraph after").click();
        WebElement insertForm = graz.waitFor(By.cssSelector("#room-panel form[data-form-key=insert]"));
        assertEquals("clauseKind", focusedName(graz), "opening the form focuses its first field");
        assertTrue(insertForm.getText().contains("The new paragraph will follow paragraph 2 and its sub-paragraphs."), insertForm.getText());
        assertAccessible(graz, "the insertion form");
        insertForm.findElement(By.name("text")).sendKeys(NEW_TEXT);
        RoomBrowsing.shot(graz, insertForm, "structural-insert-form");
        insertForm.findElement(By.cssSelector("button[value=table]")).click();
        String insertId = newCard(graz, "insert");
        eventually(graz, d -> focused(graz).equals("amendment-" + insertId + "-heading"));
        JsonNode inserted = rest.amendment("graz", documentId, insertId);
        assertEquals("tabled", inserted.get("state").asText());
        assertEquals("operative", inserted.get("clauseKind").asText());
        String lastSub = lastSubParagraphOf(clauses, op2);
        assertEquals(lastSub, inserted.get("clauseId").asText(), "anchored after sub-paragraph (d), not between 2 and (a)");
        assertTrue(cardText(graz, insertId, ".amendment-card__facts").contains("Goes aftersub-paragraph (d)"));

        // Delete: a rationale is required; saved as a draft, then tabled from its card.
        openPanel(graz, op4, "Paragraph 4");
        button(graz, By.id("room-panel"), "Delete").click();
        WebElement deleteForm = graz.waitFor(By.cssSelector("#room-panel form[data-form-key=delete]"));
        assertAccessible(graz, "the deletion form");
        deleteForm.findElement(By.cssSelector("button[value=draft]")).click();
        eventually(graz, d -> textContent(graz, "#room-panel form[data-form-key=delete] .panel-note").equals("Give a rationale."));
        assertEquals("rationale", focusedName(graz));
        graz.driver.switchTo().activeElement().sendKeys("Paragraph 3 already covers the furthest behind.");
        RoomBrowsing.shot(graz, deleteForm, "structural-delete-form");
        deleteForm.findElement(By.cssSelector("button[value=draft]")).click();
        String deleteId = newCard(graz, "draft");
        assertEquals("Draft (seen only by your delegation)", cardText(graz, deleteId, ".state"));
        assertEquals("draft", rest.amendment("graz", documentId, deleteId).get("state").asText());
        card(graz, deleteId).findElement(By.cssSelector("[data-action=table]")).click();
        eventually(graz, d -> cardText(graz, deleteId, ".state").equals("Tabled"));
        assertEquals("tabled", rest.amendment("graz", documentId, deleteId).get("state").asText());
        assertEquals("delete", rest.amendment("graz", documentId, deleteId).get("kind").asText());
        RoomBrowsing.shot(graz, card(graz, deleteId), "structural-delete-tabled");

        // Move: paragraph 6 to the top of the operative part, after its heading, named by its words.
        openPanel(graz, op6, "Paragraph 6");
        button(graz, By.id("room-panel"), "Move").click();
        WebElement moveForm = graz.waitFor(By.cssSelector("#room-panel form[data-form-key=move]"));
        assertAccessible(graz, "the move form");
        Select where = new Select(moveForm.findElement(By.name("after")));
        where.selectByValue(heading);
        assertTrue(where.getFirstSelectedOption().getText().endsWith(": Commitments of local and regional governments"),
                where.getFirstSelectedOption().getText());
        RoomBrowsing.shot(graz, moveForm, "structural-move-form");
        moveForm.findElement(By.cssSelector("button[value=table]")).click();
        String moveId = newCard(graz, "move");
        JsonNode move = rest.amendment("graz", documentId, moveId);
        assertEquals(heading, move.get("after").asText());
        assertEquals("tabled", move.get("state").asText());

        // Edit a copy: the whole text, prefilled; tabled, then withdrawn.
        openPanel(graz, op3, "Paragraph 3");
        button(graz, By.id("room-panel"), "Edit a copy").click();
        WebElement copyForm = graz.waitFor(By.cssSelector("#room-panel form[data-form-key=copy]"));
        WebElement copy = copyForm.findElement(By.name("text"));
        String op3Text = rest.operative("chair", documentId, "3").get("text").asText();
        assertEquals(op3Text, copy.getAttribute("value"));
        assertAccessible(graz, "the copy form");
        assertTrue(op3Text.endsWith(";"), op3Text);
        copy.sendKeys(Keys.chord(Keys.CONTROL, Keys.END), Keys.BACK_SPACE, " in every municipality;");
        copyForm.findElement(By.cssSelector("button[value=table]")).click();
        String copyId = newCard(graz, "modify");
        assertEquals(op3Text.substring(0, op3Text.length() - 1) + " in every municipality;", rest.amendment("graz", documentId, copyId).get("text").asText());
        assertEquals("inserted: in every municipality end of change", cardText(graz, copyId, ".word-diff ins").replaceAll("\\s+", " ").strip());
        card(graz, copyId).findElement(By.cssSelector("[data-action=withdraw]")).click();
        eventually(graz, d -> "withdrawn".equals(rest.amendment("graz", documentId, copyId).get("state").asText()));
        eventually(graz, d -> textContent(graz, "#room-panel .clause-panel__decided summary").equals("Decided amendments (1)"));
        graz.screenshot("structural-copy-withdrawn");

        // The rapporteur accepts the insertion, from paragraph 2's panel; the observer sees paragraph 3 appear.
        openPanel(rapporteur, op2, "Paragraph 2");
        assertAccessible(rapporteur, "the rapporteur's panel with an insertion");
        card(rapporteur, insertId).findElement(By.cssSelector("[data-action=accept]")).click();
        eventually(observer, d -> !findClauseByText(observer, "first human rights city budgets").isEmpty());
        String newId = findClauseByText(observer, "first human rights city budgets");
        assertEquals("3.", number(observer, newId));
        assertEquals(lastSub, previousClause(observer, newId), "after paragraph 2's last sub-paragraph");
        assertEquals("4.", number(observer, op3));
        assertEquals("5.", number(observer, op4));
        RoomBrowsing.shot(observer, By.id("clause-" + newId), "structural-observer-inserted");

        // The deletion: paragraph 4 (5 now) vanishes and what followed moves up.
        openPanel(rapporteur, op4, "Paragraph 5");
        card(rapporteur, deleteId).findElement(By.cssSelector("[data-action=accept]")).click();
        eventually(observer, d -> d.findElements(By.id("clause-" + op4)).isEmpty());
        eventually(observer, d -> number(observer, op5).equals("5."));
        assertEquals("6.", number(observer, op6));
        RoomBrowsing.shot(observer, By.id("clause-" + op5), "structural-observer-deleted");

        // The move: paragraph 6 becomes paragraph 1, right under the heading.
        openPanel(rapporteur, op6, "Paragraph 6");
        card(rapporteur, moveId).findElement(By.cssSelector("[data-action=accept]")).click();
        eventually(observer, d -> number(observer, op6).equals("1."));
        assertEquals(heading, previousClause(observer, op6));
        assertEquals("2.", number(observer, op1));
        assertEquals("4.", number(observer, newId));
        assertEquals(p6.get("text").asText().replace("*", "").substring(0, 30),
                textContent(observer, "#clause-" + op6 + " .clause__text").substring(0, 30));
        assertEquals(Boolean.TRUE, ((JavascriptExecutor) observer.driver).executeScript("return window.__stayedOpen === true;"),
                "the observer's page was not reloaded");
        RoomBrowsing.shot(observer, By.id("clause-" + op6), "structural-observer-moved");
        rapporteur.screenshot("structural-rapporteur-accepted");

        for (String id : List.of(insertId, deleteId, moveId)) {
            assertEquals("accepted", rest.amendment("rapporteur", documentId, id).get("state").asText(), id);
        }
        assertEquals("withdrawn", rest.amendment("graz", documentId, copyId).get("state").asText());
    }

    /** The id of the newest card in the panel whose class or kind matches, once it is there (ids grow in time). */
    private static String newCard(Browser browser, String what) {
        String[] id = new String[1];
        eventually(browser, d -> (id[0] = (String) ((JavascriptExecutor) d).executeScript("""
                const cards = [...document.querySelectorAll('#room-panel .amendment-card')].filter((c) =>
                  c.classList.contains('amendment-card--' + arguments[0]) || c.dataset.kind === arguments[0]);
                return cards.length && !cards.at(-1).classList.contains('amendment-card--withdrawn') ? cards.at(-1).dataset.amendmentId : null;""",
                what)) != null);
        return id[0];
    }

    private static String focusedName(Browser browser) {
        return (String) ((JavascriptExecutor) browser.driver).executeScript("return document.activeElement.name ?? '';");
    }

    private static String number(Browser browser, String clauseId) {
        return textContent(browser, "#clause-" + clauseId + " .clause__number");
    }

    private static String findClauseByText(Browser browser, String words) {
        return String.valueOf(((JavascriptExecutor) browser.driver).executeScript("""
                const c = [...document.querySelectorAll('.clauses--room .clause')].find((e) => e.textContent.includes(arguments[0]));
                return c ? c.dataset.clauseId : '';""", words));
    }

    private static String previousClause(Browser browser, String clauseId) {
        return String.valueOf(((JavascriptExecutor) browser.driver).executeScript("""
                const all = [...document.querySelectorAll('.clauses--room .clause')];
                const i = all.findIndex((e) => e.dataset.clauseId === arguments[0]);
                return i > 0 ? all[i - 1].dataset.clauseId : '';""", clauseId));
    }

    private static String kindOf(JsonNode clauses, String id) {
        for (JsonNode c : clauses) {
            if (c.get("id").asText().equals(id)) return c.get("kind").asText();
        }
        return "";
    }

    private static String lastSubParagraphOf(JsonNode clauses, String id) {
        String last = id;
        boolean inBlock = false;
        for (JsonNode c : clauses) {
            if (c.get("id").asText().equals(id)) {
                inBlock = true;
            } else if (inBlock && c.get("kind").asText().equals("sub-paragraph")) {
                last = c.get("id").asText();
            } else if (inBlock) {
                break;
            }
        }
        return last;
    }
}
