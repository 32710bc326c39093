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

import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static plenary.ui.RoomBrowsing.assertAccessible;
import static plenary.ui.RoomBrowsing.button;
import static plenary.ui.RoomBrowsing.card;
import static plenary.ui.RoomBrowsing.eventually;
import static plenary.ui.RoomBrowsing.openDocument;
import static plenary.ui.RoomBrowsing.openPanel;
import static plenary.ui.RoomBrowsing.textContent;

/**
 * Comment threads in the clause panel, through the page: a delegate comments with a stance, edits
 * the comment in place (and cancels another edit with Escape), a second delegation replies, the
 * thread's author resolves it, the second deletes its reply (a tombstone stays), and a comment on
 * an amendment. The amendment is tabled through REST, not the point here.
 */
@Tag("browser")
@ResourceLock(BrowserLock.NAME)
class CommentsBrowserTest {
    private static DemoServer demo;
    private static Browser gwangju;
    private static Browser uclg;

    @BeforeAll
    static void start() throws Exception {
        demo = DemoServer.shared();
        gwangju = demo.signedIn("gwangju");
        uclg = demo.signedIn("uclg");
    }

    @AfterAll
    static void stop() throws Exception {
        demo.close();
    }

    @Test
    void commentEditReplyResolveDeleteAndCommentOnAnAmendment() {
        DemoRest rest = demo.rest;
        String documentId = rest.sampleDocument("chair");
        JsonNode p1 = rest.operative("chair", documentId, "1");
        String op1 = p1.get("id").asText();
        rest.openTabling(documentId);
        String amendmentId = rest.table("graz", documentId, op1, p1.get("text").asText().replaceFirst("binding", "enforceable"),
                "Testable.").get("id").asText();
        openDocument(gwangju, demo.base, documentId);
        openDocument(uclg, demo.base, documentId);

        // A comment with a stance on the clause; the focus lands on it.
        openPanel(gwangju, op1, "Paragraph 1");
        WebElement form = gwangju.waitFor(By.cssSelector("#room-panel .comments--clause .comment-form"));
        new Select(form.findElement(By.name("stance"))).selectByVisibleText("Supports");
        form.findElement(By.name("body")).sendKeys("Gwangju supports a firm commitment.");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        eventually(gwangju, d -> !d.findElements(By.cssSelector("#room-panel .comments--clause .comment")).isEmpty());
        String commentId = gwangju.driver.findElement(By.cssSelector("#room-panel .comments--clause .comment")).getAttribute("data-comment-id");
        String commentCss = "#room-panel [data-comment-id='" + commentId + "']";
        eventually(gwangju, d -> commentId.equals(focusedComment(gwangju)));
        assertTrue(textContent(gwangju, commentCss + " .comment__meta").contains("Supports"));
        assertEquals("support", comment(documentId, commentId).get("stance").asText());
        RoomBrowsing.shot(gwangju, By.cssSelector(commentCss), "comments-posted");

        // Edit in place: Escape cancels and gives the focus back to the comment.
        button(gwangju, By.cssSelector(commentCss), "Edit").click();
        eventually(gwangju, d -> "body".equals(focusedName(gwangju)));
        gwangju.driver.switchTo().activeElement().sendKeys(" Not kept.", Keys.ESCAPE);
        eventually(gwangju, d -> commentId.equals(focusedComment(gwangju)));
        assertEquals("Gwangju supports a firm commitment.", textContent(gwangju, commentCss + " .comment__body"));
        assertTrue(comment(documentId, commentId).path("editedAt").isNull());

        // Edit and save: the new body, marked "edited", and the focus back on the comment.
        button(gwangju, By.cssSelector(commentCss), "Edit").click();
        eventually(gwangju, d -> "body".equals(focusedName(gwangju)));
        WebElement editing = gwangju.driver.switchTo().activeElement();
        assertEquals("Gwangju supports a firm commitment.", editing.getAttribute("value"));
        assertAccessible(gwangju, "the comment being edited");
        RoomBrowsing.shot(gwangju, editing, "comments-editing");
        editing.sendKeys(" By 2030.");
        button(gwangju, By.cssSelector(commentCss), "Save").click();
        eventually(gwangju, d -> textContent(gwangju, commentCss + " .comment__body").equals("Gwangju supports a firm commitment. By 2030."));
        eventually(gwangju, d -> textContent(gwangju, commentCss + " .comment__edited").equals("edited"));
        eventually(gwangju, d -> commentId.equals(focusedComment(gwangju)));
        JsonNode edited = comment(documentId, commentId);
        assertEquals("Gwangju supports a firm commitment. By 2030.", edited.get("body").asText());
        assertFalse(edited.path("editedAt").isNull(), "the server marks the edit");
        RoomBrowsing.shot(gwangju, By.cssSelector(commentCss), "comments-edited");

        // Another delegation sees the edit live, may not edit it, and replies.
        openPanel(uclg, op1, "Paragraph 1");
        eventually(uclg, d -> textContent(uclg, commentCss + " .comment__body").endsWith("By 2030."));
        assertEquals("edited", textContent(uclg, commentCss + " .comment__edited"));
        assertEquals("", textContent(uclg, commentCss + " [data-action=edit]"), "only its author edits a comment");
        // From here Gwangju's page counts its reads of the whole negotiation state (issue 17).
        ((JavascriptExecutor) gwangju.driver).executeScript(
                "performance.clearResourceTimings(); performance.setResourceTimingBufferSize(10000);");
        button(uclg, By.cssSelector("#room-panel .comments--clause .comment-thread"), "Reply").click();
        WebElement reply = uclg.waitFor(By.cssSelector("#room-panel .comment-thread .comment-form textarea[name=body]"));
        assertAccessible(uclg, "the reply form");
        reply.sendKeys("UCLG agrees, with a review in 2028.");
        button(uclg, By.cssSelector("#room-panel .comment-thread"), "Send reply").click();
        eventually(uclg, d -> !d.findElements(By.cssSelector("#room-panel .comment-replies .comment")).isEmpty());
        String replyId = uclg.driver.findElement(By.cssSelector("#room-panel .comment-replies .comment")).getAttribute("data-comment-id");
        assertEquals(commentId, comment(documentId, replyId).get("parentId").asText());
        RoomBrowsing.shot(uclg, By.cssSelector("#room-panel .comment-replies"), "comments-replied");

        // The thread's author resolves it: no more replies.
        eventually(gwangju, d -> !d.findElements(By.cssSelector("#room-panel .comment-replies .comment")).isEmpty());
        assertEquals(0L, ((JavascriptExecutor) gwangju.driver).executeScript(
                "return performance.getEntriesByType('resource').filter(e => e.name.includes('/negotiation')).length;"),
                "the reply came in its frame and was put in place: the page did not read the whole state again");
        button(gwangju, By.cssSelector("#room-panel .comments--clause .comment-thread"), "Resolve").click();
        eventually(gwangju, d -> textContent(gwangju, "#room-panel .comments--clause .comment-thread__resolved").equals("Resolved"));
        assertTrue(comment(documentId, commentId).get("resolved").asBoolean());
        eventually(uclg, d -> textContent(uclg, "#room-panel .comments--clause .comment-thread__resolved").equals("Resolved"));
        eventually(uclg, d -> d.findElements(By.xpath("//*[@id='room-panel']//*[contains(@class,'comments--clause')]//button[normalize-space()='Reply']")).isEmpty());
        RoomBrowsing.shot(gwangju, By.cssSelector("#room-panel .comments--clause .comment-thread__resolved"), "comments-resolved");

        // UCLG deletes its reply: a tombstone keeps its place.
        String replyCss = "#room-panel [data-comment-id='" + replyId + "']";
        button(uclg, By.cssSelector(replyCss), "Delete").click();
        eventually(uclg, d -> textContent(uclg, replyCss + " .comment__body").equals("Comment deleted."));
        eventually(uclg, d -> replyId.equals(focusedComment(uclg)));
        assertTrue(comment(documentId, replyId).get("deleted").asBoolean());
        assertEquals("", textContent(uclg, replyCss + " button"), "nothing more to do with a tombstone");
        eventually(gwangju, d -> textContent(gwangju, replyCss + " .comment__body").equals("Comment deleted."));
        RoomBrowsing.shot(uclg, By.cssSelector(replyCss), "comments-tombstone");
        assertAccessible(uclg, "the resolved thread with a tombstone");

        // A comment on the amendment, inside its card.
        button(gwangju, By.cssSelector("#room-panel [data-amendment-id='" + amendmentId + "']"), "Comment on this amendment").click();
        WebElement onAmendment = gwangju.waitFor(By.cssSelector("#room-panel [data-amendment-id='" + amendmentId + "'] .comment-form"));
        assertAccessible(gwangju, "the form for a comment on an amendment");
        new Select(onAmendment.findElement(By.name("stance"))).selectByVisibleText("Opposes");
        onAmendment.findElement(By.name("body")).sendKeys("Enforceable by whom?");
        onAmendment.findElement(By.cssSelector("button[type=submit]")).click();
        eventually(gwangju, d -> textContent(gwangju, "#room-panel [data-amendment-id='" + amendmentId + "'] .comments--amendment .comment__body")
                .equals("Enforceable by whom?"));
        JsonNode onIt = StreamSupport.stream(negotiation(documentId).get("comments").spliterator(), false)
                .filter(c -> "amendment".equals(c.get("target").asText())).findFirst().orElseThrow();
        assertEquals(amendmentId, onIt.get("targetId").asText());
        assertEquals("oppose", onIt.get("stance").asText());
        eventually(uclg, d -> textContent(uclg, "#room-panel [data-amendment-id='" + amendmentId + "'] .comments--amendment .comment__body")
                .equals("Enforceable by whom?"));
        RoomBrowsing.shot(gwangju, card(gwangju, amendmentId), "comments-on-amendment");
    }

    private static JsonNode negotiation(String documentId) {
        return demo.rest.get("chair", "/api/documents/" + documentId + "/negotiation");
    }

    private static JsonNode comment(String documentId, String commentId) {
        return StreamSupport.stream(negotiation(documentId).get("comments").spliterator(), false)
                .filter(c -> c.get("id").asText().equals(commentId)).findFirst().orElseThrow();
    }

    private static String focusedComment(Browser browser) {
        return (String) ((JavascriptExecutor) browser.driver).executeScript("return document.activeElement.dataset.commentId ?? '';");
    }

    private static String focusedName(Browser browser) {
        return (String) ((JavascriptExecutor) browser.driver).executeScript("return document.activeElement.name ?? '';");
    }
}
