package plenary.ui;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every view in English, French and Spanish: the interface language is chosen with the header's
 * picker, and on each view (sign-in, invitation, document, its side panel, live editing,
 * compilation, history, chair console, projector, meeting, members, search) the page's lang is the
 * language, a string of that view is shown translated, and axe-core finds no WCAG 2.x A/AA
 * violation. A French document's text keeps lang="fr" whatever the interface language.
 */
@Tag("browser")
@ResourceLock(BrowserLock.NAME)
class LanguagesAccessibilityBrowserTest {
    /** A translated text each view shows, per language: [en, fr, es]. */
    private static final Map<String, List<String>> TEXT = Map.ofEntries(
            Map.entry("sign-in", List.of("Sign in", "Connexion", "Iniciar sesión")),
            Map.entry("invitation", List.of("Create your account", "Créer votre compte", "Cree su cuenta")),
            Map.entry("status", List.of("Status", "Statut", "Estado")),
            Map.entry("text", List.of("Text", "Texte", "Texto")),
            Map.entry("live", List.of("New paragraph after", "Nouveau paragraphe après", "Nuevo párrafo después")),
            Map.entry("compilation", List.of("Compilation", "Compilation", "Compilación")),
            Map.entry("history", List.of("History", "Historique", "Historial")),
            Map.entry("chair", List.of("Chair console", "Console de la présidence", "Consola de la presidencia")),
            Map.entry("projector", List.of("Projector", "Projecteur", "Proyector")),
            Map.entry("meeting", List.of("Members of this meeting", "Membres de cette réunion", "Miembros de esta reunión")),
            Map.entry("members", List.of("Members", "Membres", "Miembros")),
            Map.entry("search", List.of("Search", "Recherche", "Búsqueda")),
            Map.entry("signed-in", List.of("Sign out", "Se déconnecter", "Cerrar sesión")));
    private static final List<String> LANGUAGES = List.of("en", "fr", "es");

    @TempDir
    static Path dir;

