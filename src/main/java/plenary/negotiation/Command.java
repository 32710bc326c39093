package plenary.negotiation;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import plenary.amendment.AmendmentKind;
import plenary.deliberation.BallotChoice;
import plenary.deliberation.BallotKind;
import plenary.deliberation.CommentTarget;
import plenary.deliberation.IndicativePosition;
import plenary.deliberation.MajorityRule;
import plenary.deliberation.Phase;
import plenary.deliberation.Stance;
import plenary.deliberation.VoteSubject;
import plenary.document.ClauseKind;
import plenary.document.ClauseStatus;

import java.util.List;


/**
 * Everything a person can ask of a negotiation. Ids of new things are chosen by the caller, so a
 * request can name what it created. Each command is checked against the state as it is when its
 * turn comes in the document's sequencer, and either changes it as a whole or not at all.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Command.SetPhase.class, name = "set-phase"),
        @JsonSubTypes.Type(value = Command.DraftAmendment.class, name = "draft-amendment"),
        @JsonSubTypes.Type(value = Command.TableAmendment.class, name = "table-amendment"),
        @JsonSubTypes.Type(value = Command.WithdrawAmendment.class, name = "withdraw-amendment"),
        @JsonSubTypes.Type(value = Command.Cosponsor.class, name = "cosponsor"),
        @JsonSubTypes.Type(value = Command.AcceptAmendment.class, name = "accept-amendment"),
        @JsonSubTypes.Type(value = Command.RejectAmendment.class, name = "reject-amendment"),
        @JsonSubTypes.Type(value = Command.Compromise.class, name = "compromise"),
        @JsonSubTypes.Type(value = Command.IndicativeVote.class, name = "indicative-vote"),
        @JsonSubTypes.Type(value = Command.PostComment.class, name = "post-comment"),
        @JsonSubTypes.Type(value = Command.EditComment.class, name = "edit-comment"),
        @JsonSubTypes.Type(value = Command.DeleteComment.class, name = "delete-comment"),
        @JsonSubTypes.Type(value = Command.ResolveThread.class, name = "resolve-thread"),
        @JsonSubTypes.Type(value = Command.SetClauseStatus.class, name = "set-clause-status"),
        @JsonSubTypes.Type(value = Command.CallVote.class, name = "call-vote"),
        @JsonSubTypes.Type(value = Command.RegisterPresence.class, name = "register-presence"),
        @JsonSubTypes.Type(value = Command.OpenVote.class, name = "open-vote"),
        @JsonSubTypes.Type(value = Command.CastBallot.class, name = "cast-ballot"),
        @JsonSubTypes.Type(value = Command.CloseVote.class, name = "close-vote"),
        @JsonSubTypes.Type(value = Command.StartSilence.class, name = "start-silence"),
        @JsonSubTypes.Type(value = Command.BreakSilence.class, name = "break-silence"),
        @JsonSubTypes.Type(value = Command.ConcludeSilence.class, name = "conclude-silence"),
        @JsonSubTypes.Type(value = Command.Adopt.class, name = "adopt")
})
public sealed interface Command {

    record SetPhase(Phase phase, boolean open, String deadline) implements Command {
    }

    /**
     * Drafts an amendment, tabled at once when {@code table} is set.
     *
     * @param baseVersion the clause version it was written against (null: the current one)
     * @param baseText    the clause text at {@code baseVersion}, needed when that is not the current one
     */
    record DraftAmendment(String id, AmendmentKind kind, String clauseId, String afterId, ClauseKind newKind,
                          Long baseVersion, String baseText, String text, String rationale, boolean table)
            implements Command {
    }

    record TableAmendment(String id) implements Command {
    }

    record WithdrawAmendment(String id) implements Command {
    }

    record Cosponsor(String id) implements Command {
    }

    /** Merges an amendment; with {@code text}, in the form the rapporteur wrote (accepted with changes). */
    record AcceptAmendment(String id, String text) implements Command {
    }

    record RejectAmendment(String id, String reason) implements Command {
    }

    /** A compromise text for a clause, taking the place of the amendments it names. */
    record Compromise(String id, String clauseId, String text, List<String> supersedes, String rationale)
            implements Command {
    }

    record IndicativeVote(String amendmentId, IndicativePosition position) implements Command {
    }

    record PostComment(String id, CommentTarget target, String targetId, String parentId, Stance stance, String body)
            implements Command {
    }

    record EditComment(String id, String body) implements Command {
    }

    record DeleteComment(String id) implements Command {
    }

    record ResolveThread(String id) implements Command {
    }

    record SetClauseStatus(String clauseId, ClauseStatus status) implements Command {
    }

    /**
     * @param quorum     delegations that must be present (null: a majority of the electorate)
     * @param electorate the delegations entitled to vote, as the meeting's members say
     */
    record CallVote(String id, VoteSubject subject, String subjectId, String question, MajorityRule rule,
                    BallotKind ballot, Integer quorum, List<String> electorate) implements Command {
    }

    record RegisterPresence(String voteId) implements Command {
    }

    record OpenVote(String voteId) implements Command {
    }

    record CastBallot(String voteId, BallotChoice choice) implements Command {
    }

    record CloseVote(String voteId) implements Command {
    }

    /** @param clauseIds the paragraphs under silence (empty: every paragraph not yet agreed) */
    record StartSilence(String id, List<String> clauseIds, String deadline) implements Command {
    }

    record BreakSilence(String clauseId, String reason) implements Command {
    }

    /** The deadline has passed: sent by the procedure, not by a person. */
    record ConcludeSilence() implements Command {
    }

    record Adopt() implements Command {
    }
}
