package plenary.negotiation;

import org.junit.jupiter.api.Test;
import plenary.amendment.AmendmentKind;
import plenary.amendment.AmendmentState;
import plenary.deliberation.CommentTarget;
import plenary.deliberation.IndicativePosition;
import plenary.deliberation.Phase;
import plenary.deliberation.Stance;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static plenary.negotiation.Room.CHAIR;
import static plenary.negotiation.Room.FRANCE;
import static plenary.negotiation.Room.GERMANY;

/**
 * {@link Negotiation#copy}: what the search feed reads on its own thread while the sequencer goes
 * on. Nothing that happens to the original afterwards shows in the copy, and the copy starts equal.
 */
class NegotiationCopyTest {
    @Test
    void aCopyIsTheStateAtThatMomentAndStaysSo() {
        Room r = new Room();
        r.run(CHAIR, new Command.SetPhase(Phase.TABLING, true, null));
        r.run(FRANCE, new Command.DraftAmendment("A1", AmendmentKind.MODIFY, r.id(1), null, null, null, null,
                "*Calls upon* local and regional governments to act;", "", true));
        r.run(GERMANY, new Command.IndicativeVote("A1", IndicativePosition.SUPPORT));
        r.run(GERMANY, new Command.PostComment("C1", CommentTarget.CLAUSE, r.id(1), null, Stance.NEUTRAL, "First"));

        Negotiation copy = r.negotiation.copy();
        long seq = copy.seq();
        assertEquals(r.negotiation.seq(), seq);
        assertEquals(Map.of("Germany", IndicativePosition.SUPPORT), copy.indicative("A1"));

        r.run(FRANCE, new Command.IndicativeVote("A1", IndicativePosition.OPPOSE));
        r.run(GERMANY, new Command.PostComment("C2", CommentTarget.CLAUSE, r.id(1), null, Stance.NEUTRAL, "Second"));
        r.run(CHAIR, new Command.RejectAmendment("A1", "Out of scope"));
        r.run(CHAIR, new Command.SetPhase(Phase.TABLING, false, null));

        assertEquals(seq, copy.seq());
        assertEquals(AmendmentState.TABLED, copy.amendment("A1").orElseThrow().state());
        assertEquals(Map.of("Germany", IndicativePosition.SUPPORT), copy.indicative("A1"), "positions are copied, not shared");
        assertEquals(1, copy.comments().size());
        assertTrue(copy.phases().get(Phase.TABLING).open());
        assertEquals(AmendmentState.REJECTED, r.negotiation.amendment("A1").orElseThrow().state());
        assertEquals(2, r.negotiation.indicative("A1").size());
    }
}
