package plenary.amendment;

import plenary.document.Clause;
import plenary.document.Document;

import java.util.List;

/**
 * How an amendment stands against the clause as it is now. Derived, never stored: the text moves
 * under an amendment with every edit, and its rebase is recomputed from (base, current, proposed).
 *
 * @param proposal for a modification: the whole text it would give the clause now (rebased when
 *                 stale); null when it conflicts or is obsolete
 * @param conflicts the base text of each region both sides changed, when it conflicts
 */
public record Standing(Kind kind, boolean stale, String proposal, List<String> conflicts) {

    public enum Kind {
        /** Written against the clause as it is. */
        CURRENT,
        /** The clause changed since, and the amendment merged cleanly onto it. */
        REBASED,
        /** The clause changed in the words the amendment touches: the rapporteur must resolve it. */
        CONFLICTING,
        /** Its clause (or the clause it refers to) is gone. */
        OBSOLETE
    }

    public static Standing of(Amendment amendment, Document document) {
        Clause clause = document.clause(amendment.clauseId()).orElse(null);
        if (clause == null || amendment.kind() == AmendmentKind.MOVE && amendment.afterId() != null
                && document.clause(amendment.afterId()).isEmpty()) {
            return new Standing(Kind.OBSOLETE, true, null, List.of());
        }
        boolean stale = clause.version() != amendment.baseVersion();
        if (amendment.kind() != AmendmentKind.MODIFY) {
            return new Standing(stale ? Kind.REBASED : Kind.CURRENT, stale, amendment.proposed(), List.of());
        }
        if (!stale) {
            return new Standing(Kind.CURRENT, false, amendment.proposed(), List.of());
        }
        return switch (ThreeWayMerge.merge(amendment.baseText(), clause.text(), amendment.proposed())) {
            case MergeResult.Merged merged -> new Standing(Kind.REBASED, true, merged.text(), List.of());
            case MergeResult.Conflict conflict -> new Standing(Kind.CONFLICTING, true, null, conflict.regions());
        };
    }

    public boolean applicable() {
        return kind == Kind.CURRENT || kind == Kind.REBASED;
    }
}
