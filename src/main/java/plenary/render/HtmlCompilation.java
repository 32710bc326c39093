package plenary.render;

import plenary.amendment.Amendment;
import plenary.amendment.AmendmentKind;
import plenary.amendment.Segment;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import static plenary.render.HtmlText.escape;

/**
 * The compilation's additions to the text: a legend, and under each clause its pending amendments
 * with their sponsors, standing, conflict group and word diff. Remembers which clauses it has
 * printed, so amendments whose paragraph is gone are still shown at the end and none is lost.
 */
final class HtmlCompilation {
    private final Compilation compilation;
    private final Set<String> printed = new HashSet<>();

    HtmlCompilation(Compilation compilation) {
        this.compilation = compilation;
    }

    void legend(StringBuilder out, Edition edition) {
        out.append("<aside class=\"legend\">\n<p>").append(escape(Wording.compilationSubtitle(edition))).append(".");
        if (!edition.pending().isEmpty()) {
            out.append(" Words an amendment would add are <ins>bold and underlined</ins>; words it would remove are ")
                    .append("<del>struck through</del>.");
        }
        out.append("</p>\n");
        if (!compilation.conflictGroups().isEmpty()) {
            out.append("<p>Amendments in conflict, which cannot all be adopted as written:</p>\n<ul class=\"conflicts\">\n");
            compilation.conflictGroups().forEach((label, members) -> out.append("<li><span class=\"conflict\">")
                    .append(escape(label)).append("</span> ").append(escape(String.join(", ", members))).append("</li>\n"));
            out.append("</ul>\n");
        }
        out.append("</aside>\n");
    }

    /** The amendments printed under one clause, if any. */
    void changes(StringBuilder out, String clauseId) {
        printed.add(clauseId);
        List<PendingChange> changes = compilation.on(clauseId);
        if (changes.isEmpty()) {
            return;
        }
        out.append("<div class=\"changes\" data-for=\"").append(escape(clauseId)).append("\">\n");
        changes.forEach(change -> change(out, change));
        out.append("</div>\n");
    }

    /** Amendments to clauses the text no longer has (obsolete ones), which no clause printed. */
    void rest(StringBuilder out, List<Amendment> pending) {
        Set<String> left = pending.stream().map(Amendment::clauseId).filter(id -> !printed.contains(id))
                .filter(id -> !compilation.on(id).isEmpty()).collect(Collectors.toCollection(LinkedHashSet::new));
        if (left.isEmpty()) {
            return;
        }
        out.append("<section class=\"orphans\">\n<h2>Amendments to paragraphs no longer in the text</h2>\n");
        left.forEach(id -> changes(out, id));
        out.append("</section>\n");
    }

    private static void change(StringBuilder out, PendingChange change) {
        String id = escape(change.id());
        out.append("<div class=\"change ").append(change.kind().name().toLowerCase(Locale.ROOT)).append("\" id=\"amendment-")
                .append(id).append("\" data-amendment=\"").append(id).append("\">\n")
                .append("<p class=\"change-head\"><span class=\"change-title\">").append(escape(Wording.heading(change)))
                .append("</span> <span class=\"standing ").append(change.standing().name().toLowerCase(Locale.ROOT)).append("\">")
                .append(escape(Wording.standing(change.standing()))).append("</span>");
        if (change.conflictLabel() != null) {
            out.append(" <span class=\"conflict\">").append(escape(change.conflictLabel())).append("</span>");
        }
        out.append("</p>\n");
        if (change.kind() == AmendmentKind.MOVE) {
            out.append("<p class=\"move\">").append(escape(Wording.moveTarget(change))).append("</p>\n");
        }
        if (!change.segments().isEmpty()) {
            String words = change.segments().stream().map(Segment::text).collect(Collectors.joining());
            out.append("<p class=\"diff\" dir=\"").append(TextDirection.of(words).html()).append("\">");
            for (Segment segment : change.segments()) {
                String text = escape(segment.text());
                switch (segment.kind()) {
                    case EQUAL -> out.append(text);
                    case INSERT -> out.append("<ins>").append(text).append("</ins>");
                    case DELETE -> out.append("<del>").append(text).append("</del>");
                }
            }
            out.append("</p>\n");
        }
        if (change.rationale() != null && !change.rationale().isBlank()) {
            out.append("<p class=\"rationale\">Rationale: ").append(escape(change.rationale())).append("</p>\n");
        }
        out.append("</div>\n");
    }
}
