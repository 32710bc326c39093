package plenary.render;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The exported edition's only style sheet, inline so the file stands alone, and the page's content
 * security policy. The policy allows this sheet by its hash and nothing else: no script at all, no
 * other style, no frames, forms or base URL. It is a second wall behind the escaping, should a
 * renderer bug ever let markup through.
 */
final class HtmlStyle {
    /** Laid out like a UN outcome document: serif text, hanging paragraph numbers, a masthead. */
    static final String CSS = """
            @page { size: A4; margin: 2cm 2.2cm; }
            html { font-family: "Times New Roman", "Noto Serif", "Noto Naskh Arabic", "Noto Serif CJK SC", serif; \
            font-size: 12pt; line-height: 1.45; color: #111; background: #fff; }
            body { max-width: 42em; margin: 2em auto; padding: 0 1.5em; }
            .masthead { display: flex; justify-content: space-between; gap: 2em; \
            border-bottom: 2px solid #111; padding-bottom: .5em; margin-bottom: 1.5em; font-size: .92em; }
            .masthead p { margin: 0 0 .2em; }
            .masthead .reference { text-align: end; }
            .symbol { font-weight: bold; }
            h1 { font-size: 1.35em; line-height: 1.3; text-align: center; margin: 1em 0 1.2em; }
            h2 { font-size: 1.1em; margin: 1.6em 0 .8em; }
            .banner { border: 2px solid; padding: .5em .9em; margin: 0 0 1.5em; font-family: sans-serif; font-size: .9em; }
            .banner p { margin: .2em 0; }
            .banner.draft { border-color: #b00020; color: #b00020; }
            .draft-mark { letter-spacing: .2em; margin-inline-end: .8em; }
            .banner.adopted { border-color: #1b5e20; color: #1b5e20; }
            .banner .hash { font-family: monospace; font-size: .85em; overflow-wrap: anywhere; }
            .clause { margin: 0 0 .8em; }
            .clause p { margin: 0 0 .6em; }
            .clause p:last-child { margin-bottom: 0; }
            .clause.preambular > p:first-of-type { text-indent: 2.5em; }
            .clause.operative, .clause.sub-paragraph { display: grid; grid-template-columns: 2.5em 1fr; }
            .clause.sub-paragraph { margin-inline-start: 2.5em; }
            .clause .num { grid-column: 1; direction: ltr; unicode-bidi: isolate; }
            .clause .body { grid-column: 2; min-width: 0; }
            .clause table, .change table { border-collapse: collapse; margin: .5em 0; }
            .clause th, .clause td { border: 1px solid #999; padding: .2em .5em; }
            .clause blockquote { margin: .5em 2em; }
            .fnref a { text-decoration: none; }
            .stray-note { font-size: .9em; }
            ins { font-weight: bold; text-decoration: underline; }
            del { text-decoration: line-through; }
            .status { float: inline-end; margin-inline-start: .8em; padding: 0 .5em; border: 1px solid; \
            border-radius: .8em; font: .75em/1.6 sans-serif; }
            .status-bracketed { color: #8a5300; }
            .status-agreed-ad-ref { color: #0d47a1; }
            .status-agreed { color: #1b5e20; }
            .pp-number { float: inline-start; margin-inline-end: .6em; font: bold .8em/1.9 sans-serif; color: #555; }
            .legend { font-family: sans-serif; font-size: .85em; border: 1px solid #999; padding: .4em .9em; margin: 0 0 1.5em; }
            .legend p, .legend ul { margin: .3em 0; }
            .changes { margin: -.3em 0 1em 2.5em; margin-inline-start: 2.5em; padding-inline-start: .8em; \
            border-inline-start: 3px solid #888; font-size: .93em; }
            .change { margin: 0 0 .6em; }
            .change p { margin: 0 0 .2em; }
            .change-head { font-family: sans-serif; font-size: .88em; }
            .change-title { font-weight: bold; }
            .standing { color: #555; }
            .standing.conflicting, .standing.obsolete { color: #b00020; }
            .conflict { font-weight: bold; color: #b00020; border: 1px solid; padding: 0 .3em; }
            .diff { white-space: pre-line; }
            .rationale { font-style: italic; color: #333; }
            .notes { border-top: 1px solid #111; margin-top: 2em; padding-top: .5em; font-size: .9em; }
            .note { display: grid; grid-template-columns: 2em 1fr; margin: 0 0 .4em; }
            .note p { margin: 0 0 .3em; }
            .note .back { text-decoration: none; }
            .annex { margin-top: 3em; border-top: 2px solid #111; }
            .annex h2 { text-align: center; }
            .vote { margin: 0 0 1.5em; break-inside: avoid; }
            .vote h3 { font-size: 1em; }
            .vote dl { display: grid; grid-template-columns: max-content 1fr; gap: .1em 1em; margin: .4em 0; }
            .vote dt { font-weight: bold; }
            .vote dd { margin: 0; }
            .roll-call { border-collapse: collapse; margin: .4em 0; }
            .roll-call th, .roll-call td { border: 1px solid #999; padding: .15em .6em; text-align: start; }
            @media print { body { max-width: none; margin: 0; padding: 0; } .changes, .vote { break-inside: avoid; } }
            """;

    /** Allows exactly {@link #CSS}; written in a meta element, so it holds when the file is opened from disk. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src '" + hash(CSS)
            + "'; img-src http: https:; base-uri 'none'; form-action 'none'";

    private HtmlStyle() {
    }

    private static String hash(String css) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(css.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
