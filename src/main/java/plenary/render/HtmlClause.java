package plenary.render;

import com.vladsch.flexmark.util.ast.Node;
import plenary.document.Clause;
import plenary.document.ClauseKind;

import static plenary.render.HtmlText.escape;

/**
 * One clause of the text as an HTML block that keeps the clause's id, so a reader, a link or a
 * test can find the paragraph whatever its number is today. Each block carries its own direction:
 * an Arabic paragraph runs right to left inside a French document.
 */
final class HtmlClause {
    private HtmlClause() {
    }

    /**
     * @param number the clause's printed number ("1", "(a)", "PP2"), or null
     * @param compilation whether this is the compilation, which prints a preambular paragraph's number
     *                    ("PP2") so the room can cite it
     * @param badge       whether to show the clause's negotiation status, as a draft's compilation does
     */
    static void render(StringBuilder out, Clause clause, String number, Node parsed, HtmlMarkdown markdown,
                       boolean compilation, boolean badge) {
        if (clause.kind() == ClauseKind.FOOTNOTE) {
            throw new IllegalArgumentException("footnotes are printed with the notes, not in the text");
        }
        String attributes = " id=\"clause-" + escape(clause.id()) + "\" data-clause=\"" + escape(clause.id()) + "\""
                + (number == null ? "" : " data-number=\"" + escape(number) + "\"")
                + " dir=\"" + TextDirection.of(parsed).html() + "\"";
        String kind = "clause " + clause.kind().wireName();
        String status = badge ? badge(clause) : "";
        String pp = compilation && clause.kind() == ClauseKind.PREAMBULAR && number != null
                ? "<span class=\"pp-number\">" + escape(number) + "</span>" : "";
        switch (clause.kind()) {
            case HEADING -> {
                // A heading's text is one line of inline Markdown; anything else is shown as typed.
                String inline = markdown.inline(parsed);
                out.append("<h2 class=\"").append(kind).append('"').append(attributes).append('>')
                        .append(inline == null ? escape(clause.text()) : inline).append(status).append("</h2>\n");
            }
            case OPERATIVE, SUB_PARAGRAPH -> {
                String label = clause.kind() == ClauseKind.OPERATIVE ? number + "." : number;
                out.append("<div class=\"").append(kind).append('"').append(attributes).append(">\n")
                        .append("<span class=\"num\">").append(escape(label)).append("</span>\n")
                        .append("<div class=\"body\">").append(status).append('\n')
                        .append(markdown.blocks(parsed)).append("</div>\n</div>\n");
            }
            default -> out.append("<div class=\"").append(kind).append('"').append(attributes).append(">\n")
                    .append(pp).append(status).append(markdown.blocks(parsed)).append("</div>\n");
        }
    }

    static String badge(Clause clause) {
        return "<span class=\"status status-" + clause.status().wireName() + "\">"
                + escape(Wording.status(clause.status())) + "</span>";
    }
}
