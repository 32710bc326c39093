package plenary.negotiation;

import org.junit.jupiter.api.Test;
import plenary.amendment.AmendmentKind;
import plenary.deliberation.BallotChoice;
import plenary.deliberation.BallotKind;
import plenary.deliberation.CommentTarget;
import plenary.deliberation.IndicativePosition;
import plenary.deliberation.MajorityRule;
import plenary.deliberation.Phase;
import plenary.deliberation.Stance;
import plenary.deliberation.VoteSubject;
import plenary.people.Role;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static plenary.negotiation.Room.CHAIR;
import static plenary.negotiation.Room.ELECTORATE;
import static plenary.negotiation.Room.FRANCE;
import static plenary.negotiation.Room.GERMANY;
import static plenary.negotiation.Room.OBSERVER;
import static plenary.negotiation.Room.RAPPORTEUR;

/**
 * The one rule for drafts ({@link Visibility}), on the domain alone: only the delegates of the
 * sponsoring delegation see a draft and the threads begun on it; everyone else gets the answer
 * they would get for something that does not exist, and the command changes nothing.
 */
class VisibilityTest {
    /** The chair with a delegation written beside his role, as an old membership row could hold. */
    private static final Actor CHAIR_OF_FRANCE = new Actor("u-chair", "Chair", Role.CHAIR, "France");
    private static final Actor RAPPORTEUR_OF_FRANCE = new Actor("u-rap", "Rapporteur", Role.RAPPORTEUR, "France");
    /** France's delegate who wrote the draft, since moved to Germany. */
    private static final Actor AUTHOR_NOW_GERMANY = new Actor(FRANCE.userId(), FRANCE.name(), Role.DELEGATE, "Germany");
    private static final Actor FRANCE_2 = new Actor("u-fr2", "Mr Petit", Role.DELEGATE, "France");

    @Test
    void aDraftIsSeenByTheDelegatesOfItsDelegationOnly() {
        Room r = new Room();
        r.run(FRANCE, draft("A1", r.id(1)));
        var a = r.amendment("A1");
        for (Actor nobody : List.of(CHAIR, CHAIR_OF_FRANCE, RAPPORTEUR, RAPPORTEUR_OF_FRANCE, OBSERVER, GERMANY,
                AUTHOR_NOW_GERMANY, Visibility.ROOM)) {
            assertFalse(Visibility.amendment(a, nobody), nobody.toString());
        }
        assertTrue(Visibility.amendment(a, FRANCE));
        assertTrue(Visibility.amendment(a, FRANCE_2), "a fellow delegate who did not write it");
        assertEquals("not-found", r.refused(AUTHOR_NOW_GERMANY, new Command.TableAmendment("A1")),
                "its author, now speaking for another delegation, no longer holds it");

        r.run(FRANCE, new Command.WithdrawAmendment("A1"));
        assertFalse(Visibility.amendment(r.amendment("A1"), CHAIR), "withdrawn before tabling: still France's");
        assertTrue(Visibility.amendment(r.amendment("A1"), FRANCE_2));
    }

    @Test
    void aWithdrawnDraftReadsAsUnknownToEveryCommand() {
        Room r = new Room();
        r.run(CHAIR, new Command.SetPhase(Phase.TABLING, true, null));
        r.run(CHAIR, new Command.SetPhase(Phase.VOTING, true, null));
        r.run(FRANCE, draft("A1", r.id(1)));
        r.run(FRANCE, new Command.WithdrawAmendment("A1"));
        // Each answer is the one for an id that was never used: nothing tells that it existed.
        assertEquals("not-found", r.refused(RAPPORTEUR, new Command.AcceptAmendment("A1", null)));
        assertEquals("not-found", r.refused(RAPPORTEUR, new Command.AcceptAmendment("nothing", null)));
        assertEquals("not-found", r.refused(CHAIR, new Command.RejectAmendment("A1", "no")));
        assertEquals("not-found", r.refused(GERMANY, new Command.IndicativeVote("A1", IndicativePosition.OPPOSE)));
        assertEquals("not-found", r.refused(GERMANY, new Command.Cosponsor("A1")));
        assertEquals("not-found", r.refused(RAPPORTEUR, new Command.Compromise("K", r.id(1),
                "*Calls upon* all to act;", List.of("A1"), null)));
        assertEquals("not-found", r.refused(CHAIR, new Command.CallVote("V", VoteSubject.AMENDMENT, "A1", "Adopt?",
                MajorityRule.SIMPLE, BallotKind.OPEN, null, ELECTORATE)));
    }

