package plenary.amendment;

import plenary.document.ClauseKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A proposed change to one clause, attached to the clause's id (never its number) and to the clause
 * version and text it was written against, so it can be rebased when the text moves under it.
 *
 * @param clauseId   the clause to modify, delete or move; for an insertion, the clause the new one follows
 * @param afterId    for a move: the clause to put it after (null: the top)
 * @param newKind    for an insertion: the kind of the new clause
 * @param proposed   for a modification: the whole new text; for an insertion: the new clause's text
 * @param sponsor    the sponsoring delegation; null for a compromise written by the rapporteurs
 * @param lineage    for a compromise: the amendments it took the place of
 * @param outcome    the reason of a rejection, or the id of the compromise that superseded it
 */
public record Amendment(String id, AmendmentKind kind, String clauseId, String afterId, ClauseKind newKind,
                        long baseVersion, String baseText, String proposed, String sponsor, List<String> cosponsors,
                        String rationale, String authorId, String authorName, AmendmentState state, String outcome,
                        List<String> lineage, String createdAt) {

    public Amendment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(clauseId, "clauseId");
        Objects.requireNonNull(state, "state");
        cosponsors = List.copyOf(cosponsors);
        lineage = List.copyOf(lineage);
    }

    /** The outcome of a draft withdrawn before it was ever tabled: it stays its delegation's business. */
    public static final String NEVER_TABLED = "never-tabled";

    /** Seen only by its own delegation and author: a draft, or a draft they withdrew. */
    public boolean restricted() {
        return state == AmendmentState.DRAFT || state == AmendmentState.WITHDRAWN && NEVER_TABLED.equals(outcome);
    }

    public Amendment inState(AmendmentState next, String why) {
        return new Amendment(id, kind, clauseId, afterId, newKind, baseVersion, baseText, proposed, sponsor, cosponsors,
                rationale, authorId, authorName, next, why, lineage, createdAt);
    }

    public Amendment withCosponsor(String delegation) {
        List<String> more = new ArrayList<>(cosponsors);
        more.add(delegation);
        return new Amendment(id, kind, clauseId, afterId, newKind, baseVersion, baseText, proposed, sponsor, more,
                rationale, authorId, authorName, state, outcome, lineage, createdAt);
    }

    /** The sponsor and every co-sponsor. */
    public boolean sponsoredBy(String delegation) {
        return delegation != null && (delegation.equals(sponsor) || cosponsors.contains(delegation));
    }
}
