package plenary.negotiation;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import plenary.amendment.Amendment;
import plenary.amendment.AmendmentKind;
import plenary.amendment.AmendmentState;
import plenary.amendment.ConflictGroup;
import plenary.amendment.ConflictGroups;
import plenary.amendment.Standing;
import plenary.deliberation.BallotChoice;
import plenary.deliberation.BallotKind;
import plenary.deliberation.Comment;
import plenary.deliberation.CommentTarget;
import plenary.deliberation.FormalVote;
import plenary.deliberation.IndicativePosition;
import plenary.deliberation.MajorityRule;
import plenary.deliberation.Phase;
import plenary.deliberation.SilenceProcedure;
import plenary.deliberation.Stance;
import plenary.deliberation.Tally;
import plenary.deliberation.VoteResult;
import plenary.deliberation.VoteStage;
import plenary.deliberation.VoteSubject;
import plenary.document.Clause;
import plenary.document.ClauseKind;
import plenary.document.ClauseStatus;
import plenary.document.DocumentStatus;
import plenary.document.Fingerprint;
import plenary.editing.Change;
import plenary.editing.Outcome;
import plenary.editing.Submission;
import plenary.editing.TextOp;
import plenary.people.Role;
import plenary.view.NegotiationJson;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static plenary.negotiation.Room.BRAZIL;
import static plenary.negotiation.Room.CHAIR;
import static plenary.negotiation.Room.ELECTORATE;
import static plenary.negotiation.Room.FRANCE;
import static plenary.negotiation.Room.GERMANY;
import static plenary.negotiation.Room.GERMANY_2;
import static plenary.negotiation.Room.KENYA;
import static plenary.negotiation.Room.OBSERVER;
import static plenary.negotiation.Room.RAPPORTEUR;
import static plenary.negotiation.Room.T0;

/**
 * The negotiation aggregate driven together with the document's text, as the sequencer drives it
 * ({@link Room}). Every refusal is also checked to have changed nothing.
 */
class NegotiationTest {
    private static final String CALLS = "*Calls upon* local governments to act;";

    // ---- amendments ----

    /** A draft is its delegation's business; once tabled others co-sponsor it; only the sponsor withdraws it. */
    @Test
    void draftTableCosponsorWithdraw() {
        Room r = new Room();
        r.run(CHAIR, new Command.SetPhase(Phase.TABLING, true, null));
        assertEquals(DocumentStatus.NEGOTIATING, r.document().status(), "the first tabling window starts the negotiation");
        r.run(FRANCE, modify("A1", r.id(1), "*Calls upon* local and regional governments to act;", false));
        assertEquals(AmendmentState.DRAFT, r.amendment("A1").state());
        assertEquals("not-found", r.refused(GERMANY, new Command.Cosponsor("A1")));
        assertEquals("not-found", r.refused(GERMANY, new Command.TableAmendment("A1")));

        r.run(FRANCE, new Command.TableAmendment("A1"));
        assertEquals(AmendmentState.TABLED, r.amendment("A1").state());
        r.run(GERMANY, new Command.Cosponsor("A1"));
        assertEquals(List.of("Germany"), r.amendment("A1").cosponsors());
        assertEquals("already-sponsor", r.refused(GERMANY_2, new Command.Cosponsor("A1")));
        assertEquals("already-sponsor", r.refused(FRANCE, new Command.Cosponsor("A1")));
        assertEquals("forbidden", r.refused(OBSERVER, new Command.Cosponsor("A1")));

        assertEquals("forbidden", r.refused(GERMANY, new Command.WithdrawAmendment("A1")), "a co-sponsor is not the sponsor");
        assertEquals("forbidden", r.refused(CHAIR, new Command.WithdrawAmendment("A1")));
        r.run(FRANCE, new Command.WithdrawAmendment("A1"));
        assertEquals(AmendmentState.WITHDRAWN, r.amendment("A1").state());
        // Named by its number (1: the first tabled) and its id.
        assertEquals(new Transition("amendment A1 (A1)", "tabled", "withdrawn"), r.transitions.getLast());
        assertEquals("amendment-closed", r.refused(FRANCE, new Command.WithdrawAmendment("A1")));
        assertEquals("wrong-state", r.refused(FRANCE, new Command.TableAmendment("A1")));
        assertEquals("wrong-state", r.refused(BRAZIL, new Command.Cosponsor("A1")));
        assertEquals("wrong-state", r.refused(RAPPORTEUR, new Command.AcceptAmendment("A1", null)));
        assertEquals(CALLS, r.clause(1).text(), "a withdrawn amendment never touched the text");
    }

