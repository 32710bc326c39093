package plenary.ui;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static plenary.ui.RoomBrowsing.assertAccessible;
import static plenary.ui.RoomBrowsing.card;
import static plenary.ui.RoomBrowsing.cardText;
import static plenary.ui.RoomBrowsing.eventually;
import static plenary.ui.RoomBrowsing.openDocument;
import static plenary.ui.RoomBrowsing.openPanel;
import static plenary.ui.RoomBrowsing.textContent;

/**
 * The rapporteur's tools in the clause panel: rejecting an amendment needs a reason, and two
 * delegations changing the same words make a conflict group, shown side by side, that the
 * rapporteur settles with a compromise superseding both. Amendments are tabled through REST
 * (not the point here); the decisions are made through the page.
 */
@Tag("browser")
@ResourceLock(BrowserLock.NAME)
class RapporteurDecisionsBrowserTest {
    private static DemoServer demo;
    private static Browser rapporteur;

    @BeforeAll
    static void start() throws Exception {
        demo = DemoServer.shared();
        rapporteur = demo.signedIn("rapporteur");
    }

    @AfterAll
    static void stop() throws Exception {
        demo.close();
    }

    @Test
    void rejectsWithAReasonAndSettlesAConflictGroupWithACompromise() {
        DemoRest rest = demo.rest;
        String documentId = rest.sampleDocument("chair");
        JsonNode p1 = rest.operative("chair", documentId, "1");
        JsonNode p2 = rest.operative("chair", documentId, "2");
        String op1 = p1.get("id").asText();
        String op2 = p2.get("id").asText();
        String text1 = p1.get("text").asText();
        rest.openTabling(documentId);
        String rejectedId = rest.table("uclg", documentId, op2, p2.get("text").asText() + " (UCLG)", "A signature.").get("id").asText();
        String grazId = rest.table("graz", documentId, op1, text1.replaceFirst("binding", "enforceable"), "Testable.").get("id").asText();
        String gwangjuId = rest.table("gwangju", documentId, op1, text1.replaceFirst("binding", "mandatory"), "Stronger.").get("id").asText();
        openDocument(rapporteur, demo.base, documentId);

        // Reject: the reason is required, then the amendment is decided and shows why.
        openPanel(rapporteur, op2, "Paragraph 2");
        card(rapporteur, rejectedId).findElement(By.xpath(".//button[normalize-space()='Reject']")).click();
        WebElement reason = rapporteur.waitFor(By.cssSelector("#room-panel [data-amendment-id='" + rejectedId + "'] textarea[name=reason]"));
        assertEquals(reason, rapporteur.driver.switchTo().activeElement(), "opening the form focuses its field");
        card(rapporteur, rejectedId).findElement(By.xpath(".//button[normalize-space()='Reject the amendment']")).click();
        eventually(rapporteur, d -> card(rapporteur, rejectedId).findElement(By.cssSelector(".panel-note")).getText()
                .equals("Give a reason: the sponsor will read it."));
        rapporteur.screenshot("decisions-reject-needs-reason");
        rapporteur.driver.switchTo().activeElement().sendKeys("The signature belongs in the annex.");
        card(rapporteur, rejectedId).findElement(By.xpath(".//button[normalize-space()='Reject the amendment']")).click();
        eventually(rapporteur, d -> textContent(rapporteur, "#room-panel .clause-panel__decided summary")
                .equals("Decided amendments (1)"));
        rapporteur.driver.findElement(By.cssSelector("#room-panel .clause-panel__decided summary")).click();
        assertEquals("Rejected", cardText(rapporteur, rejectedId, ".state"));
        assertEquals("Reason for rejection: The signature belongs in the annex.", cardText(rapporteur, rejectedId, ".amendment-card__reason"));
        rapporteur.screenshot("decisions-rejected");

        // The conflict group: both proposals side by side, and a compromise superseding both.
        openPanel(rapporteur, op1, "Paragraph 1");
        By columns = By.cssSelector("#room-panel .conflict-group .side-by-side__column");
        eventually(rapporteur, d -> d.findElements(columns).size() == 2);
        // Read through one script: the panel may be rebuilt between two WebDriver calls.
        @SuppressWarnings("unchecked")
        List<String> sides = (List<String>) ((org.openqa.selenium.JavascriptExecutor) rapporteur.driver).executeScript(
                "return [...document.querySelectorAll('#room-panel .side-by-side__column')].map(c => c.textContent);");
        assertTrue(sides.get(0).startsWith("City of Graz") && sides.get(0).contains("inserted: enforceable end of change"), sides.get(0));
        assertTrue(sides.get(1).startsWith("Gwangju Metropolitan City") && sides.get(1).contains("inserted: mandatory end of change"), sides.get(1));
        assertAccessible(rapporteur, "the conflict group");
        rapporteur.driver.findElement(By.xpath("//*[@id='room-panel']//button[normalize-space()='Write a compromise']")).click();
        WebElement compromise = rapporteur.waitFor(By.cssSelector("#room-panel .compromise-form textarea[name=text]"));
        assertEquals(text1, compromise.getAttribute("value"), "prefilled with the clause as it is");
        List<WebElement> boxes = rapporteur.driver.findElements(By.cssSelector("#room-panel .compromise-form input[type=checkbox]"));
        assertEquals(2, boxes.size());
        assertTrue(boxes.stream().allMatch(WebElement::isSelected), "every amendment of the group ticked");
        String settled = text1.replaceFirst("binding", "enforceable and mandatory");
        compromise.clear();
        compromise.sendKeys(settled);
        rapporteur.screenshot("decisions-compromise-form");
        rapporteur.driver.findElement(By.cssSelector("#room-panel .compromise-form button[type=submit]")).click();

        String op1Css = "#clause-" + op1 + " .clause__text";
        eventually(rapporteur, d -> textContent(rapporteur, op1Css).contains("enforceable and mandatory commitments"));
        eventually(rapporteur, d -> d.findElements(By.cssSelector("#room-panel .conflict-group")).isEmpty());
        eventually(rapporteur, d -> textContent(rapporteur, "#room-panel .clause-panel__decided summary")
                .equals("Decided amendments (3)"));
        rapporteur.driver.findElement(By.cssSelector("#room-panel .clause-panel__decided summary")).click();
        assertEquals("Superseded", cardText(rapporteur, grazId, ".state"));
        assertEquals("Superseded", cardText(rapporteur, gwangjuId, ".state"));
        assertEquals(1, rapporteur.driver.findElements(By.cssSelector("#room-panel .amendment-card--accepted-with-changes")).size(),
                "the compromise itself");
        rapporteur.screenshot("decisions-compromise-merged");
        assertAccessible(rapporteur, "the panel after the compromise");
    }
}
