package plenary.negotiation;

import org.junit.jupiter.api.Test;
import plenary.amendment.Amendment;
import plenary.amendment.AmendmentKind;
import plenary.amendment.AmendmentState;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Issue 19: labels "A1…An" were positions in the pending list, so rejecting A1 renumbered the twelve
 * others and the screen and the PDF disagreed. Each amendment now gets its number when it is first
 * tabled, in tabling order, and keeps it whatever becomes of it or of the others; drafts have none.
 */
class AmendmentNumbersTest {

    @Test
    void numbersAreGivenAtTablingAndNeverChangeOrReturn() {
        Negotiation n = new Negotiation(Negotiation.DEFAULT_EDIT_WINDOW);
        n.apply(new Event.AmendmentDrafted(amendment("x", AmendmentState.DRAFT)));
        n.apply(new Event.AmendmentDrafted(amendment("y", AmendmentState.DRAFT)));
        assertNull(n.number("x"), "a draft has no number");
        n.apply(new Event.AmendmentTabled("y"));
        n.apply(new Event.AmendmentDrafted(amendment("z", AmendmentState.TABLED))); // tabled at once
        n.apply(new Event.AmendmentTabled("x"));
        assertEquals(List.of(1, 2, 3), List.of(n.number("y"), n.number("z"), n.number("x")), "in tabling order");
        assertEquals("A1", n.label("y"));

        // Deciding on the first renumbers nothing.
        n.apply(new Event.AmendmentRejected("y", "no support"));
        n.apply(new Event.AmendmentWithdrawn("z"));
        assertEquals(List.of(1, 2, 3), List.of(n.number("y"), n.number("z"), n.number("x")));

        // A compromise is tabled as it is merged: the next number, never one that was given.
        Amendment compromise = new Amendment("k", AmendmentKind.MODIFY, "c1", null, null, 0, "base", "merged", null,
                List.of(), "", "u", "Rapporteur", AmendmentState.TABLED, null, List.of("x"), "2026-12-07T09:00:00Z");
        n.apply(new Event.CompromiseMerged(compromise));
        n.apply(new Event.AmendmentSuperseded("x", "k"));
        assertEquals(4, n.number("k"));
        assertEquals(3, n.number("x"), "a superseded amendment keeps its number");

        // The audit log names it by its number too.
        Transition tabled = n.apply(new Event.AmendmentDrafted(amendment("w", AmendmentState.TABLED)));
        assertEquals("amendment A5 (w)", tabled.subject());

        // Every reader of the events numbers alike: a copy, and a replay on another node.
        Negotiation replayed = Negotiation.replay(Negotiation.DEFAULT_EDIT_WINDOW, n.events());
        Negotiation copy = n.copy();
        for (String id : List.of("x", "y", "z", "k", "w")) {
            assertEquals(n.number(id), replayed.number(id), id);
            assertEquals(n.number(id), copy.number(id), id);
        }
        assertNull(replayed.number("nobody"));
    }

    private static Amendment amendment(String id, AmendmentState state) {
        return new Amendment(id, AmendmentKind.MODIFY, "c1", null, null, 0, "base", "proposed " + id, "Graz", List.of(),
                "", "u-" + id, "Delegate", state, null, List.of(), "2026-12-07T09:00:00Z");
    }
}