    /** Tabling and co-sponsoring need the tabling window open and its deadline not reached; drafting and withdrawing do not. */
    @Test
    void tablingOnlyInsideTheWindow() {
        Room r = new Room();
        String calls = r.id(1);
        assertEquals("tabling-closed", r.refused(FRANCE, modify("A1", calls, "*Calls upon* all governments to act;", true)));
        r.run(FRANCE, modify("A1", calls, "*Calls upon* all governments to act;", false));
        assertEquals("tabling-closed", r.refused(FRANCE, new Command.TableAmendment("A1")));
        assertEquals("invalid", r.refused(CHAIR, T0, new Command.SetPhase(Phase.TABLING, true, T0.toString())),
                "a deadline must lie in the future");

        Instant deadline = T0.plus(Duration.ofHours(3));
        r.run(CHAIR, T0, new Command.SetPhase(Phase.TABLING, true, deadline.toString()));
        r.run(FRANCE, deadline.minusSeconds(1), new Command.TableAmendment("A1"));
        r.run(GERMANY, deadline.minusMillis(1), new Command.Cosponsor("A1"));
        assertEquals("tabling-closed", r.refused(BRAZIL, deadline, new Command.Cosponsor("A1")));
        assertEquals("tabling-closed", r.refused(KENYA, deadline, modify("A2", calls, "*Calls upon* cities to act;", true)));
        r.run(FRANCE, deadline.plusSeconds(60), new Command.WithdrawAmendment("A1"));

        r.run(CHAIR, deadline.plusSeconds(120), new Command.SetPhase(Phase.TABLING, true, null));
        r.run(KENYA, deadline.plusSeconds(180), modify("A2", calls, "*Calls upon* cities to act;", true));
        r.run(CHAIR, deadline.plusSeconds(240), new Command.SetPhase(Phase.TABLING, false, null));
        assertEquals("tabling-closed", r.refused(BRAZIL, deadline.plusSeconds(300), new Command.Cosponsor("A2")));
        assertEquals(AmendmentState.TABLED, r.amendment("A2").state());
    }

    /** Accepting a modification, an insertion, a deletion and a move each produces the text they proposed. */
    @Test
    void acceptingEachKindChangesTheDocument() {
        Room r = roomWithTabling();
        String preamble = r.id(0);
        String calls = r.id(1);
        String encourages = r.id(2);
        String modified = "*Calls upon* local and regional governments to act;";
        r.run(FRANCE, modify("M", calls, modified, true));
        r.run(GERMANY, new Command.DraftAmendment("I", AmendmentKind.INSERT, encourages, null, ClauseKind.OPERATIVE,
                null, null, "*Invites* donors to contribute;", "", true));
        r.run(BRAZIL, new Command.DraftAmendment("D", AmendmentKind.DELETE, preamble, null, null, null, null, null, "", true));
        r.run(KENYA, new Command.DraftAmendment("V", AmendmentKind.MOVE, calls, encourages, null, null, null, null, "", true));

        r.run(RAPPORTEUR, new Command.AcceptAmendment("M", null));
        assertEquals(List.of("*Recalling* the charter,", modified, "*Encourages* cities to report;"), r.texts());
        assertEquals(new Event.AmendmentAccepted("M", false, modified), r.log.getLast());

        r.run(RAPPORTEUR, new Command.AcceptAmendment("I", null));
        Clause inserted = r.clause(3);
        assertEquals(List.of(ClauseKind.OPERATIVE, "*Invites* donors to contribute;", ClauseStatus.BRACKETED),
                List.of(inserted.kind(), inserted.text(), inserted.status()));

        r.run(RAPPORTEUR, new Command.AcceptAmendment("D", null));
        assertTrue(r.document().clause(preamble).isEmpty());

        r.run(RAPPORTEUR, new Command.AcceptAmendment("V", null));
        assertEquals(List.of("*Encourages* cities to report;", modified, "*Invites* donors to contribute;"), r.texts());
        assertEquals(List.of("1", "2", "3"), r.document().numbers());
        for (String id : List.of("M", "I", "D", "V")) {
            assertEquals(AmendmentState.ACCEPTED, r.amendment(id).state(), id);
        }
        assertEquals("wrong-state", r.refused(RAPPORTEUR, new Command.AcceptAmendment("M", null)));
    }

    /** A rejection needs a reason, keeps it, and leaves the text alone; a draft cannot be decided. */
    @Test
    void rejectionNeedsAReason() {
        Room r = roomWithTabling();
        r.run(FRANCE, modify("A1", r.id(1), "*Calls upon* all governments to act;", true));
        r.run(GERMANY, modify("A2", r.id(1), "*Calls upon* cities to act;", false));
        assertEquals("invalid", r.refused(RAPPORTEUR, new Command.RejectAmendment("A1", "  ")));
        assertEquals("not-found", r.refused(RAPPORTEUR, new Command.RejectAmendment("A2", "not tabled")));
        r.run(RAPPORTEUR, new Command.RejectAmendment("A1", " Outside the mandate "));
        assertEquals(AmendmentState.REJECTED, r.amendment("A1").state());
        assertEquals("Outside the mandate", r.amendment("A1").outcome());
        assertEquals(CALLS, r.clause(1).text());
        assertEquals("wrong-state", r.refused(RAPPORTEUR, new Command.AcceptAmendment("A1", null)));
    }

