package plenary.negotiation;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import plenary.amendment.Amendment;
import plenary.deliberation.Ballot;
import plenary.deliberation.Comment;
import plenary.deliberation.FormalVote;
import plenary.deliberation.IndicativePosition;
import plenary.deliberation.Phase;
import plenary.deliberation.SilenceProcedure;
import plenary.deliberation.VoteResult;
import plenary.document.ClauseStatus;

import java.util.List;

/**
 * A state change of a negotiation, as appended to its log. The negotiation is the fold of its
 * events; the audit log is the same events with who, when, and before → after.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Event.PhaseSet.class, name = "phase-set"),
        @JsonSubTypes.Type(value = Event.AmendmentDrafted.class, name = "amendment-drafted"),
        @JsonSubTypes.Type(value = Event.AmendmentTabled.class, name = "amendment-tabled"),
        @JsonSubTypes.Type(value = Event.AmendmentWithdrawn.class, name = "amendment-withdrawn"),
        @JsonSubTypes.Type(value = Event.CosponsorJoined.class, name = "cosponsor-joined"),
        @JsonSubTypes.Type(value = Event.AmendmentAccepted.class, name = "amendment-accepted"),
        @JsonSubTypes.Type(value = Event.AmendmentRejected.class, name = "amendment-rejected"),
        @JsonSubTypes.Type(value = Event.CompromiseMerged.class, name = "compromise-merged"),
        @JsonSubTypes.Type(value = Event.AmendmentSuperseded.class, name = "amendment-superseded"),
        @JsonSubTypes.Type(value = Event.IndicativeCast.class, name = "indicative-cast"),
        @JsonSubTypes.Type(value = Event.CommentPosted.class, name = "comment-posted"),
        @JsonSubTypes.Type(value = Event.CommentEdited.class, name = "comment-edited"),
        @JsonSubTypes.Type(value = Event.CommentDeleted.class, name = "comment-deleted"),
        @JsonSubTypes.Type(value = Event.ThreadResolved.class, name = "thread-resolved"),
        @JsonSubTypes.Type(value = Event.ClauseStatusSet.class, name = "clause-status-set"),
        @JsonSubTypes.Type(value = Event.VoteCalled.class, name = "vote-called"),
        @JsonSubTypes.Type(value = Event.PresenceRegistered.class, name = "presence-registered"),
        @JsonSubTypes.Type(value = Event.VoteOpened.class, name = "vote-opened"),
        @JsonSubTypes.Type(value = Event.BallotCast.class, name = "ballot-cast"),
        @JsonSubTypes.Type(value = Event.VoteClosed.class, name = "vote-closed"),
        @JsonSubTypes.Type(value = Event.SilenceStarted.class, name = "silence-started"),
        @JsonSubTypes.Type(value = Event.SilenceBroken.class, name = "silence-broken"),
        @JsonSubTypes.Type(value = Event.SilenceConcluded.class, name = "silence-concluded"),
        @JsonSubTypes.Type(value = Event.DocumentAdopted.class, name = "document-adopted"),
})
public sealed interface Event {

    record PhaseSet(Phase phase, boolean open, String deadline) implements Event {
    }

    record AmendmentDrafted(Amendment amendment) implements Event {
    }

    record AmendmentTabled(String id) implements Event {
    }

    record AmendmentWithdrawn(String id) implements Event {
    }

    record CosponsorJoined(String id, String delegation) implements Event {
    }

    /** @param text the text merged (for a modification), rebased onto the clause as it was */
    record AmendmentAccepted(String id, boolean withChanges, String text) implements Event {
    }

    record AmendmentRejected(String id, String reason) implements Event {
    }

    record CompromiseMerged(Amendment compromise) implements Event {
    }

    record AmendmentSuperseded(String id, String by) implements Event {
    }

    record IndicativeCast(String amendmentId, String delegation, IndicativePosition position) implements Event {
    }

    record CommentPosted(Comment comment) implements Event {
    }

    record CommentEdited(String id, String body, String at) implements Event {
    }

    record CommentDeleted(String id) implements Event {
    }

    record ThreadResolved(String id) implements Event {
    }

    record ClauseStatusSet(String clauseId, ClauseStatus from, ClauseStatus to) implements Event {
    }

    record VoteCalled(FormalVote vote) implements Event {
    }

    record PresenceRegistered(String voteId, String delegation) implements Event {
    }

    record VoteOpened(String voteId) implements Event {
    }

    record BallotCast(String voteId, Ballot ballot) implements Event {
    }

    record VoteClosed(String voteId, VoteResult result, String at) implements Event {
    }

    record SilenceStarted(SilenceProcedure silence) implements Event {
    }

    record SilenceBroken(String id, SilenceProcedure.SilenceBreak silenceBreak) implements Event {
    }

    record SilenceConcluded(String id, List<String> held, List<String> broken) implements Event {
    }

    /** @param sha256 of the UTF-8 Markdown export of the adopted revision */
    record DocumentAdopted(long revision, String sha256, String at) implements Event {
    }
}
