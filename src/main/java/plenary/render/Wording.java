package plenary.render;

import plenary.amendment.AmendmentKind;
import plenary.amendment.Standing;
import plenary.document.Clause;
import plenary.document.ClauseKind;
import plenary.document.ClauseStatus;
import plenary.document.DocumentMeta;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
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

    public static String adoptedLine(AdoptionStamp stamp, DocumentMeta meta) {
        return "Adopted on " + day(stamp.adoptedAt(), meta) + ", revision " + stamp.revision();
    }

    /** An adopted text whose adoption record is missing (stored as adopted by other means). */
    public static String adoptedWithoutStamp(long revision) {
        return "Adopted text, revision " + revision;
    }

    public static String hashLine(AdoptionStamp stamp) {
        return "SHA-256 of the adopted text: " + stamp.sha256();
    }

    /** Front matter naming the meeting's time zone (an IANA id such as "Europe/Vienna"); UTC without it. */
    public static final String TIME_ZONE = "timezone";
    /** A date as UN documents write it: "8 February 2022" (in English, like the other fixed words). */
    private static final DateTimeFormatter WRITTEN = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH);

    /**
     * The day of an ISO-8601 instant where the meeting is ("2026-11-27T23:30:00Z" is "28 November
     * 2026" in Vienna), written out; as given when it is not an instant.
     */
    public static String day(String instant, DocumentMeta meta) {
        try {
            return WRITTEN.format(Instant.parse(instant).atZone(zone(meta)));
        } catch (DateTimeParseException e) {
            return instant;
        }
    }

    /** The front matter's date written out ("2022-02-08" → "8 February 2022"); as typed when it is no ISO date. */
    public static String metaDate(String typed) {
        try {
            return WRITTEN.format(LocalDate.parse(typed.strip()));
        } catch (DateTimeParseException e) {
            return typed;
        }
    }

    private static ZoneId zone(DocumentMeta meta) {
        try {
            return meta.get(TIME_ZONE).map(String::strip).map(ZoneId::of).orElse(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC; // not a zone anyone can read: the day stays UTC's rather than failing the export
        }
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

    /**
     * What the compilation marks at the start of a paragraph so the room can cite it: a preambular
     * paragraph's number, which the clean text does not print ("PP2"), and, until adoption, the
     * status ("PP2 · bracketed", "bracketed"); null for what has neither.
     */
    public static String compilationMark(Clause clause, String number, boolean adopted) {
        String pp = clause.kind() == ClauseKind.PREAMBULAR ? number : null;
        // Status marks are negotiation's: an adopted text has none left to show.
        String status = adopted || number == null ? null : status(clause.status());
        return pp == null ? status : status == null ? pp : pp + " · " + status;
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
        String what = change.kind() == AmendmentKind.INSERT
                ? (change.proposedNumber() != null ? "new paragraph " + change.proposedNumber() : "new paragraph after this one")
                : kind(change.kind()) + (change.clauseCitation() != null ? " " + change.clauseCitation() : "");
        StringBuilder out = new StringBuilder(change.label()).append(" (").append(what);
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
            case INSERT -> "new paragraph";
            case DELETE -> "delete";
            case MOVE -> "move";
        };
    }

    private static final List<String> LATIN = List.of("bis", "ter", "quater", "quinquies", "sexies", "septies",
            "octies", "novies", "decies");

    /** The n-th paragraph proposed after another: 1 → "bis", 2 → "ter" … 9 → "decies", then "bis (10)" and on. */
    public static String latinOrdinal(int n) {
        return n <= LATIN.size() ? LATIN.get(n - 1) : "bis (" + n + ")";
    }

    public static String moveTarget(PendingChange change) {
        return change.afterNumber() == null ? "Move to the top of the text" : "Move after " + change.afterNumber();
    }
}