    /** Typing elsewhere in the clause makes an amendment stale; accepting it rebases it, keeping both changes. */
    @Test
    void staleAmendmentIsRebasedWhenAccepted() {
        Room r = roomWithTabling();
        String calls = r.id(1);
        r.run(FRANCE, modify("A1", calls, "*Calls upon* local governments to act swiftly;", true));
        r.type(calls, "*Urges* local governments to act;");
        Standing standing = Standing.of(r.amendment("A1"), r.document());
        assertEquals(Standing.Kind.REBASED, standing.kind());
        assertTrue(standing.stale());

        r.run(RAPPORTEUR, new Command.AcceptAmendment("A1", null));
        String merged = "*Urges* local governments to act swiftly;";
        assertEquals(merged, r.clauseById(calls).text());
        assertEquals(new Event.AmendmentAccepted("A1", false, merged), r.log.getLast());
        assertEquals(AmendmentState.ACCEPTED, r.amendment("A1").state());
    }

    /** An amendment whose words were changed under it is refused as is, and accepted with the rapporteur's resolving text. */
    @Test
    void conflictingAmendmentNeedsAResolvingText() {
        Room r = roomWithTabling();
        String calls = r.id(1);
        r.run(FRANCE, modify("A1", calls, "*Calls upon* national governments to act;", true));
        r.run(BRAZIL, new Command.DraftAmendment("D", AmendmentKind.DELETE, r.id(2), null, null, null, null, null, "", true));
        r.type(calls, "*Calls upon* municipal governments to act;");
        assertEquals(Standing.Kind.CONFLICTING, Standing.of(r.amendment("A1"), r.document()).kind());

        assertEquals("amendment-conflicts", r.refused(RAPPORTEUR, new Command.AcceptAmendment("A1", null)));
        assertEquals("invalid", r.refused(RAPPORTEUR, new Command.AcceptAmendment("D", "a deletion has no text")));
        String resolved = "*Calls upon* municipal and national governments to act;";
        r.run(RAPPORTEUR, new Command.AcceptAmendment("A1", resolved));
        assertEquals(resolved, r.clauseById(calls).text());
        assertEquals(AmendmentState.ACCEPTED_WITH_CHANGES, r.amendment("A1").state());
        assertEquals(new Event.AmendmentAccepted("A1", true, resolved), r.log.getLast());
    }

    /** A compromise replaces two overlapping amendments: they are superseded by it, and it names them as its lineage. */
    @Test
    void compromiseSupersedesAndKeepsLineage() {
        Room r = roomWithTabling();
        String calls = r.id(1);
        r.run(FRANCE, modify("A1", calls, "*Calls upon* regional authorities to act;", true));
        r.run(GERMANY, modify("A2", calls, "*Calls upon* national governments to act;", true));
        r.run(BRAZIL, modify("A3", r.id(2), "*Encourages* cities to report annually;", true));
        assertEquals(List.of(new ConflictGroup("group-A1", calls, List.of("A1", "A2"))),
                ConflictGroups.of(r.negotiation.amendments(), r.document()));

        String text = "*Calls upon* national and regional authorities to act;";
        assertEquals("invalid", r.refused(RAPPORTEUR, new Command.Compromise("C1", calls, text, List.of("A1", "A3"), "")),
                "an amendment to another clause");
        assertEquals("invalid", r.refused(RAPPORTEUR, new Command.Compromise("C1", calls, text, List.of(), "")));
        r.run(RAPPORTEUR, new Command.Compromise("C1", calls, text, List.of("A1", "A2"), "Merges A1 and A2"));

        assertEquals(text, r.clauseById(calls).text());
        Amendment compromise = r.amendment("C1");
        assertEquals(AmendmentState.ACCEPTED_WITH_CHANGES, compromise.state());
        assertEquals(List.of("A1", "A2"), compromise.lineage());
        assertNull(compromise.sponsor());
        for (String id : List.of("A1", "A2")) {
            assertEquals(AmendmentState.SUPERSEDED, r.amendment(id).state(), id);
            assertEquals("C1", r.amendment(id).outcome(), id);
        }
        assertEquals(AmendmentState.TABLED, r.amendment("A3").state());
        assertTrue(ConflictGroups.of(r.negotiation.amendments(), r.document()).isEmpty());
        assertEquals("wrong-state", r.refused(RAPPORTEUR, new Command.Compromise("C2", calls, "x", List.of("A1"), "")));
        assertEquals("duplicate-id", r.refused(RAPPORTEUR, new Command.Compromise("C1", calls, "x", List.of("A3"), "")));
    }

    // ---- comments and straw polls ----

