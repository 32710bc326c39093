package plenary.render;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import plenary.amendment.Amendment;
import plenary.amendment.AmendmentKind;
import plenary.amendment.AmendmentState;
import plenary.deliberation.Ballot;
import plenary.deliberation.BallotChoice;
import plenary.deliberation.BallotKind;
import plenary.deliberation.FormalVote;
import plenary.deliberation.MajorityRule;
import plenary.deliberation.Tally;
import plenary.deliberation.VoteCount;
import plenary.deliberation.VoteStage;
import plenary.deliberation.VoteSubject;
import plenary.document.Clause;
import plenary.document.ClauseKind;
import plenary.document.Document;
import plenary.document.DocumentMeta;
import plenary.document.DocumentStatus;
import plenary.document.MarkdownImporter;
import plenary.document.RandomIds;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Known XSS vectors (in the style of the OWASP filter evasion cheat sheet, plus Markdown's own
 * link forms) put wherever a delegate's words reach the exported page: clauses of every kind, an
 * imported draft, the title, the front matter, sponsors and rationales, amendment texts, footnotes,
 * vote questions and roll-call names, ids and the adoption stamp. Every page must be inert by
 * {@link InertHtml}, in both variants.
 */
class HtmlXssCorpusTest {
    private static final Map<String, String> VECTORS = new LinkedHashMap<>();

