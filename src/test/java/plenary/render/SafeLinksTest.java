package plenary.render;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SafeLinksTest {
    @ParameterizedTest
    @ValueSource(strings = {"https://www.ohchr.org/en", "HTTP://example.org", "mailto:secretariat@example.org",
            "#clause-x", "#fn-1", "annex/a.pdf", "./a:b", "../up", "/root", "?q=a:b", "//cdn.example.org/x",
            "https://example.org/%3Ajavascript:", "", "Résumé.pdf"})
    void allows(String url) {
        assertTrue(SafeLinks.allowed(url), url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)",
            "\u0001javascript:alert(1)", "java\tscript:alert(1)", "java\nscript:alert(1)", "java\u200Bscript:x",
            "&#106;avascript:x", "&#x6A;avascript:x", "&#0000106&#0000097vascript:x", "javascript&colon;x",
            "&amp;#106;avascript:x", "java&Tab;script:x", "%6Aavascript:x", "javascript%3Ax", "vbscript:x",
            "data:text/html,x", "data:image/png;base64,AAAA", "file:///etc/passwd", "ｊａｖａｓｃｒｉｐｔ：x", ":x",
            "tel:+4312345", "c:\\windows"})
    void refuses(String url) {
        assertFalse(SafeLinks.allowed(url), url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://example.org", "mailto:a@example.org", "//example.org", "\\\\example.org", "/\\example.org"})
    void marksLinksOut(String url) {
        assertTrue(SafeLinks.external(url), url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"#fn-1", "annex/a.pdf", "/root", "javascript:x"})
    void leavesLinksWithinAlone(String url) {
        assertFalse(SafeLinks.external(url), url);
    }
}
