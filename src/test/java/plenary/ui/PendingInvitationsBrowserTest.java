package plenary.ui;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import plenary.http.HttpTestClient;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chair lists and revokes invitations on the members page: one made elsewhere is listed (never
 * its link), one made in the page joins the list at once, and Revoke removes a row, says so, and the
 * revoked link gets 410 like a used one.
 */
@Tag("browser")
@ResourceLock(BrowserLock.NAME)
class PendingInvitationsBrowserTest {
    @TempDir
    static Path dir;

    private static DemoServer demo;
    private static Browser chair;

    @BeforeAll
    static void start() throws Exception {
        demo = DemoServer.start(dir);
        chair = demo.signedIn("chair");
    }

    @AfterAll
    static void stop() throws Exception {
        demo.close();
    }

    @Test
    void theChairSeesPendingInvitationsAndRevokesOne() {
        String url = demo.rest.invitationUrl("chair", "delegate", "City of Vienna");
        String token = url.substring(url.indexOf("#/invitations/") + "#/invitations/".length());
        String meetingId = demo.rest.get("chair", "/api/meetings").get("meetings").get(0).get("id").asText();

        chair.go(demo.base + "#/meetings/" + meetingId + "/members");
        By rows = By.cssSelector(".pending-invitations tbody tr");
        RoomBrowsing.waitForText(chair, rows, "City of Vienna");
        String section = chair.driver.findElement(By.cssSelector(".pending-invitations")).getText();
        assertTrue(!section.contains(token), "a link is shown again: " + section);

        // One made in the page is listed at once.
        WebElement form = chair.waitFor(By.cssSelector(".invite-form"));
        new Select(form.findElement(By.name("role"))).selectByValue("observer");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        chair.waitFor(By.id("invite-link"));
        RoomBrowsing.eventually(chair, d -> d.findElements(rows).size() == 2);
        RoomBrowsing.assertAccessible(chair, "the members page with pending invitations");
        RoomBrowsing.shot(chair, By.cssSelector(".pending-invitations"), "pending-invitations");

        WebElement vienna = chair.driver.findElements(rows).stream()
                .filter(r -> r.getText().contains("City of Vienna")).findFirst().orElseThrow();
        vienna.findElement(By.cssSelector("button[data-action=revoke]")).click();
        RoomBrowsing.eventually(chair, d -> d.findElements(rows).stream().noneMatch(r -> r.getText().contains("City of Vienna")));
        RoomBrowsing.waitForText(chair, By.cssSelector(".members-view .form-status"), "was revoked");
        assertEquals(1, chair.driver.findElements(rows).size(), "the other invitation stays");
        assertEquals("revoke", chair.driver.switchTo().activeElement().getAttribute("data-action"),
                "focus moves to the next Revoke button");

        List<String> pending = new ArrayList<>();
        demo.rest.get("chair", "/api/meetings/" + meetingId + "/invitations").get("invitations")
                .forEach(i -> pending.add((i.path("delegation").isNull() ? "" : i.path("delegation").asText()) + "/"
                        + i.path("role").asText()));
        assertEquals(List.of("/observer"), pending, "the server's list after revoking");
        try (HttpTestClient anonymous = new HttpTestClient(URI.create(demo.base))) {
            assertEquals(410, anonymous.get("/api/invitations/" + token).statusCode(), "the revoked link is gone");
        }
    }
}