    /** Replies join their parent's thread; authors edit within the window; deletion leaves a tombstone; resolving closes the thread. */
    @Test
    void commentThreads() {
        Room r = new Room();
        String calls = r.id(1);
        r.run(GERMANY, T0, new Command.PostComment("K1", CommentTarget.CLAUSE, calls, null, Stance.OPPOSE, "Too weak"));
        r.run(FRANCE, T0.plusSeconds(60), new Command.PostComment("K2", CommentTarget.AMENDMENT, "elsewhere", "K1",
                Stance.SUPPORT, "Agreed: say 'urges'"));
        Comment reply = r.negotiation.comment("K2").orElseThrow();
        assertEquals(List.of(CommentTarget.CLAUSE, calls, "K1"), List.of(reply.target(), reply.targetId(), reply.parentId()));

        Instant windowEnd = T0.plus(Negotiation.DEFAULT_EDIT_WINDOW);
        assertEquals("forbidden", r.refused(FRANCE, T0.plusSeconds(90), new Command.EditComment("K1", "mine now")));
        r.run(GERMANY, windowEnd, new Command.EditComment("K1", "Too weak; 'urges' is better"));
        Comment edited = r.negotiation.comment("K1").orElseThrow();
        assertEquals(List.of("Too weak; 'urges' is better", windowEnd.toString()), List.of(edited.body(), edited.editedAt()));
        assertEquals("edit-window-closed", r.refused(GERMANY, windowEnd.plusSeconds(1), new Command.EditComment("K1", "late")));

        assertEquals("forbidden", r.refused(BRAZIL, new Command.DeleteComment("K2")));
        r.run(FRANCE, new Command.DeleteComment("K2"));
        Comment tombstone = r.negotiation.comment("K2").orElseThrow();
        assertTrue(tombstone.deleted());
        assertNull(tombstone.body());
        assertEquals("K1", tombstone.parentId(), "a tombstone keeps its place in the thread");
        assertEquals(2, r.negotiation.comments().size());
        assertEquals("comment-deleted", r.refused(FRANCE, new Command.EditComment("K2", "back")));
        assertEquals("comment-deleted", r.refused(CHAIR, new Command.DeleteComment("K2")));

        assertEquals("forbidden", r.refused(BRAZIL, new Command.ResolveThread("K1")));
        r.run(RAPPORTEUR, new Command.ResolveThread("K2"));
        assertEquals(new Event.ThreadResolved("K1"), r.log.getLast(), "resolving from a reply resolves the thread");
        assertTrue(r.negotiation.comment("K1").orElseThrow().resolved());
        assertEquals("thread-resolved", r.refused(GERMANY, new Command.ResolveThread("K1")));
        assertEquals("thread-resolved", r.refused(BRAZIL,
                new Command.PostComment("K3", CommentTarget.CLAUSE, calls, "K1", Stance.NEUTRAL, "one more thing")));
        r.run(CHAIR, new Command.DeleteComment("K1"));
        assertTrue(r.negotiation.comment("K1").orElseThrow().deleted(), "the chair may delete anyone's comment");

        r.run(FRANCE, modify("A1", calls, "*Calls upon* all governments to act;", false));
        assertEquals("not-found", r.refused(GERMANY, new Command.PostComment("K4", CommentTarget.AMENDMENT, "A1", null,
                Stance.OPPOSE, "a draft of another delegation is not visible")));
        r.run(CHAIR, new Command.SetPhase(Phase.COMMENTS, false, null));
        assertEquals("comments-closed", r.refused(FRANCE, new Command.PostComment("K4", CommentTarget.AMENDMENT, "A1",
                null, Stance.NEUTRAL, "note to self")));
    }

    /** A straw poll holds one position per delegation; a later, different one replaces it; the tally counts delegations. */
    @Test
    void indicativeVotes() {
        Room r = roomWithTabling();
        r.run(FRANCE, modify("A1", r.id(1), "*Calls upon* all governments to act;", true));
        r.run(FRANCE, new Command.IndicativeVote("A1", IndicativePosition.SUPPORT));
        r.run(GERMANY, new Command.IndicativeVote("A1", IndicativePosition.OPPOSE));
        r.run(BRAZIL, new Command.IndicativeVote("A1", IndicativePosition.ABSTAIN));
        r.run(GERMANY_2, new Command.IndicativeVote("A1", IndicativePosition.SUPPORT));
        assertEquals(Map.of("France", IndicativePosition.SUPPORT, "Germany", IndicativePosition.SUPPORT,
                "Brazil", IndicativePosition.ABSTAIN), r.negotiation.indicative("A1"));
        JsonNode tally = NegotiationJson.indicative(r.negotiation.indicative("A1"));
        assertEquals(List.of(2, 0, 1), List.of(tally.get("support").asInt(), tally.get("oppose").asInt(),
                tally.get("abstain").asInt()));

        assertEquals("already-voted", r.refused(GERMANY, new Command.IndicativeVote("A1", IndicativePosition.SUPPORT)));
        assertEquals("forbidden", r.refused(OBSERVER, new Command.IndicativeVote("A1", IndicativePosition.OPPOSE)));
        r.run(FRANCE, modify("A2", r.id(2), "*Encourages* cities to report often;", false));
        assertEquals("not-found", r.refused(FRANCE, new Command.IndicativeVote("A2", IndicativePosition.SUPPORT)));
        r.run(FRANCE, new Command.WithdrawAmendment("A1"));
        assertEquals("amendment-closed", r.refused(KENYA, new Command.IndicativeVote("A1", IndicativePosition.OPPOSE)));
    }

    // ---- formal votes ----

