package plenary.document;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The "---"-fenced block of {@code key: value} lines at the top of a draft. Deliberately not YAML:
 * people write "conference: Human Rights Go Local: What Works" and expect the colon to stay.
 */
record FrontMatter(Map<String, String> fields, String body) {
    private static final Pattern LINE = Pattern.compile("([A-Za-z][A-Za-z0-9_-]*)[ \\t]*:[ \\t]*(.*)");

    /**
     * Splits the front matter off, or returns empty when there is none or when any line in it is not
     * a key-value pair: then the whole text is left to the Markdown parser so nothing is lost.
     */
    static Optional<FrontMatter> split(String markdown) {
        if (!markdown.startsWith("---\n")) {
            return Optional.empty();
        }
        Map<String, String> fields = new LinkedHashMap<>();
        int lineStart = 4;
        while (lineStart <= markdown.length()) {
            int lineEnd = markdown.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = markdown.length();
            }
            String line = markdown.substring(lineStart, lineEnd).stripTrailing();
            if (line.equals("---")) {
                String body = lineEnd >= markdown.length() ? "" : markdown.substring(lineEnd + 1);
                return Optional.of(new FrontMatter(fields, body));
            }
            if (!line.isEmpty()) {
                Matcher m = LINE.matcher(line);
                if (!m.matches() || fields.containsKey(m.group(1))) {
                    return Optional.empty();
                }
                fields.put(m.group(1), m.group(2).strip());
            }
            lineStart = lineEnd + 1;
        }
        return Optional.empty();
    }
}
