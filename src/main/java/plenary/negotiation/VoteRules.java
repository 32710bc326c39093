package plenary.negotiation;

import plenary.amendment.Amendment;
import plenary.amendment.AmendmentState;
import plenary.deliberation.Ballot;
import plenary.deliberation.FormalVote;
import plenary.deliberation.Phase;
import plenary.deliberation.Tally;
import plenary.deliberation.VoteCount;
import plenary.deliberation.VoteResult;
import plenary.deliberation.VoteStage;
import plenary.deliberation.VoteSubject;
import plenary.document.Document;

import java.time.Instant;
import java.util.List;

/** Formal votes: called, presence registered, opened, one ballot per delegation, closed once. */
final class VoteRules {
    static final int MAX_QUESTION = 2_000;

    private VoteRules() {
    }

    static Verdict call(Negotiation n, Command.CallVote c, Instant now, Document document) {
        requireVotingOpen(n, now);
        if (n.votes.containsKey(c.id())) {
            throw NegotiationException.conflict("duplicate-id", "vote " + c.id() + " exists");
        }
        n.votes.values().stream().filter(v -> v.stage() != VoteStage.CLOSED).findFirst().ifPresent(v -> {
            throw NegotiationException.conflict("vote-in-progress", "vote " + v.id() + " is not closed yet");
        });
        String subjectId = switch (c.subject()) {
            case AMENDMENT -> {
                Amendment a = n.amendments.get(c.subjectId());
                if (a == null || a.restricted()) {
                    throw NegotiationException.notFound("no tabled amendment " + c.subjectId());
                }
                if (a.state() != AmendmentState.TABLED) {
                    throw NegotiationException.conflict("amendment-closed", "amendment " + a.id() + " is already "
                            + Wire.name(a.state()) + "; there is nothing left to vote on");
                }
                yield a.id();
            }
            case CLAUSE -> document.clause(c.subjectId()).orElseThrow(
                    () -> NegotiationException.notFound("no clause " + c.subjectId() + " in this document")).id();
            case DOCUMENT -> null;
        };
        if (c.question() == null || c.question().isBlank() || c.question().length() > MAX_QUESTION) {
            throw NegotiationException.invalid("a vote needs a question of at most " + MAX_QUESTION + " characters");
        }
        List<String> electorate = c.electorate().stream().distinct().sorted().toList();
        if (electorate.isEmpty()) {
            throw NegotiationException.conflict("no-electorate", "no delegation in this meeting can vote");
        }
        int quorum = c.quorum() == null ? VoteCount.defaultQuorum(electorate.size()) : c.quorum();
        if (quorum < 1 || quorum > electorate.size()) {
            throw NegotiationException.invalid("the quorum must be between 1 and the " + electorate.size()
                    + " delegations entitled to vote");
        }
        FormalVote vote = new FormalVote(c.id(), c.subject(), subjectId, c.question().strip(), c.rule(), c.ballot(),
                quorum, electorate, VoteStage.REGISTER, List.of(), List.of(), null, now.toString(), null);
        return Verdict.of(new Event.VoteCalled(vote));
    }

    static Verdict register(Negotiation n, Command.RegisterPresence c, Actor actor) {
        FormalVote vote = vote(n, c.voteId());
        String delegation = entitled(vote, actor);
        if (vote.stage() != VoteStage.REGISTER) {
            throw NegotiationException.conflict("register-closed", "the presence register of vote " + vote.id()
                    + " is closed");
        }
        if (vote.present().contains(delegation)) {
            throw NegotiationException.conflict("already-present", delegation + " is already registered as present");
        }
        return Verdict.of(new Event.PresenceRegistered(vote.id(), delegation));
    }

    static Verdict open(Negotiation n, Command.OpenVote c) {
        FormalVote vote = vote(n, c.voteId());
        if (vote.stage() != VoteStage.REGISTER) {
            throw NegotiationException.conflict("vote-not-in-register", "vote " + vote.id() + " is already "
                    + Wire.name(vote.stage()));
        }
        return Verdict.of(new Event.VoteOpened(vote.id()));
    }

    static Verdict cast(Negotiation n, Command.CastBallot c, Actor actor) {
        FormalVote vote = vote(n, c.voteId());
        String delegation = entitled(vote, actor);
        if (vote.stage() != VoteStage.OPEN) {
            throw NegotiationException.conflict("vote-not-open", vote.stage() == VoteStage.CLOSED
                    ? "vote " + vote.id() + " is closed" : "vote " + vote.id() + " is not open yet");
        }
        if (!vote.present().contains(delegation)) {
            throw NegotiationException.conflict("not-present", delegation + " did not register as present");
        }
        if (vote.hasBallotFrom(delegation)) {
            throw NegotiationException.conflict("already-voted", delegation + " has already voted in vote " + vote.id());
        }
        return Verdict.of(new Event.BallotCast(vote.id(), new Ballot(delegation, actor.name(), c.choice())));
    }

    static Verdict close(Negotiation n, Command.CloseVote c, Instant now) {
        FormalVote vote = vote(n, c.voteId());
        if (vote.stage() != VoteStage.OPEN) {
            throw NegotiationException.conflict("vote-not-open", "vote " + vote.id() + " is "
                    + Wire.name(vote.stage()) + ", not open");
        }
        Tally tally = Tally.of(vote.ballots().stream().map(Ballot::choice).toList());
        VoteResult result = VoteCount.count(vote.rule(), vote.quorum(), vote.present().size(), tally);
        return Verdict.of(new Event.VoteClosed(vote.id(), result, now.toString()));
    }

    private static FormalVote vote(Negotiation n, String id) {
        FormalVote vote = n.votes.get(id);
        if (vote == null) {
            throw NegotiationException.notFound("no vote " + id);
        }
        return vote;
    }

    private static String entitled(FormalVote vote, Actor actor) {
        if (actor.delegation() == null || !vote.electorate().contains(actor.delegation())) {
            throw NegotiationException.forbidden("your delegation is not entitled to vote in vote " + vote.id());
        }
        return actor.delegation();
    }

    static void requireVotingOpen(Negotiation n, Instant now) {
        if (!n.phases.get(Phase.VOTING).openAt(now)) {
            throw NegotiationException.conflict("voting-closed", "the chair has not opened voting");
        }
    }
}
