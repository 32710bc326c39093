package plenary.render;

import plenary.deliberation.Ballot;
import plenary.deliberation.BallotChoice;
import plenary.deliberation.FormalVote;
import plenary.deliberation.VoteResult;
import plenary.document.Document;

import java.util.ArrayList;
import java.util.List;

/** The lines of the vote-record annex, shared by HTML and PDF so both record a vote alike. */
public final class VoteRecord {
    public static final String ANNEX_TITLE = "Annex: record of formal votes";

    private VoteRecord() {
    }

    /** Label and value pairs, in the order a secretariat records them. */
    public static List<String[]> rows(FormalVote vote, Document document) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"Subject", subject(vote, document)});
        rows.add(new String[]{"Majority required", majority(vote)});
        rows.add(new String[]{"Ballot", switch (vote.ballot()) {
            case OPEN -> "open (choices not recorded by name)";
            case ROLL_CALL -> "roll call (recorded by name)";
        }});
        VoteResult result = vote.result();
        if (result != null) {
            rows.add(new String[]{"Quorum", result.quorum() + " required, " + result.present() + " present"
                    + (result.quorumMet() ? "" : ": quorum not met")});
            rows.add(new String[]{"Votes", result.tally().yes() + " in favour, " + result.tally().no() + " against, "
                    + result.tally().abstain() + " abstaining"});
            rows.add(new String[]{"Result", result.summary()});
        }
        rows.add(new String[]{"Called", vote.calledAt() == null ? "" : vote.calledAt()});
        rows.add(new String[]{"Closed", vote.closedAt() == null ? "" : vote.closedAt()});
        return rows;
    }

    public static String rollCallLine(Ballot ballot) {
        return ballot.delegation() + (ballot.voter() == null ? "" : " (" + ballot.voter() + ")") + ": "
                + choice(ballot.choice());
    }

    public static String choice(BallotChoice choice) {
        return switch (choice) {
            case YES -> "yes";
            case NO -> "no";
            case ABSTAIN -> "abstain";
        };
    }

    private static String majority(FormalVote vote) {
        return switch (vote.rule()) {
            case SIMPLE -> "simple majority of votes cast";
            case TWO_THIRDS -> "two-thirds of votes cast";
            case CONSENSUS -> "consensus (no objection)";
        };
    }

    private static String subject(FormalVote vote, Document document) {
        return switch (vote.subject()) {
            case DOCUMENT -> "the whole document";
            case CLAUSE -> {
                int at = vote.subjectId() == null ? -1 : document.indexOf(vote.subjectId());
                String number = at < 0 ? null : document.numbers().get(at);
                yield "paragraph " + (number != null ? number : vote.subjectId());
            }
            case AMENDMENT -> "amendment " + vote.subjectId();
        };
    }
}