    private static DemoServer demo;
    private static String base;
    private static String invitationUrl;
    /** One blank browser of the pool for the three languages, the site wiped from it before each. */
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        demo = DemoServer.start(dir);
        base = demo.base;
        // The invitation is a precondition (its page is what is looked at): made through REST as the chair.
        invitationUrl = demo.rest.invitationUrl("chair", "delegate", "Vienna");
        browser = BrowserPool.takeBlank();
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            BrowserPool.giveBackBlank(browser, base);
        } finally {
            demo.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "fr", "es"})
    void everyViewIsTranslatedAndHasNoWcagViolation(String lang) throws Exception {
        // As a first visit finds it: no session cookie, no language chosen (it is kept in localStorage).
        browser.forgetSite(base);
        // Sign-in, with the language chosen by the person in the header's picker.
        browser.go(base + "#/sign-in");
        browser.waitFor(By.name("username"));
        WebElement picker = browser.waitFor(By.id("language-picker"));
        assertEquals("en", htmlLang(browser), "English by default for an English browser");
        for (WebElement option : picker.findElements(By.tagName("option"))) {
            assertEquals(option.getDomAttribute("value"), option.getDomAttribute("lang"), "each language names itself in its own language");
        }
        if (lang.equals("en")) {
            // English is this browser's language already: go to French and back, so that English too is chosen.
            choose(browser, "fr");
        }
        choose(browser, lang);
        check(browser, lang, "sign-in");

        // An invitation link, opened by someone not signed in.
        browser.go(invitationUrl);
        browser.waitUntil(d -> d.findElements(By.id("account-title")).stream()
                .anyMatch(e -> e.getText().equals(text(lang, "invitation"))));
        assertTrue(browser.driver.findElement(By.cssSelector(".invitation dl")).getText().contains("Vienna"));
        check(browser, lang, "invitation");

        // Signing in through the translated form.
        browser.go(base + "#/sign-in");
        browser.waitFor(By.name("username")).sendKeys("chair");
        browser.driver.findElement(By.name("password")).sendKeys(DemoRest.PASSWORD, Keys.ENTER);
        browser.waitFor(By.cssSelector("article.document h1"));
        browser.waitUntil(d -> d.findElement(By.cssSelector(".account .account__sign-out")).getText().equals(text(lang, "signed-in")));
        String documentUrl = browser.driver.getCurrentUrl();
        assertTrue(documentUrl.contains("#/documents/"), documentUrl);

        // The document's text view.
        browser.waitFor(By.cssSelector(".room-clause__open"));
        assertTrue(browser.driver.findElements(By.cssSelector(".title-block__facts dt")).stream()
                .anyMatch(dt -> dt.getText().equals(text(lang, "status"))), "the title block's facts are translated");
        assertEquals(text(lang, "text"), currentTab(browser));
        assertEquals("en", browser.driver.findElement(By.cssSelector(".clause__text")).getDomAttribute("lang"),
                "the English document's text says it is English");
        check(browser, lang, "document");

        // The side panel, opened on a paragraph.
        WebElement open = browser.driver.findElements(By.cssSelector(".clause--operative .room-clause__open")).get(0);
        open.click();
        browser.waitUntil(d -> "true".equals(d.findElements(By.cssSelector(".clause--operative .room-clause__open"))
                .get(0).getAttribute("aria-expanded")));
        check(browser, lang, "panel");

        // Live editing.
        browser.driver.findElement(By.cssSelector(".live-toggle")).click();
        browser.waitFor(By.cssSelector(".live-clause__text"));
        assertEquals(text(lang, "live"), browser.driver.findElement(By.cssSelector(".live-clause__button[data-action=insert]")).getText());
        check(browser, lang, "live");
        browser.driver.findElement(By.cssSelector(".live-toggle")).click();
        browser.waitFor(By.cssSelector(".room-clause__open"));

        // The other views of the room.
        String roomUrl = documentUrl.replaceFirst("/(text|compilation|history|chair|projector)$", "");
        for (String view : List.of("compilation", "history", "chair", "projector")) {
            browser.go(roomUrl + "/" + view);
            browser.waitUntil(d -> text(lang, view).equals(currentTab(browser)));
            check(browser, lang, view);
        }

        // The meeting, from the sidebar, and its members.
        browser.go(roomUrl);
        WebElement meetingLink = browser.waitFor(By.cssSelector(".sidebar a[data-meeting-id]"));
        String meetingUrl = meetingLink.getAttribute("href");
        meetingLink.click();
        browser.waitUntil(d -> d.findElements(By.cssSelector(".meeting a")).stream()
                .anyMatch(a -> a.getText().equals(text(lang, "meeting"))));
        check(browser, lang, "meeting");

        browser.go(meetingUrl + "/members");
        browser.waitUntil(d -> !d.findElements(By.cssSelector("#view table")).isEmpty());
        assertEquals(text(lang, "members"), browser.driver.findElement(By.cssSelector("#view h1")).getText());
        check(browser, lang, "members");

        // Search, from the header's box.
        WebElement box = browser.driver.findElement(By.id("search-box"));
        box.sendKeys("Graz", Keys.ENTER);
        browser.waitFor(By.cssSelector(".search-results__list"));
        assertEquals(text(lang, "search"), browser.driver.findElement(By.cssSelector("#view h1")).getText());
        check(browser, lang, "search");

        // A French document in this interface language: its text is marked French, the labels are not.
        String french = browser.driver.findElements(By.cssSelector(".sidebar a[data-document-id]")).stream()
                .filter(a -> a.getText().contains("Déclaration de Graz")).findFirst().orElseThrow().getAttribute("href");
        browser.go(french);
        browser.waitFor(By.cssSelector(".room-clause__open"));
        browser.waitUntil(d -> d.findElement(By.cssSelector("article.document h1")).getText().startsWith("Déclaration"));
        assertEquals("fr", browser.driver.findElement(By.cssSelector("article.document h1")).getDomAttribute("lang"));
        assertEquals("fr", browser.driver.findElement(By.cssSelector(".clause__text")).getDomAttribute("lang"));
        assertEquals(null, browser.driver.findElement(By.cssSelector(".title-block__facts")).getDomAttribute("lang"),
                "the labels inherit the interface language");
        // Each clause runs in its own script's direction: the Arabic paragraph right to left, the French left to right.
        Object directions = ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript(
                "const texts = [...document.querySelectorAll('.room-clause .clause__text')];"
                + "const arabic = texts.find(t => /[\\u0600-\\u06FF]/.test(t.textContent));"
                + "const french = texts.find(t => /Invite|Demande|Encourage/.test(t.textContent));"
                + "return [getComputedStyle(arabic).direction, getComputedStyle(french).direction];");
        assertEquals(List.of("rtl", "ltr"), directions, "clause text directions");
        check(browser, lang, "french-document");
    }

    /** Chooses the interface language in the header's picker and waits until the sign-in view is redrawn in it. */
    private static void choose(Browser browser, String lang) {
        new Select(browser.waitFor(By.id("language-picker"))).selectByValue(lang);
        browser.waitUntil(d -> lang.equals(htmlLang(browser)));
        browser.waitUntil(d -> text(lang, "sign-in").equals(d.findElement(By.cssSelector("#view h1")).getText()));
        assertEquals(lang, browser.driver.findElement(By.id("language-picker")).getDomProperty("value"));
        // The picker is drawn again in the new language: the focus must come back to it.
        browser.waitUntil(d -> d.findElement(By.id("language-picker")).equals(d.switchTo().activeElement()));
    }

    /** The page's language, a screenshot, and no WCAG A/AA violation. */
    private static void check(Browser browser, String lang, String view) {
        assertEquals(lang, htmlLang(browser), view + ": <html lang>");
        browser.screenshot(lang + "-" + view);
        RoomBrowsing.assertAccessible(browser, lang + " " + view);
    }

    private static String htmlLang(Browser browser) {
        return (String) ((JavascriptExecutor) browser.driver).executeScript("return document.documentElement.lang");
    }

    /** The name of the room's current tab (its text, without the hidden "opens in a new window"). */
    private static String currentTab(Browser browser) {
        return (String) ((JavascriptExecutor) browser.driver).executeScript(
                "const a = document.querySelector('.room-tabs [aria-current=page]');"
                        + "return a ? a.firstChild.textContent : null;");
    }

    private static String text(String lang, String view) {
        return TEXT.get(view).get(LANGUAGES.indexOf(lang));
    }
}