    /** Call, register, open, one ballot per delegation, close: the result is computed once and nothing touches it after. */
    @Test
    void formalVoteFromCallToFinalResult() {
        Room r = roomWithTabling();
        r.run(FRANCE, modify("A1", r.id(1), "*Calls upon* all governments to act;", true));
        Command call = new Command.CallVote("V1", VoteSubject.AMENDMENT, "A1", "Adopt amendment A1?",
                MajorityRule.SIMPLE, BallotKind.ROLL_CALL, null, ELECTORATE);
        assertEquals("voting-closed", r.refused(CHAIR, call));
        r.run(CHAIR, new Command.SetPhase(Phase.VOTING, true, null));
        r.run(CHAIR, call);
        assertEquals(3, r.negotiation.vote("V1").orElseThrow().quorum(), "a majority of four delegations");
        assertEquals("vote-in-progress", r.refused(CHAIR, new Command.CallVote("V2", VoteSubject.DOCUMENT, null,
                "Adopt the text?", MajorityRule.SIMPLE, BallotKind.OPEN, null, ELECTORATE)));
        assertEquals("vote-not-open", r.refused(FRANCE, new Command.CastBallot("V1", BallotChoice.YES)));

        for (Actor a : List.of(FRANCE, GERMANY, BRAZIL)) {
            r.run(a, new Command.RegisterPresence("V1"));
        }
        assertEquals("already-present", r.refused(GERMANY_2, new Command.RegisterPresence("V1")));
        Actor chile = new Actor("u-cl", "Mr Rojas", Role.DELEGATE, "Chile");
        assertEquals("forbidden", r.refused(chile, new Command.RegisterPresence("V1")), "not in the electorate");
        r.run(CHAIR, new Command.OpenVote("V1"));
        assertEquals("register-closed", r.refused(KENYA, new Command.RegisterPresence("V1")));
        assertEquals("not-present", r.refused(KENYA, new Command.CastBallot("V1", BallotChoice.NO)));
        r.run(FRANCE, new Command.CastBallot("V1", BallotChoice.YES));
        r.run(GERMANY, new Command.CastBallot("V1", BallotChoice.YES));
        assertEquals("already-voted", r.refused(GERMANY_2, new Command.CastBallot("V1", BallotChoice.NO)));
        r.run(BRAZIL, new Command.CastBallot("V1", BallotChoice.NO));
        r.run(CHAIR, T0.plusSeconds(600), new Command.CloseVote("V1"));

        FormalVote closed = r.negotiation.vote("V1").orElseThrow();
        VoteResult result = closed.result();
        assertEquals(VoteStage.CLOSED, closed.stage());
        assertEquals(T0.plusSeconds(600).toString(), closed.closedAt());
        assertEquals(new Tally(2, 1, 0), result.tally());
        assertEquals(List.of(3, 3, true, true), List.of(result.present(), result.quorum(), result.quorumMet(), result.carried()));
        assertEquals("Carried: 2 in favour, 1 against (simple majority of votes cast)", result.summary());

        assertEquals("vote-not-open", r.refused(KENYA, new Command.CastBallot("V1", BallotChoice.NO)));
        assertEquals("vote-not-open", r.refused(GERMANY_2, new Command.CastBallot("V1", BallotChoice.NO)));
        assertEquals("register-closed", r.refused(KENYA, new Command.RegisterPresence("V1")));
        assertEquals("vote-not-in-register", r.refused(CHAIR, new Command.OpenVote("V1")));
        assertEquals("vote-not-open", r.refused(CHAIR, new Command.CloseVote("V1")));
        assertEquals("duplicate-id", r.refused(CHAIR, call));
        assertEquals(closed, r.negotiation.vote("V1").orElseThrow());
    }

    /** A vote short of its quorum closes as not carried, whatever the ballots say. */
    @Test
    void voteWithoutQuorumDoesNotCarry() {
        Room r = new Room();
        r.run(CHAIR, new Command.SetPhase(Phase.VOTING, true, null));
        assertEquals("invalid", r.refused(CHAIR, new Command.CallVote("V1", VoteSubject.DOCUMENT, null, "Adopt?",
                MajorityRule.SIMPLE, BallotKind.OPEN, 5, ELECTORATE)), "a quorum above the electorate");
        r.run(CHAIR, new Command.CallVote("V1", VoteSubject.CLAUSE, r.id(1), "Keep paragraph 1?",
                MajorityRule.SIMPLE, BallotKind.OPEN, null, ELECTORATE));
        r.run(FRANCE, new Command.RegisterPresence("V1"));
        r.run(KENYA, new Command.RegisterPresence("V1"));
        r.run(CHAIR, new Command.OpenVote("V1"));
        r.run(FRANCE, new Command.CastBallot("V1", BallotChoice.YES));
        r.run(KENYA, new Command.CastBallot("V1", BallotChoice.YES));
        r.run(CHAIR, new Command.CloseVote("V1"));
        VoteResult result = r.negotiation.vote("V1").orElseThrow().result();
        assertFalse(result.quorumMet());
        assertFalse(result.carried());
        assertEquals("Not carried: no quorum (2 present, 3 required)", result.summary());
    }

    // ---- procedure ----

