package plenary.render;

import com.vladsch.flexmark.util.sequence.Html5Entities;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deliberately strict reading of an exported page that finds anything a browser could run.
 * Written apart from {@link SafeLinks}, so the two cannot share a blind spot.
 *
 * <ul>
 *   <li>The head must be exactly the exporter's: charset, viewport, the content security policy,
 *       a title with no markup, and one style sheet with no markup and no script-like CSS.</li>
 *   <li>In the body every {@code <} must open or close a tag from a short list of harmless ones,
 *       with only known attributes, all double-quoted; so no comment, CDATA, processing instruction,
 *       script, frame, object, embed, svg, math, style, meta, base or form can hide there.</li>
 *   <li>Every href and src, after decoding character references (with or without ";") and dropping
 *       controls and whitespace as a browser does, is http, https, mailto, a fragment or relative.</li>
 * </ul>
 */
final class InertHtml {
    private static final Pattern HEAD = Pattern.compile("\\A<!DOCTYPE html>\n<html lang=\"[A-Za-z0-9-]+\">\n<head>\n"
            + "<meta charset=\"utf-8\">\n"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            + "<meta http-equiv=\"Content-Security-Policy\" content=\"([^\"<>]*)\">\n"
            + "<title>[^<>]*</title>\n<style>([^<]*)</style>\n</head>\n(?=<body)");
    private static final Set<String> TAGS = Set.of("body", "html", "header", "main", "section", "aside", "div", "p",
            "span", "h1", "h2", "h3", "h4", "h5", "h6", "em", "strong", "a", "sup", "ins", "del", "ul", "ol", "li",
            "table", "thead", "tbody", "tr", "th", "td", "blockquote", "pre", "code", "hr", "br", "img", "dl", "dt",
            "dd");
    private static final Set<String> ATTRIBUTES = Set.of("class", "id", "dir", "href", "src", "alt", "title", "rel",
            "role", "aria-label", "data-clause", "data-number", "data-for", "data-amendment", "start", "align");
    private static final Pattern TAG = Pattern.compile("<(/?)([A-Za-z][A-Za-z0-9]*)((?:\\s+[a-z-]+=\"[^\"<>]*\")*)\\s*/?>");
    private static final Pattern ATTRIBUTE = Pattern.compile("\\s+([a-z-]+)=\"([^\"<>]*)\"");
    private static final Set<String> SCHEMES = Set.of("http", "https", "mailto");
    private static final Pattern DANGEROUS_ATTRIBUTE = Pattern.compile(
            "[\\s/\"'](on[a-z]+|srcdoc|formaction|action|style|xlink:href|http-equiv)\\s*=", Pattern.CASE_INSENSITIVE);

    private InertHtml() {
    }

    /** What makes the page unsafe; empty when it is inert. */
    static List<String> problems(String page) {
        List<String> problems = new ArrayList<>();
        Matcher head = HEAD.matcher(page);
        if (!head.find()) {
            problems.add("the head is not the exporter's fixed head");
            return problems;
        }
        String policy = head.group(1).replace("&#39;", "'");
        if (!policy.startsWith("default-src 'none';") || policy.contains("unsafe") || policy.contains("script-src")) {
            problems.add("content security policy allows too much: " + policy);
        }
        String css = head.group(2).toLowerCase(Locale.ROOT);
        for (String bad : List.of("expression(", "url(", "@import", "javascript", "behavior", "-moz-binding")) {
            if (css.contains(bad)) {
                problems.add("style sheet contains " + bad);
            }
        }
        checkBody(page.substring(head.end()), problems);
        return problems;
    }

    private static void checkBody(String body, List<String> problems) {
        int at = 0;
        while ((at = body.indexOf('<', at)) >= 0) {
            Matcher tag = TAG.matcher(body).region(at, body.length());
            if (!tag.lookingAt()) {
                problems.add("markup the checker does not accept: " + excerpt(body, at));
                at++;
                continue;
            }
            String name = tag.group(2).toLowerCase(Locale.ROOT);
            if (!TAGS.contains(name)) {
                problems.add("tag <" + tag.group(1) + name + "> is not allowed");
            }
            Matcher attribute = ATTRIBUTE.matcher(tag.group(3));
            while (attribute.find()) {
                String attributeName = attribute.group(1);
                if (!ATTRIBUTES.contains(attributeName) || attributeName.startsWith("on")) {
                    problems.add("attribute " + attributeName + " in <" + name + ">");
                }
                if ((attributeName.equals("href") || attributeName.equals("src")) && !safeUrl(attribute.group(2))) {
                    problems.add(attributeName + " runs something: " + attribute.group(2));
                }
            }
            at = tag.end();
        }
        // Belt and braces for the brief's list, whatever the tokenizer above made of the text.
        String lower = body.toLowerCase(Locale.ROOT);
        for (String bad : List.of("<script", "<iframe", "<object", "<embed", "<svg", "<math", "<style", "<meta",
                "<base", "<link", "<form", "<!--", "<![cdata[", "<?")) {
            if (lower.contains(bad)) {
                problems.add("body contains " + bad);
            }
        }
        Matcher anyTag = Pattern.compile("<[^<>]*>").matcher(body);
        while (anyTag.find()) {
            String outsideValues = anyTag.group().replaceAll("\"[^\"]*\"|'[^']*'", "\"\"");
            if (DANGEROUS_ATTRIBUTE.matcher(outsideValues).find()) {
                problems.add("dangerous attribute: " + excerpt(body, anyTag.start()));
            }
        }
    }

    /** An attribute value as the browser reads it: http, https, mailto, a fragment or a relative path. */
    static boolean safeUrl(String attributeValue) {
        String url = decodeReferences(attributeValue);
        StringBuilder kept = new StringBuilder();
        url.codePoints().filter(cp -> cp > 0x20 && cp != 0x7F && !Character.isWhitespace(cp)
                && Character.getType(cp) != Character.FORMAT).forEach(kept::appendCodePoint);
        String seen = kept.toString();
        int colon = seen.indexOf(':');
        if (colon < 0) {
            return true;
        }
        String before = seen.substring(0, colon);
        if (before.contains("/") || before.contains("?") || before.contains("#") || before.contains("\\")) {
            return true;
        }
        return SCHEMES.contains(before.toLowerCase(Locale.ROOT));
    }

    private static String decodeReferences(String value) {
        Matcher reference = Pattern.compile("&(#[xX][0-9a-fA-F]+|#[0-9]+|[A-Za-z][A-Za-z0-9]*);?").matcher(value);
        StringBuilder out = new StringBuilder();
        while (reference.find()) {
            String body = reference.group(1);
            String decoded;
            if (body.startsWith("#")) {
                boolean hex = body.length() > 1 && (body.charAt(1) == 'x' || body.charAt(1) == 'X');
                String digits = body.substring(hex ? 2 : 1).replaceFirst("^0+(?=.)", "");
                long cp = digits.length() > 8 ? -1 : Long.parseLong(digits, hex ? 16 : 10);
                decoded = cp > 0 && cp <= Character.MAX_CODE_POINT ? Character.toString((int) cp) : "\uFFFD";
            } else {
                String named = Html5Entities.entityToString("&" + body + ";");
                decoded = named.equals("&" + body + ";") ? reference.group() : named;
            }
            reference.appendReplacement(out, Matcher.quoteReplacement(decoded));
        }
        reference.appendTail(out);
        return out.toString();
    }

    private static String excerpt(String text, int at) {
        return text.substring(at, Math.min(text.length(), at + 60)).replace("\n", "\\n");
    }
}
