package plenary.render;

import com.vladsch.flexmark.util.sequence.Html5Entities;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;

/**
 * Which link and image addresses an exported edition may carry. Delegates type the Markdown and
 * other people open the file, so an address passes only when it is plainly http, https, mailto,
 * an in-document fragment or a relative path; anything else a browser might run is refused.
 *
 * <p>The scheme is read from what a browser would end up with, and more suspiciously: character
 * references are decoded (Flexmark writes {@code &#106;} through into attributes, and browsers
 * decode it), so are percent escapes, and every control, space and invisible format character is
 * dropped (browsers drop tabs and newlines anywhere, and controls and spaces at the ends). Any
 * colon before the first {@code / ? #} then names a scheme. Refusing a harmless oddity costs a
 * link; allowing a script costs someone's session.
 */
public final class SafeLinks {
    private static final Set<String> SCHEMES = Set.of("http", "https", "mailto");
    // Decoding again until nothing changes undoes nested disguises ("&amp;#106;"); a bound keeps it linear.
    private static final int ROUNDS = 8;

    private SafeLinks() {
    }

    public static boolean allowed(CharSequence url) {
        if (url == null) {
            return false;
        }
        String scheme = scheme(canonical(url.toString()));
        return scheme == null || SCHEMES.contains(scheme);
    }

    /** An allowed address that leaves the document for another site or program: it gets rel="nofollow noopener". */
    public static boolean external(CharSequence url) {
        if (!allowed(url)) {
            return false;
        }
        String seen = canonical(url.toString());
        // "//host" and, to browsers, "\\host" or "/\host" keep the page's scheme but name another site.
        return scheme(seen) != null || seen.length() > 1 && isSlash(seen.charAt(0)) && isSlash(seen.charAt(1));
    }

    /** The address as the scheme check reads it. */
    static String canonical(String url) {
        String text = url;
        for (int round = 0; round < ROUNDS; round++) {
            String next = strip(percentDecode(decodeReferences(Normalizer.normalize(text, Normalizer.Form.NFKC))));
            if (next.equals(text)) {
                break;
            }
            text = next;
        }
        return text;
    }

    /** Lower-cased text before the first colon, or null when a "/ ? # \\" comes first (a relative address). */
    private static String scheme(String canonical) {
        for (int i = 0; i < canonical.length(); i++) {
            char c = canonical.charAt(i);
            if (c == ':') {
                return canonical.substring(0, i).toLowerCase(Locale.ROOT);
            }
            if (isSlash(c) || c == '?' || c == '#') {
                return null;
            }
        }
        return null;
    }

    private static boolean isSlash(char c) {
        return c == '/' || c == '\\';
    }

    /** Drops what browsers skip or what hides a character: controls, spaces, zero-width and bidi marks. */
    private static String strip(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().filter(cp -> !(cp <= 0x20 || Character.isWhitespace(cp) || Character.isSpaceChar(cp)
                || Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT))
                .forEach(out::appendCodePoint);
        return out.toString();
    }

    /** Numeric references with or without ";" and leading zeros, as browsers accept them; named ones with ";". */
    private static String decodeReferences(String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int end = c == '&' ? referenceEnd(text, i) : -1;
            if (end < 0) {
                out.append(c);
                i++;
                continue;
            }
            String reference = text.substring(i, end);
            String decoded = decode(reference);
            out.append(decoded == null ? reference : decoded);
            i = end;
        }
        return out.toString();
    }

    /** Where a reference starting at {@code at} ends (after its ";" if any), or -1 when none starts there. */
    private static int referenceEnd(String text, int at) {
        int i = at + 1;
        if (i < text.length() && text.charAt(i) == '#') {
            i++;
            boolean hex = i < text.length() && (text.charAt(i) == 'x' || text.charAt(i) == 'X');
            if (hex) {
                i++;
            }
            int digits = i;
            while (i < text.length() && Character.digit(text.charAt(i), hex ? 16 : 10) >= 0) {
                i++;
            }
            if (i == digits) {
                return -1;
            }
        } else {
            int letters = i;
            while (i < text.length() && Character.isLetterOrDigit(text.charAt(i)) && text.charAt(i) < 0x80) {
                i++;
            }
            if (i == letters || i >= text.length() || text.charAt(i) != ';') {
                return -1;
            }
        }
        return i < text.length() && text.charAt(i) == ';' ? i + 1 : i;
    }

    private static String decode(String reference) {
        String body = reference.endsWith(";") ? reference.substring(1, reference.length() - 1) : reference.substring(1);
        if (body.startsWith("#")) {
            boolean hex = body.length() > 1 && (body.charAt(1) == 'x' || body.charAt(1) == 'X');
            String digits = body.substring(hex ? 2 : 1).replaceFirst("^0+(?=.)", "");
            if (digits.length() > 7) {
                return "\uFFFD";
            }
            int cp = Integer.parseInt(digits, hex ? 16 : 10);
            return Character.isValidCodePoint(cp) && cp != 0 ? new String(Character.toChars(cp)) : "\uFFFD";
        }
        String named = Html5Entities.entityToString(reference);
        return named.equals(reference) ? null : named;
    }

    /** Decodes %XX escapes of ASCII characters; others stay as written, as they cannot spell a scheme. */
    private static String percentDecode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length()) {
                int hi = Character.digit(text.charAt(i + 1), 16);
                int lo = Character.digit(text.charAt(i + 2), 16);
                if (hi >= 0 && lo >= 0 && hi < 8) {
                    out.append((char) (hi * 16 + lo));
                    i += 2;
                    continue;
                }
            }
            out.append(c);
        }
        return out.toString();
    }
}