    /** Silence: breaking it needs a reason and a paragraph under silence; at the deadline the held paragraphs become agreed. */
    @Test
    void silenceProcedure() {
        Room r = new Room();
        List<String> ids = List.of(r.id(0), r.id(1), r.id(2));
        Instant deadline = T0.plus(Duration.ofDays(1));
        r.run(CHAIR, T0, new Command.StartSilence("S1", List.of(), deadline.toString()));
        assertEquals(ids, r.negotiation.runningSilence().orElseThrow().clauseIds(), "every paragraph not yet agreed");
        assertEquals("silence-running", r.refused(CHAIR, new Command.StartSilence("S2", List.of(),
                deadline.plusSeconds(60).toString())));

        Instant later = T0.plus(Duration.ofHours(5));
        r.run(KENYA, later, new Command.BreakSilence(ids.get(1), "'local' alone is too narrow"));
        r.run(GERMANY, later, new Command.BreakSilence(ids.get(1), "Same concern"));
        assertEquals("already-broken", r.refused(KENYA, later, new Command.BreakSilence(ids.get(1), "Still")));
        assertEquals("invalid", r.refused(BRAZIL, later, new Command.BreakSilence(ids.get(2), " ")));
        assertEquals("forbidden", r.refused(OBSERVER, later, new Command.BreakSilence(ids.get(2), "Observers do not")));
        assertEquals("silence-running", r.refused(Actor.PROCEDURE, deadline.minusMillis(1), new Command.ConcludeSilence()));
        assertEquals("silence-ended", r.refused(BRAZIL, deadline, new Command.BreakSilence(ids.get(2), "Too late")));

        r.run(Actor.PROCEDURE, deadline, new Command.ConcludeSilence());
        assertEquals(List.of(ClauseStatus.AGREED, ClauseStatus.BRACKETED, ClauseStatus.AGREED),
                r.document().clauses().stream().map(Clause::status).toList());
        assertEquals(new Event.SilenceConcluded("S1", List.of(ids.get(0), ids.get(2)), List.of(ids.get(1))), r.log.getLast());
        SilenceProcedure concluded = r.negotiation.silences().iterator().next();
        assertTrue(concluded.concluded());
        assertTrue(r.negotiation.runningSilence().isEmpty());
        assertEquals("no-silence", r.refused(Actor.PROCEDURE, deadline.plusSeconds(1), new Command.ConcludeSilence()));

        r.run(CHAIR, deadline, new Command.StartSilence("S2", List.of(), deadline.plus(Duration.ofDays(1)).toString()));
        assertEquals(List.of(ids.get(1)), r.negotiation.runningSilence().orElseThrow().clauseIds(),
                "a new silence covers only what is not agreed yet");
    }

    /** Silence holds on the text put under it: a paragraph changed meanwhile is listed as broken, not agreed. */
    @Test
    void silenceDoesNotAgreeTextChangedAfterItBegan() {
        Room r = new Room();
        String calls = r.id(1);
        Instant deadline = T0.plus(Duration.ofHours(2));
        r.run(CHAIR, T0, new Command.StartSilence("S1", List.of(r.id(0), calls), deadline.toString()));
        r.type(calls, "*Calls upon* no government to act;");
        r.run(Actor.PROCEDURE, deadline, new Command.ConcludeSilence());
        assertEquals(new Event.SilenceConcluded("S1", List.of(r.id(0)), List.of(calls)), r.log.getLast());
        assertEquals(ClauseStatus.AGREED, r.clause(0).status());
        assertEquals(ClauseStatus.BRACKETED, r.clauseById(calls).status(), "the changed paragraph was never under silence");
    }

    /** Text someone already typed exactly as an amendment proposes is no conflict: accepting it changes nothing more. */
    @Test
    void anAmendmentAlreadyTypedInIsNoConflict() {
        Room r = roomWithTabling();
        String calls = r.id(1);
        r.run(FRANCE, modify("A1", calls, "*Calls upon* all local governments to act;", true));
        r.type(calls, "*Calls upon* all local governments to act;");
        assertEquals(Standing.Kind.REBASED, Standing.of(r.amendment("A1"), r.document()).kind());
        long revision = r.document().revision();
        r.run(RAPPORTEUR, new Command.AcceptAmendment("A1", null));
        assertEquals("*Calls upon* all local governments to act;", r.clauseById(calls).text());
        assertEquals(revision, r.document().revision(), "no empty revision for a change already made");
        assertEquals(AmendmentState.ACCEPTED, r.amendment("A1").state());
    }

    /** A formal vote on an amendment needs one still tabled: there is nothing to decide on a closed one. */
    @Test
    void noVoteOnAClosedAmendment() {
        Room r = roomWithTabling();
        r.run(FRANCE, modify("A1", r.id(1), "*Calls upon* all governments to act;", true));
        r.run(RAPPORTEUR, new Command.RejectAmendment("A1", "Out of scope"));
        r.run(CHAIR, new Command.SetPhase(Phase.VOTING, true, null));
        assertEquals("amendment-closed", r.refused(CHAIR, new Command.CallVote("V1", VoteSubject.AMENDMENT, "A1",
                "Accept?", MajorityRule.SIMPLE, BallotKind.OPEN, null, ELECTORATE)));
    }

