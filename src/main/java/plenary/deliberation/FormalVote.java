package plenary.deliberation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A formal vote called by the chair. Delegations register as present, then cast one ballot each;
 * closing computes the result once, and it is never edited after.
 *
 * @param subjectId the amendment or clause voted on; null for the whole document
 * @param quorum    the delegations that must be present for the vote to count
 * @param electorate the delegations entitled to vote when the vote was called
 */
public record FormalVote(String id, VoteSubject subject, String subjectId, String question, MajorityRule rule,
                         BallotKind ballot, int quorum, List<String> electorate, VoteStage stage,
                         List<String> present, List<Ballot> ballots, VoteResult result, String calledAt,
                         String closedAt) {

    public FormalVote {
        Objects.requireNonNull(id, "id");
        electorate = List.copyOf(electorate);
        present = List.copyOf(present);
        ballots = List.copyOf(ballots);
    }

    public FormalVote withPresent(String delegation) {
        List<String> more = new ArrayList<>(present);
        more.add(delegation);
        return new FormalVote(id, subject, subjectId, question, rule, ballot, quorum, electorate, stage, more, ballots,
                result, calledAt, closedAt);
    }

    public FormalVote inStage(VoteStage next) {
        return new FormalVote(id, subject, subjectId, question, rule, ballot, quorum, electorate, next, present,
                ballots, result, calledAt, closedAt);
    }

    public FormalVote withBallot(Ballot cast) {
        List<Ballot> more = new ArrayList<>(ballots);
        more.add(cast);
        return new FormalVote(id, subject, subjectId, question, rule, ballot, quorum, electorate, stage, present, more,
                result, calledAt, closedAt);
    }

    public FormalVote closed(VoteResult counted, String at) {
        return new FormalVote(id, subject, subjectId, question, rule, ballot, quorum, electorate, VoteStage.CLOSED,
                present, ballots, counted, calledAt, at);
    }

    public boolean hasBallotFrom(String delegation) {
        return ballots.stream().anyMatch(b -> b.delegation().equals(delegation));
    }
}
