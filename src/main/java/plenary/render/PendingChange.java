package plenary.render;

import plenary.amendment.AmendmentKind;
import plenary.amendment.Segment;
import plenary.amendment.Standing;
import plenary.document.ClauseKind;

import java.util.List;

/**
 * One pending amendment as the compilation text prints it under its clause.
 *
 * @param label         "A3": the number it was given when tabled, for citing aloud
 * @param clauseCitation the paragraph it is about as negotiators cite it ("OP3", "PP2", "OP2(a)"),
 *                      or null when that paragraph has no number or is gone
 * @param sponsors      the sponsor, then the co-sponsors; empty for a rapporteurs' compromise
 * @param lineage       for a compromise: the labels (or ids) of the amendments it replaces
 * @param conflictLabel "C1" when it is in a conflict group, else null
 * @param afterNumber   for a move: the number of the paragraph it would follow ("the top" when null)
 * @param proposedNumber for an insertion: how the room cites the paragraph it proposes, after the one
 *                      it follows ("OP5 bis", then "OP5 ter" for the next after OP5); null when that
 *                      one has no number
 * @param segments      the change in words against the current plain text: equal, inserted, deleted
 */
public record PendingChange(String id, String label, AmendmentKind kind, String clauseId, String clauseCitation,
                            ClauseKind newKind,
                            List<String> sponsors, List<String> lineage, Standing.Kind standing,
                            String conflictLabel, String afterNumber, String proposedNumber, List<Segment> segments,
                            String rationale) {

    public PendingChange {
        sponsors = List.copyOf(sponsors);
        lineage = List.copyOf(lineage);
        segments = List.copyOf(segments);
    }

    public boolean compromise() {
        return sponsors.isEmpty();
    }
}