    /** Adoption freezes the document: status adopted, the fingerprint of the adopted text recorded, every command refused. */
    @Test
    void adoptionFreezesTheDocument() {
        Room r = roomWithTabling();
        String calls = r.id(1);
        String draftPrint = Fingerprint.sha256(r.document());
        r.run(FRANCE, modify("A1", calls, "*Calls upon* all governments to act;", true));
        r.run(RAPPORTEUR, new Command.AcceptAmendment("A1", null));
        r.run(CHAIR, new Command.StartSilence("S1", List.of(calls), T0.plusSeconds(3600).toString()));
        assertEquals("silence-running", r.refused(CHAIR, new Command.Adopt()));
        r.run(Actor.PROCEDURE, T0.plusSeconds(3600), new Command.ConcludeSilence());
        r.run(CHAIR, new Command.SetPhase(Phase.VOTING, true, null));
        r.run(CHAIR, new Command.CallVote("V1", VoteSubject.DOCUMENT, null, "Adopt?", MajorityRule.CONSENSUS,
                BallotKind.OPEN, null, ELECTORATE));
        assertEquals("vote-in-progress", r.refused(CHAIR, new Command.Adopt()));
        r.run(CHAIR, new Command.OpenVote("V1"));
        r.run(CHAIR, new Command.CloseVote("V1"));

        r.run(CHAIR, new Command.Adopt());
        Event.DocumentAdopted adopted = r.negotiation.adoption().orElseThrow();
        assertEquals(DocumentStatus.ADOPTED, r.document().status());
        assertEquals(r.document().revision(), adopted.revision());
        assertEquals(Fingerprint.sha256(r.document()), adopted.sha256());
        assertNotEquals(draftPrint, adopted.sha256(), "the fingerprint is of the amended text");

        for (Command command : everyCommand(r)) {
            assertEquals("document-adopted", r.refused(CHAIR, command), command::toString);
        }
        Outcome typed = r.state.submit(new Submission("typist", 1, "Typist", new Change.TextEdit(calls,
                r.clauseById(calls).version(), TextOp.builder().insert("X").retain(r.clauseById(calls).text().length()).build())), T0);
        assertEquals("document-frozen", assertInstanceOf(Outcome.Rejected.class, typed).code());
    }

    /** Adopting straight from drafting passes through negotiating; the revision recorded is the adopted one. */
    @Test
    void adoptingADraftPassesThroughNegotiating() {
        Room r = new Room();
        long before = r.document().revision();
        r.run(CHAIR, new Command.Adopt());
        assertEquals(DocumentStatus.ADOPTED, r.document().status());
        assertEquals(before + 2, r.document().revision());
        Event.DocumentAdopted adopted = r.negotiation.adoption().orElseThrow();
        assertEquals(new Event.DocumentAdopted(r.document().revision(), Fingerprint.sha256(r.document()), T0.toString()),
                adopted);
    }

    // ---- the log ----

    /** Folding the recorded events into a fresh negotiation (a server restart) gives the same state and the same audit trail. */
    @Test
    void replayingTheLogRebuildsTheState() {
        Room r = fullSession();
        Negotiation restarted = new Negotiation(Negotiation.DEFAULT_EDIT_WINDOW);
        List<Transition> transitions = r.log.stream().map(restarted::apply).toList();
        Room.State live = Room.State.of(r.negotiation);
        assertEquals(live, Room.State.of(restarted));
        assertEquals(r.transitions, transitions);
        assertEquals(List.of(6, 3, 1, 1), List.of(live.amendments().size(), live.comments().size(), live.votes().size(),
                live.silences().size()), "the session is as rich as it is meant to be");
        assertTrue(live.adoption().isPresent());
    }

    /** Every event type a session produces survives the JSON of the log unchanged. */
    @Test
    void everyEventSurvivesItsJson() {
        Room r = fullSession();
        Set<Class<?>> seen = new HashSet<>();
        for (Event event : r.log) {
            String text = EventJson.text(event);
            assertEquals(event, EventJson.decode(text), text);
            assertEquals(event, EventJson.decode(EventJson.encode(event).toString()), text);
            assertEquals(text, EventJson.encode(event).toString(), "the log's text and the clients' tree say the same");
            seen.add(event.getClass());
        }
        assertEquals(Set.of(Event.class.getPermittedSubclasses()), seen, "the session produces every event type");
    }

    // ---- helpers ----

    private static Command.DraftAmendment modify(String id, String clauseId, String text, boolean table) {
        return new Command.DraftAmendment(id, AmendmentKind.MODIFY, clauseId, null, null, null, null, text,
                "Rationale of " + id, table);
    }

    private static Room roomWithTabling() {
        Room r = new Room();
        r.run(CHAIR, new Command.SetPhase(Phase.TABLING, true, null));
        return r;
    }

