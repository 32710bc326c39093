package plenary.render;

import plenary.amendment.AmendmentKind;
import plenary.amendment.Standing;
import plenary.document.ClauseStatus;
import plenary.document.DocumentMeta;

import java.util.Locale;
import java.util.Optional;

/**
 * The fixed words of an exported document, shared by HTML and PDF so both say the same thing.
 * English, like the secretariat's cover pages; the clauses keep their own language.
 */
public final class Wording {
    public static final String DRAFT = "DRAFT";

    private Wording() {
    }

    /** "Original: French" from the front matter's language code; empty when none is given. */
    public static Optional<String> original(DocumentMeta meta) {
        return meta.language().filter(l -> !l.isBlank()).map(code -> {
            String name = Locale.forLanguageTag(code.strip()).getDisplayLanguage(Locale.ENGLISH);
            return "Original: " + (name.isEmpty() ? code.strip() : name);
        });
    }

    public static String page(int page, int pages) {
        return "Page " + page + " of " + pages;
    }

    public static String draftLine(long revision) {
        return "Draft, revision " + revision + ": not an adopted text";
    }

    public static String adoptedLine(AdoptionStamp stamp) {
        return "Adopted on " + day(stamp.adoptedAt()) + ", revision " + stamp.revision();
    }

    /** An adopted text whose adoption record is missing (stored as adopted by other means). */
    public static String adoptedWithoutStamp(long revision) {
        return "Adopted text, revision " + revision;
    }

    public static String hashLine(AdoptionStamp stamp) {
        return "SHA-256 of the adopted text: " + stamp.sha256();
    }

    /** The date part of an ISO-8601 instant ("2026-11-27T10:00:00Z" → "2026-11-27"). */
    public static String day(String instant) {
        int t = instant.indexOf('T');
        return t > 0 ? instant.substring(0, t) : instant;
    }

    /**
     * What a compilation is, under its title: the negotiation text with what is pending on it, or,
     * once the text is adopted, the adopted text (with whatever was left pending at adoption).
     */
    public static String compilationSubtitle(Edition edition) {
        if (!edition.adopted()) {
            return "Compilation text: the current text with every pending amendment";
        }
        return edition.pending().isEmpty() ? "Compilation text of the adopted text: no amendment was pending at adoption"
                : "Compilation text of the adopted text, with the amendments left pending at adoption, which it does not contain";
    }

    public static String status(ClauseStatus status) {
        return switch (status) {
            case BRACKETED -> "bracketed";
            case AGREED_AD_REF -> "agreed ad ref";
            case AGREED -> "agreed";
        };
    }

    public static String standing(Standing.Kind kind) {
        return switch (kind) {
            case CURRENT -> "current";
            case REBASED -> "rebased onto the current text";
            case CONFLICTING -> "conflicts with the current text";
            case OBSOLETE -> "obsolete: its paragraph is gone";
        };
    }

    /** "A3 (modify) by Graz, Gwangju" or "A4 (compromise replacing A2, A3)". */
    /** "A3 (modify OP2) by City of Graz": its number, what it does to which paragraph, who proposes it. */
    public static String heading(PendingChange change) {
        String cited = change.clauseCitation() != null ? " " + change.clauseCitation()
                : change.kind() == AmendmentKind.INSERT ? " this one" : "";
        StringBuilder out = new StringBuilder(change.label()).append(" (").append(kind(change.kind())).append(cited);
        if (change.compromise()) {
            out.append(", rapporteurs' compromise");
            if (!change.lineage().isEmpty()) {
                out.append(" replacing ").append(String.join(", ", change.lineage()));
            }
            out.append(')');
        } else {
            out.append(") by ").append(String.join(", ", change.sponsors()));
        }
        return out.toString();
    }

    public static String kind(AmendmentKind kind) {
        return switch (kind) {
            case MODIFY -> "modify";
            case INSERT -> "new paragraph after";
            case DELETE -> "delete";
            case MOVE -> "move";
        };
    }

    public static String moveTarget(PendingChange change) {
        return change.afterNumber() == null ? "Move to the top of the text" : "Move after " + change.afterNumber();
    }
}