    static {
        // Raw HTML, blocks and inline.
        v("script tag", "<script>alert(1)</script>");
        v("script src upper case", "<SCRIPT SRC=http://xss.rocks/xss.js></SCRIPT>");
        v("img onerror", "<img src=x onerror=alert(1)>");
        v("img javascript src", "<IMG SRC=\"javascript:alert('XSS');\">");
        v("img mixed case scheme", "<IMG SRC=JaVaScRiPt:alert('XSS')>");
        v("img decimal references", "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;"
                + "&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>");
        v("img hex references no semicolons", "<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A"
                + "&#x61&#x6C&#x65&#x72&#x74&#x28&#x27&#x58&#x53&#x53&#x27&#x29>");
        v("svg onload", "<svg onload=alert(1)>");
        v("svg slash onload", "**<svg/onload=alert(1)>**");
        v("svg script", "<svg><script>alert(1)</script></svg>");
        v("svg xlink", "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>");
        v("math href", "<math href=\"javascript:alert(1)\">x</math>");
        v("math mglyph style", "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>");
        v("iframe srcdoc", "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>");
        v("iframe javascript", "~~<iframe src=javascript:alert(1)>~~");
        v("object data", "<object data=\"javascript:alert(1)\"></object>");
        v("embed data url", "++<embed src=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">++");
        v("body onload", "<body onload=alert(1)>");
        v("style expression", "<div style=\"width: expression(alert(1))\">x</div>");
        v("style element", "<style>body{background:url(\"javascript:alert(1)\")}</style>");
        v("raw anchor", "<a href=\"javascript:alert(1)\">click</a>");
        v("raw anchor leading spaces", "<a href=\"  javascript:alert(1)\">x</a>");
        v("raw anchor control char", "<a href=\"&#14;javascript:alert(1)\">x</a>");
        v("raw anchor onclick", "<a href=# onclick=\"alert(1)\">x</a>");
        v("formaction", "<form><button formaction=\"javascript:alert(1)\">x</button></form>");
        v("meta refresh", "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">");
        v("base href", "<base href=\"javascript:alert(1)//\">");
        v("link stylesheet", "<link rel=\"stylesheet\" href=\"javascript:alert(1)\">");
        v("input autofocus", "<input onfocus=alert(1) autofocus>");
        v("details ontoggle", "<details open ontoggle=alert(1)>");
        v("video source onerror", "<video><source onerror=\"alert(1)\">");
        v("unknown tag onclick", "<x onclick=alert(1)>click");
        v("div slash onmouseover", "<div/onmouseover='alert(1)'>x");
        v("marquee onstart", "<marquee onstart=alert(1)>");
        v("html comment", "<!--<script>alert(1)</script>-->");
        v("cdata", "<![CDATA[<script>alert(1)</script>]]>");
        v("processing instruction", "<?xml version=\"1.0\"?><script>alert(1)</script>");
        v("nested brackets", "<<script>alert(1)//<</script>");
        v("split script", "<scr<script>ipt>alert(1)</script>");
        v("unclosed img", "<img src=\"x\" onerror=\"alert(1)\"");
        // Markdown inline links and images.
        v("link javascript", "[click](javascript:alert(1))");
        v("link upper case", "[click](JAVASCRIPT:alert(1))");
        v("link angle brackets", "[click](<javascript:alert(1)>)");
        v("link with title", "[click](javascript:alert(1) \"title\")");
        v("link tab reference", "[click](java&#9;script:alert(1))");
        v("link hex tab reference", "[click](java&#x09;script:alert(1))");
        v("link newline reference", "[click](jav&#x0A;ascript:alert(1))");
        v("link decimal reference", "[click](&#106;avascript:alert(1))");
        v("link hex reference", "[click](&#x6A;avascript:alert(1))");
        v("link padded references", "[click](&#0000106&#0000097vascript:alert(1))");
        v("link named colon", "[click](javascript&colon;alert(1))");
        v("link double encoded", "[click](&amp;#106;avascript:alert(1))");
        v("link leading space reference", "[click](&#x20;javascript:alert(1))");
        v("link leading control", "[click](\u0001javascript:alert(1))");
        v("link zero width", "[click](java\u200Bscript:alert(1))");
        v("link percent scheme", "[click](%6Aavascript:alert(1))");
        v("link percent colon", "[click](javascript%3Aalert(1))");
        v("link percent newline", "[click](ja%0Avascript:alert(1))");
        v("link comment trick", "[click](javascript://%0aalert(1))");
        v("link vbscript", "[click](vbscript:msgbox(1))");
        v("link data", "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)");
        v("link file", "[click](file:///etc/passwd)");
        v("link fullwidth", "[click](ｊａｖａｓｃｒｉｐｔ：alert(1))");
        v("image javascript", "![x](javascript:alert(1))");
        v("image data svg", "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)");
        v("image reference escape", "![x](&amp;#106;avascript:alert(1))");
        v("image alt breaking", "![x\" onerror=\"alert(1)](https://example.org/a.png)");
        // Reference links and autolinks.
        v("reference link", "[click][ref]\n\n[ref]: javascript:alert(1)");
        v("shortcut reference", "[ref]\n\n[ref]: JaVaScRiPt:alert(1)");
        v("reference in one paragraph", "[click][r] and ![i][p]\n[r]: javascript:alert(1)\n[p]: vbscript:x");
        v("image reference", "![img][pic]\n\n[pic]: javascript:alert(1)");
        v("autolink javascript", "<javascript:alert(1)>");
        v("autolink upper case", "<JAVASCRIPT:alert(1)>");
        v("autolink vbscript", "<vbscript:msgbox(1)>");
        v("autolink data", "<data:text/html,alert(1)>");
        // Breaking out of attributes and elements.
        v("title double quotes", "[x](https://example.org \"title\\\" onmouseover=\\\"alert(1)\")");
        v("title single quotes", "[x](https://example.org 'a\" onmouseover=\"alert(1)')");
        v("url quote", "[x](https://example.org/\"onmouseover=\"alert(1))");
        v("url angle", "[x](<https://example.org/\"><script>alert(1)</script>>)");
        v("fenced code info", "```\"><script>alert(1)</script>\ncode\n```");
        v("attribute break", "\"><script>alert(1)</script>");
        v("single quote break", "' onmouseover='alert(1)");
        v("title element break", "</title><script>alert(1)</script>");
        v("style element break", "</style><script>alert(1)</script>");
        v("javascript unicode escapes", "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e");
        v("javascript hex escapes", "\\x3cscript\\x3ealert(1)\\x3c/script\\x3e");
        v("fullwidth brackets", "＜script＞alert(1)＜/script＞");
        v("table cells", "| a | b |\n|---|---|\n| <script>alert(1)</script> | [x](javascript:alert(1)) |");
        v("block quote", "> <img src=x onerror=alert(1)>");
        v("list", "- [x](vbscript:alert(1))\n- <svg onload=alert(1)>");
        v("footnote label", "text[^<script>] and [^\"onmouseover=alert(1)]");
        v("nul byte", "\u0000<script>alert(1)</script>");
    }

    private static void v(String name, String vector) {
        if (VECTORS.put(name, vector) != null) {
            throw new IllegalStateException("two vectors named " + name);
        }
    }

    static Stream<Arguments> vectors() {
        return VECTORS.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @Test
    void theCorpusIsLarge() {
        assertTrue(VECTORS.size() >= 60, "only " + VECTORS.size() + " vectors");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void isInertWhereverItIsTyped(String name, String vector) {
        for (Placed placed : placements(vector)) {
            for (Variant variant : Variant.values()) {
                String page = HtmlEdition.render(placed.edition(), variant);
                List<String> problems = InertHtml.problems(page);
                if (!problems.isEmpty()) {
                    fail(name + " in " + placed.where() + " (" + variant.wireName() + "): " + problems);
                }
            }
        }
    }

    @Test
    void theCheckerRejectsKnownBadPages() {
        String good = HtmlEdition.render(Edition.of(importer().read("d", "# Fine\n\n1. *Calls upon* [all](https://example.org);\n")),
                Variant.CLEAN);
        assertEquals(List.of(), InertHtml.problems(good));
        List<String> badBodies = List.of(
                "<script>alert(1)</script>", "<SCRIPT>alert(1)</SCRIPT>", "<img src=\"x\" onerror=\"alert(1)\">",
                "<p onclick=alert(1)>x</p>", "<p title=\"x\" onclick='alert(1)'>x</p>",
                "<a href=\"javascript:alert(1)\">x</a>", "<a href=javascript:alert(1)>x</a>",
                "<a href=\"JaVaScRiPt:alert(1)\">x</a>", "<a href=\" javascript:alert(1)\">x</a>",
                "<a href=\"&#106;avascript:alert(1)\">x</a>", "<a href=\"&#0000106avascript:alert(1)\">x</a>",
                "<a href=\"java&#x09;script:alert(1)\">x</a>", "<a href=\"java&Tab;script:alert(1)\">x</a>",
                "<a href=\"java&#10script:alert(1)\">x</a>", "<a href=\"vbscript:x\">x</a>",
                "<img src=\"data:image/svg+xml,x\" alt=\"\">", "<a href=\"file:///etc/passwd\">x</a>",
                "<svg onload=\"x\"></svg>", "<iframe srcdoc=\"x\"></iframe>", "<object data=\"x\"></object>",
                "<embed src=\"x\">", "<math></math>", "<style>p{}</style>", "<div style=\"x\">x</div>",
                "<meta http-equiv=\"refresh\" content=\"0\">", "<base href=\"https://evil.example/\">",
                "<form action=\"https://evil.example/\"><button formaction=\"x\">x</button></form>",
                "<!-- x -->", "<![CDATA[x]]>", "<link rel=\"stylesheet\" href=\"x\">");
        for (String bad : badBodies) {
            String page = good.replace("</main>", bad + "\n</main>");
            assertFalse(InertHtml.problems(page).isEmpty(), "the checker missed " + bad);
        }
        String scriptPolicy = good.replace("default-src 'none'".replace("'", "&#39;"),
                "default-src 'none'; script-src 'unsafe-inline'".replace("'", "&#39;"));
        assertFalse(InertHtml.problems(scriptPolicy).isEmpty(), "the checker missed a policy that allows scripts");
        assertFalse(InertHtml.problems(good.replace("<title>", "<title><script>")).isEmpty());
        assertFalse(InertHtml.problems(good.replace("</head>", "<meta http-equiv=\"refresh\" content=\"0\">\n</head>")).isEmpty());
        assertFalse(InertHtml.problems(good.replace("<style>", "<style>p{background:url(javascript:x)}")).isEmpty());
    }

    @Test
    void safeContentSurvives() {
        String page = HtmlEdition.render(Edition.of(importer().read("d", """
                # Safe links

                See [the OHCHR](https://www.ohchr.org/en "Office") and [write to us](mailto:secretariat@example.org),
                paragraph [three](#clause-x), the [annex](annex/a.pdf), <https://example.org/x> and
                ![logo](https://example.org/logo.png). Note that a < b & c > d, and "quotes" stay.

                But [click here](javascript:alert(1)) and ![pic](data:image/png;base64,AAAA) lose their addresses.
                """)), Variant.CLEAN);
        assertEquals(List.of(), InertHtml.problems(page));
        assertTrue(page.contains("<a href=\"https://www.ohchr.org/en\" title=\"Office\" rel=\"nofollow noopener\">the OHCHR</a>"), page);
        assertTrue(page.contains("<a href=\"mailto:secretariat@example.org\" rel=\"nofollow noopener\">write to us</a>"), page);
        assertTrue(page.contains("<a href=\"#clause-x\">three</a>"), page);
        assertTrue(page.contains("<a href=\"annex/a.pdf\">annex</a>"), page);
        assertTrue(page.contains("<a href=\"https://example.org/x\" rel=\"nofollow noopener\">https://example.org/x</a>"), page);
        assertTrue(page.contains("<img src=\"https://example.org/logo.png\" alt=\"logo\" />"), page);
        assertTrue(page.contains("a &lt; b &amp; c &gt; d"), page);
        assertTrue(page.contains("But click here and pic lose their addresses."), page);
    }

    @Test
    void escapedTextReadsAsTyped() {
        Document document = new Document("d", "Rights <b>& duties</b>", new DocumentMeta(Map.of(
                DocumentMeta.CONFERENCE, "Q&A \"Conference\"", DocumentMeta.LANGUAGE, "en\" onload=\"x")),
                DocumentStatus.DRAFTING, 0, List.of(Clause.fresh("c1", ClauseKind.FREE_TEXT, "<em>typed</em> tags")));
        String page = HtmlEdition.render(Edition.of(document), Variant.CLEAN);
        assertEquals(List.of(), InertHtml.problems(page));
        assertTrue(page.contains("<h1 dir=\"ltr\">Rights &lt;b&gt;&amp; duties&lt;/b&gt;</h1>"), page);
        assertTrue(page.contains("<title>Rights &lt;b&gt;&amp; duties&lt;/b&gt;</title>"), page);
        assertTrue(page.contains("Q&amp;A &quot;Conference&quot;"), page);
        assertTrue(page.contains("<html lang=\"en\">"), "a language that is no language tag falls back to English");
        assertTrue(page.contains("&lt;em&gt;typed&lt;/em&gt; tags"), page);
    }

    private record Placed(String where, Edition edition) {
    }

    private static MarkdownImporter importer() {
        return new MarkdownImporter(RandomIds.seeded(11));
    }

    /** The vector in every place a person's words reach the page. */
    private static List<Placed> placements(String vector) {
        List<Placed> out = new ArrayList<>();
        Map<String, String> meta = new LinkedHashMap<>();
        for (String key : List.of(DocumentMeta.CONFERENCE, DocumentMeta.PLACE, DocumentMeta.DATE, DocumentMeta.SYMBOL,
                DocumentMeta.LANGUAGE, "agenda-item")) {
            meta.put(key, vector);
        }
        List<Clause> clauses = List.of(
                Clause.fresh("h", ClauseKind.HEADING, vector),
                Clause.fresh("pp", ClauseKind.PREAMBULAR, "*Recalling* " + vector + ","),
                Clause.fresh("op", ClauseKind.OPERATIVE, "*Calls upon* " + vector + "[^n];"),
                Clause.fresh("sub", ClauseKind.SUB_PARAGRAPH, vector),
                Clause.fresh("free", ClauseKind.FREE_TEXT, vector),
                Clause.fresh("fn", ClauseKind.FOOTNOTE, "[^n]: " + vector));
        Document text = new Document("d", "Title", DocumentMeta.EMPTY, DocumentStatus.DRAFTING, 3, clauses);
        out.add(new Placed("clauses of every kind and a footnote", Edition.of(text)));
        out.add(new Placed("an imported draft", Edition.of(importer().read("d", "# Draft\n\n" + vector + "\n"))));
        out.add(new Placed("an imported operative paragraph",
                Edition.of(importer().read("d", "# Draft\n\n1. *Calls upon* " + vector + "\n"))));
        out.add(new Placed("the title", Edition.of(text.withTitle(vector))));
        out.add(new Placed("the front matter", Edition.of(new Document("d", "T", new DocumentMeta(meta),
                DocumentStatus.DRAFTING, 0, clauses))));
        out.add(new Placed("a clause id", Edition.of(text.withClauses(List.of(
                Clause.fresh(vector, ClauseKind.OPERATIVE, "text"))))));
        out.add(new Placed("amendments", new Edition(text, List.of(
                amendment(vector, AmendmentKind.MODIFY, "op", vector, vector, List.of(vector)),
                amendment("a2", AmendmentKind.INSERT, "pp", vector, "Graz", List.of()),
                amendment("a3", AmendmentKind.MODIFY, "free", vector, null, List.of(vector)),
                amendment("a4", AmendmentKind.MOVE, "sub", null, vector, List.of()),
                amendment("a5", AmendmentKind.DELETE, "gone", null, vector, List.of())),
                Map.of(vector, vector, "a3", vector), List.of(), null)));
        out.add(new Placed("a vote", new Edition(text, List.of(), Map.of(), List.of(
                vote(vector, VoteSubject.CLAUSE, vector), vote("v2", VoteSubject.AMENDMENT, vector)), null)));
        out.add(new Placed("the adoption stamp", new Edition(text.withStatus(DocumentStatus.ADOPTED), List.of(), Map.of(),
                List.of(), new AdoptionStamp(3, vector, vector))));
        return out;
    }

    private static Amendment amendment(String id, AmendmentKind kind, String clauseId, String proposed, String sponsor,
                                       List<String> others) {
        return new Amendment(id, kind, clauseId, kind == AmendmentKind.MOVE ? "pp" : null,
                kind == AmendmentKind.INSERT ? ClauseKind.OPERATIVE : null, 0, "text", proposed, sponsor, others,
                proposed, "u1", sponsor, AmendmentState.TABLED, null, sponsor == null ? others : List.of(), "2026-01-01T00:00:00Z");
    }

    private static FormalVote vote(String text, VoteSubject subject, String subjectId) {
        List<Ballot> ballots = List.of(new Ballot(text, text, BallotChoice.YES), new Ballot("Graz", "Ana", BallotChoice.NO));
        return new FormalVote(text, subject, subjectId, text, MajorityRule.SIMPLE, BallotKind.ROLL_CALL, 1,
                List.of(text, "Graz"), VoteStage.CLOSED, List.of(text, "Graz"), ballots,
                VoteCount.count(MajorityRule.SIMPLE, 1, 2, new Tally(1, 1, 0)), text, text);
    }
}
