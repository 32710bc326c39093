package plenary.render;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import plenary.http.HttpTestClient;
import plenary.http.RunningServer;
import plenary.http.TestPeople;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The export route on a real server: every format and variant, who may export, what the files are
 * called, and the official PDF before and after a real adoption with a real roll-call vote.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("integration")
class ExportApiTest {
    private static final String DRAFT = """
            ---
            conference: Export Conference
            place: Graz
            date: 2026-11-27
            symbol: EX/2026/1
            language: en
            ---
            # Outcome of the export test

            *Recalling* the Universal Declaration of Human Rights[^udhr],

            1. *Calls upon* local governments to adopt human rights action plans:

               1. with a budget;
               2. with indicators;

            2. *Encourages* cities to report every two years on their progress.

            [^udhr]: General Assembly resolution 217 A (III) of 10 December 1948.
            """;

    @TempDir
    static Path dir;

    private static RunningServer server;
    private static HttpTestClient chair;
    private static HttpTestClient graz;
    private static HttpTestClient gwangju;
    private static HttpTestClient outsider;
    private static String doc;
    private static List<String> clauses;

    @BeforeAll
    static void setUp() throws Exception {
        server = RunningServer.start(dir, "--no-samples");
        HttpTestClient admin = server.http();
        String adminToken = TestPeople.signIn(admin, "admin", TestPeople.ADMIN_PASSWORD);
        String meeting = meeting(admin, adminToken, "Export Conference");
        String other = meeting(admin, adminToken, "Another conference");
        chair = person(admin, adminToken, meeting, "chair", null, "chair");
        graz = person(admin, adminToken, meeting, "delegate", "City of Graz", "graz");
        gwangju = person(admin, adminToken, meeting, "delegate", "City of Gwangju", "gwangju");
        outsider = person(admin, adminToken, other, "delegate", "Elsewhere", "outsider");
        HttpResponse<String> created = chair.post("/api/documents?meeting=" + meeting, HttpTestClient.MARKDOWN,
                DRAFT.getBytes(StandardCharsets.UTF_8));
        assertEquals(201, created.statusCode(), created.body());
        JsonNode document = HttpTestClient.json(created);
        doc = "/api/documents/" + document.get("id").asText();
        clauses = new java.util.ArrayList<>();
        document.get("clauses").forEach(c -> clauses.add(c.get("id").asText()));
    }

    @AfterAll
    static void tearDown() throws Exception {
        server.close();
    }

