package plenary.render;

import com.vladsch.flexmark.ext.footnotes.FootnoteBlock;
import com.vladsch.flexmark.util.ast.BlankLine;
import com.vladsch.flexmark.util.ast.Node;
import plenary.document.Clause;
import plenary.document.ClauseKind;
import plenary.document.Document;

import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static plenary.render.HtmlText.escape;

/**
 * The notes at the end of the text, numbered as {@link Footnotes} numbers them, each linking back
 * to where it is first cited. Whatever else a footnote clause holds (a second definition of a
 * label, a loose paragraph) follows the notes, so no text is dropped; in the compilation, each
 * footnote clause's amendments follow its note.
 */
final class HtmlNotes {
    private HtmlNotes() {
    }

    /** Call after the text is rendered: only then is it known which notes the text cites. */
    static void render(StringBuilder out, Document document, Map<String, Node> parsed, Footnotes notes,
                       HtmlMarkdown markdown, HtmlCompilation compilation) {
        List<Clause> footnoteClauses = document.clauses().stream().filter(c -> c.kind() == ClauseKind.FOOTNOTE).toList();
        Map<Node, String> home = new IdentityHashMap<>();
        for (Clause clause : footnoteClauses) {
            for (Node n = parsed.get(clause.id()).getFirstChild(); n != null; n = n.getNext()) {
                if (n instanceof FootnoteBlock) {
                    home.put(n, clause.id());
                }
            }
        }
        Set<Node> numbered = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<String> amended = new HashSet<>();
        StringBuilder section = new StringBuilder();
        for (Footnotes.Note note : notes.all()) {
            numbered.add(note.content());
            int n = note.number();
            String clauseId = home.get(note.content());
            section.append("<div class=\"note\" id=\"fn-").append(n).append('"')
                    .append(clauseId == null ? "" : " data-clause=\"" + escape(clauseId) + "\"")
                    .append(" dir=\"").append(TextDirection.of(note.content()).html()).append("\">\n")
                    .append(markdown.cited(n)
                            ? "<a class=\"num back\" href=\"#fnref-" + n + "\" title=\"Back to the text\">" + n + "</a>\n"
                            : "<span class=\"num\">" + n + "</span>\n")
                    .append("<div class=\"body\">\n").append(markdown.note(note.content())).append("</div>\n</div>\n");
            if (compilation != null && clauseId != null && amended.add(clauseId)) {
                compilation.changes(section, clauseId);
            }
        }
        for (Clause clause : footnoteClauses) {
            StringBuilder rest = new StringBuilder();
            for (Node n = parsed.get(clause.id()).getFirstChild(); n != null; n = n.getNext()) {
                if (!numbered.contains(n) && !(n instanceof BlankLine)) {
                    rest.append(markdown.block(n));
                }
            }
            if (!rest.isEmpty()) {
                section.append("<div class=\"clause footnote\" id=\"clause-").append(escape(clause.id()))
                        .append("\" data-clause=\"").append(escape(clause.id())).append("\" dir=\"")
                        .append(TextDirection.of(parsed.get(clause.id())).html()).append("\">\n")
                        .append(rest).append("</div>\n");
            }
            if (compilation != null && amended.add(clause.id())) {
                compilation.changes(section, clause.id());
            }
        }
        if (!section.isEmpty()) {
            out.append("<section class=\"notes\" aria-label=\"Notes\">\n").append(section).append("</section>\n");
        }
    }
}
