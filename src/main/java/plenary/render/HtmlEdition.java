package plenary.render;

import com.vladsch.flexmark.util.ast.Node;
import plenary.document.Clause;
import plenary.document.ClauseKind;
import plenary.document.Document;
import plenary.document.DocumentMeta;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static plenary.render.HtmlText.escape;

/**
 * An edition as one standalone HTML5 file, laid out like a UN outcome document: masthead, title,
 * draft or adoption line, the clauses, the notes, and the annex of formal votes. The compilation
 * variant adds each clause's status and pending amendments.
 *
 * <p>The file is opened by people other than the delegates who typed its Markdown, so nothing in it
 * may run: Markdown goes through {@link HtmlMarkdown} (raw HTML escaped, addresses checked by
 * {@link SafeLinks}), every other string is escaped by {@link HtmlText}, and the page's content
 * security policy ({@link HtmlStyle}) forbids scripts should anything slip through.
 */
public final class HtmlEdition {
    // A language tag as BCP 47 spells it; anything else in the front matter falls back to English.
    private static final Pattern LANGUAGE_TAG = Pattern.compile("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*");

    private HtmlEdition() {
    }

    /** The page's content security policy, for the HTTP header that serves it too. */
    public static final String CONTENT_SECURITY_POLICY = HtmlStyle.CONTENT_SECURITY_POLICY;

    public static String render(Edition edition, Variant variant) {
        Document document = edition.document();
        Map<String, Node> parsed = new LinkedHashMap<>();
        for (Clause clause : document.clauses()) {
            parsed.put(clause.id(), ClauseMarkdown.parse(clause));
        }
        Footnotes notes = Footnotes.of(document, parsed);
        HtmlMarkdown markdown = new HtmlMarkdown(notes);
        HtmlCompilation compilation = variant == Variant.COMPILATION ? new HtmlCompilation(Compilation.of(edition)) : null;

        StringBuilder out = new StringBuilder(32 * 1024);
        out.append("<!DOCTYPE html>\n<html lang=\"").append(language(document.meta())).append("\">\n");
        head(out, document);
        out.append("<body class=\"").append(variant.wireName()).append(edition.adopted() ? " adopted" : " draft")
                .append("\">\n");
        masthead(out, document);
        standing(out, edition);
        if (compilation != null) {
            compilation.legend(out, edition);
        }
        out.append("<main class=\"text\">\n");
        List<String> numbers = document.numbers();
        for (int i = 0; i < document.clauses().size(); i++) {
            Clause clause = document.clauses().get(i);
            if (clause.kind() == ClauseKind.FOOTNOTE) {
                continue;
            }
            HtmlClause.render(out, clause, numbers.get(i), parsed.get(clause.id()), markdown, compilation != null,
                    compilation != null && !edition.adopted());
            if (compilation != null) {
                compilation.changes(out, clause.id());
            }
        }
        out.append("</main>\n");
        HtmlNotes.render(out, document, parsed, notes, markdown, compilation);
        if (compilation != null) {
            compilation.rest(out, edition.pending());
        }
        if (!edition.votes().isEmpty()) {
            HtmlVotes.annex(out, edition);
        }
        return out.append("</body>\n</html>\n").toString();
    }

    private static void head(StringBuilder out, Document document) {
        out.append("<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"")
                .append(escape(HtmlStyle.CONTENT_SECURITY_POLICY)).append("\">\n")
                .append("<title>").append(escape(title(document))).append("</title>\n")
                .append("<style>").append(HtmlStyle.CSS).append("</style>\n</head>\n");
    }

    /** Conference and place and date on the left; symbol and original language on the right. */
    private static void masthead(StringBuilder out, Document document) {
        DocumentMeta meta = document.meta();
        List<String> when = new ArrayList<>();
        meta.place().filter(s -> !s.isBlank()).ifPresent(when::add);
        meta.date().filter(s -> !s.isBlank()).map(Wording::metaDate).ifPresent(when::add);
        out.append("<header class=\"masthead\">\n<div class=\"meeting\">\n");
        meta.conference().filter(s -> !s.isBlank())
                .ifPresent(c -> out.append("<p class=\"conference\">").append(escape(c)).append("</p>\n"));
        if (!when.isEmpty()) {
            out.append("<p class=\"place-date\">").append(escape(String.join(", ", when))).append("</p>\n");
        }
        out.append("</div>\n<div class=\"reference\">\n");
        meta.symbol().filter(s -> !s.isBlank())
                .ifPresent(s -> out.append("<p class=\"symbol\">").append(escape(s)).append("</p>\n"));
        Wording.original(meta).ifPresent(o -> out.append("<p class=\"original\">").append(escape(o)).append("</p>\n"));
        out.append("</div>\n</header>\n");
        if (!document.title().isBlank()) {
            out.append("<h1 dir=\"").append(TextDirection.of(document.title()).html()).append("\">")
                    .append(escape(document.title())).append("</h1>\n");
        }
    }

    /** A draft says so prominently; an adopted text states its adoption and the hash that certifies it. */
    private static void standing(StringBuilder out, Edition edition) {
        if (!edition.adopted()) {
            out.append("<div class=\"banner draft\" role=\"note\">\n<p><strong class=\"draft-mark\">")
                    .append(escape(Wording.DRAFT)).append("</strong> ")
                    .append(escape(Wording.draftLine(edition.document().revision()))).append("</p>\n</div>\n");
        } else if (edition.adoption() != null) {
            out.append("<div class=\"banner adopted\" role=\"note\">\n<p class=\"adopted-line\">")
                    .append(escape(Wording.adoptedLine(edition.adoption(), edition.document().meta()))).append("</p>\n<p class=\"hash\">")
                    .append(escape(Wording.hashLine(edition.adoption()))).append("</p>\n</div>\n");
        } else {
            out.append("<div class=\"banner adopted\" role=\"note\">\n<p class=\"adopted-line\">Adopted text, revision ")
                    .append(edition.document().revision()).append("</p>\n</div>\n");
        }
    }

    private static String title(Document document) {
        if (!document.title().isBlank()) {
            return document.title();
        }
        return document.meta().symbol().orElse("Outcome document");
    }

    private static String language(DocumentMeta meta) {
        return meta.language().map(String::strip).filter(l -> LANGUAGE_TAG.matcher(l).matches()).orElse("en");
    }
}