    @Test
    @Order(1)
    void everyFormatAndVariantDownloadsWithItsTypeAndName() {
        HttpResponse<byte[]> md = ok(graz.getBytes(doc + "/export"));
        assertEquals("text/markdown; charset=utf-8", md.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("attachment; filename=\"ex-2026-1.md\"", disposition(md));

        HttpResponse<byte[]> html = ok(graz.getBytes(doc + "/export?format=html"));
        assertEquals("text/html; charset=utf-8", html.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("attachment; filename=\"ex-2026-1.html\"", disposition(html));
        assertTrue(html.headers().firstValue("Content-Security-Policy").orElseThrow().contains("default-src 'none'"));
        assertTrue(new String(html.body(), StandardCharsets.UTF_8).contains("Outcome of the export test"));

        HttpResponse<byte[]> pdf = ok(graz.getBytes(doc + "/export?format=pdf&variant=clean"));
        assertEquals("application/pdf", pdf.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("attachment; filename=\"ex-2026-1.pdf\"", disposition(pdf));
        String text = new PdfPages(pdf.body()).all();
        assertTrue(text.contains("1. Calls upon local governments"), text);
        assertTrue(text.contains("(a) with a budget") && text.contains("(b) with indicators"));
        assertTrue(text.contains("DRAFT") && text.contains("Draft, revision 0"));

        HttpResponse<byte[]> compilation = ok(graz.getBytes(doc + "/export?format=pdf&variant=compilation"));
        assertEquals("attachment; filename=\"ex-2026-1-compilation.pdf\"", disposition(compilation));
        assertTrue(new PdfPages(compilation.body()).all().contains("Compilation text"));
    }

    @Test
    @Order(2)
    void badRequestsGetProblemJson() {
        problem(graz.get(doc + "/export?format=docx"), 400, "unknown export format 'docx'");
        problem(graz.get(doc + "/export?format=pdf&variant=redline"), 400, "unknown variant 'redline'");
        problem(graz.get(doc + "/export?format=md&variant=compilation"), 400, "compilation");
        problem(graz.get("/api/documents/nosuchdoc/export?format=pdf"), 404, "");
        // Another meeting's document is not there for them, as everywhere in the API.
        problem(outsider.get(doc + "/export?format=pdf"), 404, "no document");
        HttpTestClient anonymous = new HttpTestClient(URI.create("http://127.0.0.1:" + server.port() + "/"));
        problem(anonymous.get(doc + "/export?format=pdf"), 401, "");
    }

    @Test
    @Order(3)
    void theCompilationShowsTabledAmendmentsButNeverAnotherDelegationsDraft() {
        String op2 = clauses.get(4);
        ok(chair.putJson(doc + "/phases/tabling", "{\"open\":true,\"deadline\":\"" + Instant.now().plusSeconds(3600) + "\"}"));
        String first = HttpTestClient.json(ok(graz.postJson(doc + "/amendments", "{\"clauseId\":\"" + op2
                + "\",\"text\":\"*Encourages* cities to report every year on their progress.\",\"rationale\":"
                + "\"Yearly is better.\",\"table\":true}"))).get("id").asText();
        ok(gwangju.postJson(doc + "/amendments", "{\"clauseId\":\"" + op2 + "\",\"text\":\"*Encourages* cities to"
                + " report secretly on their progress.\",\"rationale\":\"Still a draft.\"}"));
        for (HttpTestClient reader : List.of(graz, gwangju, chair)) {
            String pdf = new PdfPages(ok(reader.getBytes(doc + "/export?format=pdf&variant=compilation")).body()).all();
            assertTrue(pdf.contains("A1 (modify OP2) by City of Graz"), pdf);
            assertTrue(pdf.contains("report every two years year on their progress"), "deleted words, then inserted ones: " + pdf);
            assertFalse(pdf.contains("secretly"), "a draft amendment is nobody's business in the compilation");
            String html = new String(ok(reader.getBytes(doc + "/export?format=html&variant=compilation")).body(),
                    StandardCharsets.UTF_8);
            assertTrue(html.contains("<ins") && html.contains("year"), "the HTML compilation marks the insertion");
            assertFalse(html.contains("secretly"));
        }
        String clean = new PdfPages(ok(graz.getBytes(doc + "/export?format=pdf")).body()).all();
        assertFalse(clean.contains("A1 (modify"), "the clean text shows no amendments");

        // Numbers stay (issue 19): a second amendment is A2, and still A2 once A1 is withdrawn, where
        // a label by position made it A1.
        String second = HttpTestClient.json(ok(graz.postJson(doc + "/amendments", "{\"clauseId\":\"" + op2
                + "\",\"text\":\"*Encourages* towns to report every year on their progress.\",\"table\":true}")))
                .get("id").asText();
        ok(graz.postJson(doc + "/amendments/" + first + "/withdraw", "{}"));
        String after = new PdfPages(ok(graz.getBytes(doc + "/export?format=pdf&variant=compilation")).body()).all();
        assertTrue(after.contains("A2 (modify OP2) by City of Graz") && !after.contains("A1 (modify"), after);
        ok(graz.postJson(doc + "/amendments/" + second + "/withdraw", "{}"));
    }

    @Test
    @Order(9)
    void afterAVoteAndAdoptionThePdfIsStampedAnnexedAndArchival() throws Exception {
        ok(chair.putJson(doc + "/phases/voting", "{\"open\":true}"));
        String vote = HttpTestClient.json(ok(chair.postJson(doc + "/votes", "{\"subject\":\"document\","
                + "\"question\":\"Shall the outcome be adopted?\",\"majority\":\"two-thirds\",\"ballot\":\"roll-call\","
                + "\"quorum\":2}"))).get("id").asText();
        ok(graz.postJson(doc + "/votes/" + vote + "/presence", "{}"));
        ok(gwangju.postJson(doc + "/votes/" + vote + "/presence", "{}"));
        ok(chair.postJson(doc + "/votes/" + vote + "/open", "{}"));
        ok(graz.postJson(doc + "/votes/" + vote + "/ballots", "{\"choice\":\"yes\"}"));
        ok(gwangju.postJson(doc + "/votes/" + vote + "/ballots", "{\"choice\":\"yes\"}"));
        ok(chair.postJson(doc + "/votes/" + vote + "/close", "{}"));
        JsonNode adoption = HttpTestClient.json(ok(chair.postJson(doc + "/adopt", "{}"))).get("adoption");

        String markdown = new String(ok(graz.getBytes(doc + "/export?format=md")).body(), StandardCharsets.UTF_8);
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(markdown.getBytes(StandardCharsets.UTF_8)));
        assertEquals(adoption.get("sha256").asText(), hash);

        byte[] pdf = ok(graz.getBytes(doc + "/export?format=pdf")).body();
        PdfPages pages = new PdfPages(pdf);
        for (int p = 0; p < pages.count(); p++) {
            assertTrue(pages.page(p).contains("SHA-256 of the adopted text: " + hash), "hash on page " + (p + 1));
            assertTrue(pages.page(p).contains("revision " + adoption.get("revision").asLong()));
            assertFalse(pages.page(p).contains("DRAFT"));
        }
        String annex = pages.page(pages.count() - 1);
        assertTrue(annex.contains("Shall the outcome be adopted?"), annex);
        assertTrue(annex.contains("City of Graz (graz): In favour") && annex.contains("City of Gwangju (gwangju): In favour"), annex);
        assertEquals(List.of(), PdfAValidator.failures(pdf, PDFAFlavour.PDFA_1_B));
    }

    private static String disposition(HttpResponse<?> response) {
        return response.headers().firstValue("Content-Disposition").orElseThrow();
    }

    private static <T> HttpResponse<T> ok(HttpResponse<T> response) {
        assertTrue(response.statusCode() == 200 || response.statusCode() == 201,
                () -> response.statusCode() + " " + response.body());
        return response;
    }

    private static void problem(HttpResponse<String> response, int status, String detail) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("application/problem+json"));
        assertTrue(HttpTestClient.json(response).path("detail").asText().contains(detail), response.body());
    }

    private static String meeting(HttpTestClient admin, String token, String name) {
        return TestPeople.withToken(admin, token, () -> HttpTestClient.json(
                admin.postJson("/api/meetings", "{\"name\":\"" + name + "\"}")).get("id").asText());
    }

    private static HttpTestClient person(HttpTestClient admin, String adminToken, String meeting, String role,
                                         String delegation, String username) {
        String password = "password-of-" + username;
        TestPeople.invite(admin, adminToken, meeting, role, delegation, username, password, username);
        HttpTestClient client = new HttpTestClient(URI.create("http://127.0.0.1:" + server.port() + "/"));
        return client.bearer(TestPeople.signIn(client, username, password));
    }
}
