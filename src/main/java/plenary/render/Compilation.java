package plenary.render;

import plenary.amendment.Amendment;
import plenary.amendment.AmendmentKind;
import plenary.amendment.Segment;
import plenary.amendment.Standing;
import plenary.amendment.WordDiff;
import plenary.document.Clause;
import plenary.document.Document;
import plenary.document.Numbering;
import plenary.negotiation.Negotiation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The compilation text's view of the pending amendments: each one against the clause as it is now,
 * in words and without Markdown marks, grouped under the clause it changes (an insertion under the
 * clause it would follow). Computed from the edition when rendering, off the sequencer's thread.
 */
public final class Compilation {
    private final Map<String, List<PendingChange>> byClause = new LinkedHashMap<>();
    private final Map<String, List<String>> groups = new LinkedHashMap<>();

    private Compilation() {
    }

    public static Compilation of(Edition edition) {
        Document document = edition.document();
        List<String> numbers = document.numbers();
        List<String> citations = Numbering.citations(document.clauses());
        // Insertions proposed after each paragraph so far, in the order they were written: bis, ter…
        Map<String, Integer> insertsAfter = new HashMap<>();
        // Each amendment under the number it was given when tabled, which never changes; an edition
        // built without its negotiation (a test's) numbers its pending amendments in order.
        Map<String, String> labels = new HashMap<>(edition.labels());
        for (int i = 0; i < edition.pending().size(); i++) {
            labels.putIfAbsent(edition.pending().get(i).id(), Negotiation.label(i + 1));
        }
        Map<String, String> conflictLabels = new HashMap<>();
        Compilation out = new Compilation();
        for (Amendment a : edition.pending()) {
            String group = edition.conflictGroups().get(a.id());
            String conflictLabel = null;
            if (group != null) {
                conflictLabel = conflictLabels.computeIfAbsent(group, g -> "C" + (conflictLabels.size() + 1));
                out.groups.computeIfAbsent(conflictLabel, g -> new ArrayList<>()).add(labels.get(a.id()));
            }
            Standing standing = Standing.of(a, document);
            List<String> sponsors = new ArrayList<>();
            if (a.sponsor() != null) {
                sponsors.add(a.sponsor());
                sponsors.addAll(a.cosponsors());
            }
            String afterNumber = null;
            if (a.afterId() != null) {
                int at = document.indexOf(a.afterId());
                afterNumber = at < 0 ? null : numbers.get(at);
            }
            int on = document.indexOf(a.clauseId());
            String proposedNumber = null;
            if (a.kind() == AmendmentKind.INSERT && on >= 0 && citations.get(on) != null) {
                proposedNumber = citations.get(on) + " " + Wording.latinOrdinal(insertsAfter.merge(a.clauseId(), 1, Integer::sum));
            }
            PendingChange change = new PendingChange(a.id(), labels.get(a.id()), a.kind(), a.clauseId(),
                    on < 0 ? null : citations.get(on), a.newKind(),
                    sponsors, a.lineage().stream().map(id -> labels.getOrDefault(id, id)).toList(), standing.kind(),
                    conflictLabel, afterNumber, proposedNumber, segments(a, standing, document), a.rationale());
            out.byClause.computeIfAbsent(a.clauseId(), c -> new ArrayList<>()).add(change);
        }
        return out;
    }

    /** The amendments printed under this clause, in the order they were written. */
    public List<PendingChange> on(String clauseId) {
        return byClause.getOrDefault(clauseId, List.of());
    }

    /** Conflict label ("C1") → the labels of the amendments in it. */
    public Map<String, List<String>> conflictGroups() {
        return groups;
    }

    /** Every clause id some pending amendment changes (or follows, for an insertion), in order of writing. */
    public List<String> clauseIds() {
        return List.copyOf(byClause.keySet());
    }

    private static List<Segment> segments(Amendment a, Standing standing, Document document) {
        String current = document.clause(a.clauseId()).map(Clause::text).orElse("");
        return switch (a.kind()) {
            // A conflicting amendment cannot be laid on today's text: show what it asked of its base.
            case MODIFY -> coalesce(standing.proposal() == null
                    ? WordDiff.between(plain(a.baseText()), plain(a.proposed()))
                    : WordDiff.between(plain(current), plain(standing.proposal())));
            case INSERT -> List.of(new Segment(Segment.Kind.INSERT, plain(a.proposed())));
            case DELETE -> List.of(new Segment(Segment.Kind.DELETE, plain(current)));
            case MOVE -> List.of();
        };
    }

    /**
     * Joins changes separated only by spaces into one deletion followed by one insertion, so that
     * "Calls upon" → "Strongly urges" reads as ~~Calls upon~~ Strongly urges, not word against word.
     */
    static List<Segment> coalesce(List<Segment> segments) {
        List<Segment> out = new ArrayList<>();
        StringBuilder deleted = new StringBuilder();
        StringBuilder inserted = new StringBuilder();
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            boolean bridge = s.kind() == Segment.Kind.EQUAL && s.text().isBlank()
                    && (!deleted.isEmpty() || !inserted.isEmpty())
                    && i + 1 < segments.size() && segments.get(i + 1).kind() != Segment.Kind.EQUAL;
            switch (s.kind()) {
                case DELETE -> deleted.append(s.text());
                case INSERT -> inserted.append(s.text());
                case EQUAL -> {
                    if (bridge) {
                        deleted.append(s.text());
                        inserted.append(s.text());
                    } else {
                        flush(out, deleted, inserted);
                        out.add(s);
                    }
                }
            }
        }
        flush(out, deleted, inserted);
        return out;
    }

    private static void flush(List<Segment> out, StringBuilder deleted, StringBuilder inserted) {
        if (!deleted.isEmpty()) {
            out.add(new Segment(Segment.Kind.DELETE, deleted.toString()));
        }
        if (!inserted.isEmpty()) {
            out.add(new Segment(Segment.Kind.INSERT, inserted.toString()));
        }
        deleted.setLength(0);
        inserted.setLength(0);
    }

    private static String plain(String markdown) {
        return markdown == null ? "" : ClauseMarkdown.plainText(markdown);
    }
}