    /** One command of every type, each of which would be accepted in some state of the negotiation. */
    private static List<Command> everyCommand(Room r) {
        String calls = r.id(1);
        return List.of(
                new Command.SetPhase(Phase.TABLING, true, null),
                modify("A9", calls, "*Calls upon* everyone to act;", false),
                new Command.TableAmendment("A1"),
                new Command.WithdrawAmendment("A1"),
                new Command.Cosponsor("A1"),
                new Command.AcceptAmendment("A1", null),
                new Command.RejectAmendment("A1", "late"),
                new Command.Compromise("C9", calls, "*Calls upon* all to act;", List.of("A1"), ""),
                new Command.IndicativeVote("A1", IndicativePosition.SUPPORT),
                new Command.PostComment("K9", CommentTarget.CLAUSE, calls, null, Stance.NEUTRAL, "after the fact"),
                new Command.EditComment("K9", "edited"),
                new Command.DeleteComment("K9"),
                new Command.ResolveThread("K9"),
                new Command.SetClauseStatus(calls, ClauseStatus.BRACKETED),
                new Command.CallVote("V9", VoteSubject.DOCUMENT, null, "Again?", MajorityRule.SIMPLE, BallotKind.OPEN,
                        null, ELECTORATE),
                new Command.RegisterPresence("V1"),
                new Command.OpenVote("V1"),
                new Command.CastBallot("V1", BallotChoice.YES),
                new Command.CloseVote("V1"),
                new Command.StartSilence("S9", List.of(), T0.plus(Duration.ofDays(30)).toString()),
                new Command.BreakSilence(calls, "no"),
                new Command.ConcludeSilence(),
                new Command.Adopt());
    }

    /** A session that produces every event type, ending in adoption. */
    private static Room fullSession() {
        Room r = new Room();
        String preamble = r.id(0);
        String calls = r.id(1);
        String encourages = r.id(2);
        r.run(CHAIR, new Command.SetPhase(Phase.TABLING, true, T0.plus(Duration.ofHours(4)).toString()));
        r.run(FRANCE, modify("A1", calls, "*Calls upon* regional authorities to act;", false));
        r.run(FRANCE, new Command.TableAmendment("A1"));
        r.run(GERMANY, new Command.Cosponsor("A1"));
        r.run(KENYA, modify("A2", calls, "*Calls upon* national governments to act;", true));
        r.run(BRAZIL, modify("A3", encourages, "*Encourages* cities to report annually;", true));
        r.run(BRAZIL, new Command.DraftAmendment("A4", AmendmentKind.DELETE, preamble, null, null, null, null, null, "", true));
        r.run(BRAZIL, new Command.WithdrawAmendment("A4"));
        r.run(GERMANY, new Command.DraftAmendment("A5", AmendmentKind.INSERT, encourages, null, ClauseKind.OPERATIVE,
                null, null, "*Invites* donors to contribute;", "", true));
        r.run(KENYA, new Command.IndicativeVote("A3", IndicativePosition.SUPPORT));
        r.run(KENYA, new Command.IndicativeVote("A3", IndicativePosition.OPPOSE));
        r.run(GERMANY, new Command.PostComment("K1", CommentTarget.AMENDMENT, "A1", null, Stance.SUPPORT, "We support this"));
        r.run(FRANCE, new Command.PostComment("K2", CommentTarget.CLAUSE, encourages, null, Stance.NEUTRAL, "Report to whom?"));
        r.run(BRAZIL, new Command.PostComment("K3", CommentTarget.CLAUSE, encourages, "K2", Stance.NEUTRAL, "The secretariat"));
        r.run(BRAZIL, new Command.EditComment("K3", "The secretariat, yearly"));
        r.run(GERMANY, new Command.DeleteComment("K1"));
        r.run(RAPPORTEUR, new Command.ResolveThread("K3"));
        r.run(RAPPORTEUR, new Command.AcceptAmendment("A3", null));
        r.run(RAPPORTEUR, new Command.RejectAmendment("A5", "Donors are out of scope"));
        r.run(RAPPORTEUR, new Command.Compromise("C1", calls, "*Calls upon* national and regional authorities to act;",
                List.of("A1", "A2"), "Merges A1 and A2"));
        r.run(CHAIR, new Command.SetClauseStatus(preamble, ClauseStatus.AGREED_AD_REF));
        r.run(CHAIR, new Command.SetPhase(Phase.VOTING, true, null));
        r.run(CHAIR, new Command.CallVote("V1", VoteSubject.CLAUSE, calls, "Keep paragraph 1 as it stands?",
                MajorityRule.TWO_THIRDS, BallotKind.ROLL_CALL, null, ELECTORATE));
        for (Actor a : List.of(FRANCE, GERMANY, BRAZIL)) {
            r.run(a, new Command.RegisterPresence("V1"));
        }
        r.run(CHAIR, new Command.OpenVote("V1"));
        r.run(FRANCE, new Command.CastBallot("V1", BallotChoice.YES));
        r.run(GERMANY, new Command.CastBallot("V1", BallotChoice.YES));
        r.run(BRAZIL, new Command.CastBallot("V1", BallotChoice.ABSTAIN));
        r.run(CHAIR, new Command.CloseVote("V1"));
        Instant deadline = T0.plus(Duration.ofDays(1));
        r.run(CHAIR, new Command.StartSilence("S1", List.of(), deadline.toString()));
        r.run(KENYA, new Command.BreakSilence(encourages, "Annual reporting is too heavy"));
        r.run(Actor.PROCEDURE, deadline, new Command.ConcludeSilence());
        r.run(CHAIR, deadline.plusSeconds(60), new Command.Adopt());
        return r;
    }
}