    @Test
    void aThreadBegunOnADraftStaysPrivateAndCannotBeTouchedByOthers() {
        Room r = new Room();
        r.run(CHAIR, new Command.SetPhase(Phase.TABLING, true, null));
        r.run(FRANCE, draft("A1", r.id(1)));
        r.run(FRANCE, comment("K1", "A1", null, "Our capital hesitates."));
        r.run(FRANCE_2, comment("K2", "A1", "K1", "So do I."));

        // Another delegation, the rapporteur, the chair: refused as unknown, nothing stored.
        assertEquals("not-found", r.refused(GERMANY, comment("K3", "A1", "K1", "Found you")));
        assertEquals("not-found", r.refused(GERMANY, new Command.PostComment("K3", CommentTarget.CLAUSE, r.id(1), "K2",
                Stance.NEUTRAL, "a reply names its thread, whatever target it says")));
        assertEquals("not-found", r.refused(RAPPORTEUR, new Command.ResolveThread("K2")));
        assertEquals("not-found", r.refused(CHAIR, new Command.ResolveThread("K1")));
        assertEquals("not-found", r.refused(CHAIR, new Command.DeleteComment("K1")));
        assertEquals("not-found", r.refused(CHAIR_OF_FRANCE, new Command.DeleteComment("K1")));
        assertEquals("not-found", r.refused(AUTHOR_NOW_GERMANY, new Command.EditComment("K1", "changed")),
                "its author, moved to another delegation, no longer holds the thread");

        // Tabling makes the amendment public, not the delegation's notes on its draft.
        r.run(FRANCE, new Command.TableAmendment("A1"));
        assertTrue(Visibility.amendment(r.amendment("A1"), GERMANY));
        for (String id : List.of("K1", "K2")) {
            var c = r.negotiation.comment(id).orElseThrow();
            assertFalse(Visibility.comment(r.negotiation, c, GERMANY), id);
            assertFalse(Visibility.comment(r.negotiation, c, CHAIR), id);
            assertTrue(Visibility.comment(r.negotiation, c, FRANCE_2), id);
        }
        assertEquals("not-found", r.refused(GERMANY, comment("K3", "A1", "K2", "Now?")));
        r.run(FRANCE, comment("K4", "A1", "K1", "Still ours."));
        assertEquals(java.util.Optional.of("France"), r.negotiation.privateTo("K4"), "a later reply joins the private thread");

        // A thread begun on the tabled amendment is everyone's.
        r.run(GERMANY, comment("K5", "A1", null, "We oppose."));
        assertTrue(Visibility.comment(r.negotiation, r.negotiation.comment("K5").orElseThrow(), OBSERVER));
        r.run(RAPPORTEUR, new Command.ResolveThread("K5"));
    }

    @Test
    void auditEntriesFollowTheSameRule() {
        Room r = new Room();
        r.run(CHAIR, new Command.SetPhase(Phase.TABLING, true, null));
        r.run(CHAIR, new Command.SetPhase(Phase.VOTING, true, null));
        r.run(FRANCE, draft("A1", r.id(1)));
        r.run(FRANCE, comment("K1", "A1", null, "internal"));
        r.run(FRANCE, draft("A2", r.id(2)));
        r.run(FRANCE, new Command.TableAmendment("A2"));
        r.run(CHAIR, new Command.CallVote("V1", VoteSubject.AMENDMENT, "A2", "Adopt A2?", MajorityRule.SIMPLE,
                BallotKind.ROLL_CALL, 1, ELECTORATE));
        r.run(FRANCE, new Command.RegisterPresence("V1"));
        r.run(CHAIR, new Command.OpenVote("V1"));
        r.run(FRANCE, new Command.CastBallot("V1", BallotChoice.NO));

        Recorded drafted = find(r, e -> e instanceof Event.AmendmentDrafted d && d.amendment().id().equals("A1"));
        Recorded commented = find(r, e -> e instanceof Event.CommentPosted c && c.comment().id().equals("K1"));
        Recorded draftedThenTabled = find(r, e -> e instanceof Event.AmendmentDrafted d
                && d.amendment().id().equals("A2"));
        Recorded ballot = find(r, e -> e instanceof Event.BallotCast b && b.voteId().equals("V1"));
        assertEquals(Visibility.Seen.HIDDEN, Visibility.entry(r.negotiation, drafted, CHAIR));
        assertEquals(Visibility.Seen.HIDDEN, Visibility.entry(r.negotiation, commented, CHAIR));
        assertEquals(Visibility.Seen.HIDDEN, Visibility.entry(r.negotiation, drafted, Visibility.ROOM));
        assertEquals(Visibility.Seen.WHOLE, Visibility.entry(r.negotiation, drafted, FRANCE_2));
        assertEquals(Visibility.Seen.WHOLE, Visibility.entry(r.negotiation, draftedThenTabled, CHAIR),
                "a tabled amendment is on the record, its drafting too");
        assertEquals(Visibility.Seen.WITHOUT_CHOICE, Visibility.entry(r.negotiation, ballot, CHAIR),
                "a roll call's choices wait for its close");
        r.run(CHAIR, new Command.CloseVote("V1"));
        assertEquals(Visibility.Seen.WHOLE, Visibility.entry(r.negotiation, ballot, CHAIR));

        r.run(CHAIR, new Command.CallVote("V2", VoteSubject.DOCUMENT, null, "Adopt?", MajorityRule.SIMPLE,
                BallotKind.OPEN, 1, ELECTORATE));
        r.run(FRANCE, new Command.RegisterPresence("V2"));
        r.run(CHAIR, new Command.OpenVote("V2"));
        r.run(FRANCE, new Command.CastBallot("V2", BallotChoice.YES));
        r.run(CHAIR, new Command.CloseVote("V2"));
        Recorded open = find(r, e -> e instanceof Event.BallotCast b && b.voteId().equals("V2"));
        assertEquals(Visibility.Seen.WITHOUT_CHOICE, Visibility.entry(r.negotiation, open, CHAIR),
                "an open ballot publishes counts, never a delegation's choice");
    }

    /** The room's log entry whose event matches, as the audit log holds it. */
    private static Recorded find(Room r, java.util.function.Predicate<Event> match) {
        for (int i = 0; i < r.log.size(); i++) {
            if (match.test(r.log.get(i))) {
                return new Recorded(i + 1, Room.T0.toString(), null, null, null, 0, r.log.get(i), r.transitions.get(i));
            }
        }
        throw new AssertionError("no such event in " + r.log);
    }

    private static Command.DraftAmendment draft(String id, String clauseId) {
        return new Command.DraftAmendment(id, AmendmentKind.MODIFY, clauseId, null, null, null, null,
                "*Calls upon* cities of " + id + " to act;", "why " + id, false);
    }

    private static Command.PostComment comment(String id, String amendmentId, String parentId, String body) {
        return new Command.PostComment(id, CommentTarget.AMENDMENT, amendmentId, parentId, Stance.NEUTRAL, body);
    }
}
