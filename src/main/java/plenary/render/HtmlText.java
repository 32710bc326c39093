package plenary.render;

/**
 * Escapes text written into HTML outside the Markdown renderer: titles, front matter, sponsor
 * names, vote questions. One escape serves element text and quoted attribute values alike, so no
 * caller has to know which it is writing.
 */
final class HtmlText {
    private HtmlText() {
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                // A NUL means nothing to a reader, and HTML parsers disagree on what to do with one.
                case '\u0000' -> out.append('\uFFFD');
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
