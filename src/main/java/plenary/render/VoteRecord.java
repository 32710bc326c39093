package plenary.render;

import plenary.amendment.Amendment;
import plenary.deliberation.Ballot;
import plenary.deliberation.BallotChoice;
import plenary.deliberation.BallotKind;
import plenary.deliberation.FormalVote;
import plenary.deliberation.VoteResult;
import plenary.document.Document;

import java.util.ArrayList;
import java.util.List;

/** The lines of the vote-record annex, shared by HTML and PDF so both record a vote alike. */
public final class VoteRecord {
    public static final String ANNEX_TITLE = "Annex: record of formal votes";

    /** One line of a vote's record. */
    public record Row(String label, String value) {
    }

    private VoteRecord() {
    }

    /** What was asked, under which rule, who was there, the figures and the result as declared. */
    public static List<Row> rows(FormalVote vote, Edition edition) {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("Subject", subject(vote, edition.document(), edition.pending(), edition.voteSubjects())));
        rows.add(new Row("Majority required", majority(vote)));
        rows.add(new Row("Ballot", vote.ballot() == BallotKind.ROLL_CALL ? "roll call" : "open"));
        VoteResult result = vote.result();
        rows.add(new Row("Quorum", Integer.toString(result == null ? vote.quorum() : result.quorum())));
        rows.add(new Row("Present", Integer.toString(result == null ? vote.present().size() : result.present())));
        if (result != null) {
            rows.add(new Row("In favour", Integer.toString(result.tally().yes())));
            rows.add(new Row("Against", Integer.toString(result.tally().no())));
            rows.add(new Row("Abstentions", Integer.toString(result.tally().abstain())));
        }
        if (vote.closedAt() != null) {
            rows.add(new Row("Closed on", Wording.day(vote.closedAt(), edition.document().meta())));
        }
        rows.add(new Row("Result", result == null ? "No result recorded" : result.summary()));
        return rows;
    }

    /** The question as recorded; the API refuses a blank one, but an annex must never print "null". */
    public static String question(FormalVote vote) {
        return vote.question() == null || vote.question().isBlank() ? "(no question recorded)" : vote.question();
    }

    /** Whether the annex lists each delegation's vote: a roll call that had ballots. */
    public static boolean listsRollCall(FormalVote vote) {
        return vote.ballot() == BallotKind.ROLL_CALL && !vote.ballots().isEmpty();
    }

    /** "City of Graz (Ana Novak): In favour". */
    public static String rollCallLine(Ballot ballot) {
        return ballot.delegation() + (ballot.voter() == null ? "" : " (" + ballot.voter() + ")") + ": "
                + choice(ballot.choice());
    }

    public static String choice(BallotChoice choice) {
        if (choice == null) {
            return "";
        }
        return switch (choice) {
            case YES -> "In favour";
            case NO -> "Against";
            case ABSTAIN -> "Abstention";
        };
    }

    private static String majority(FormalVote vote) {
        if (vote.rule() == null) {
            return "";
        }
        return switch (vote.rule()) {
            case SIMPLE -> "simple majority of votes cast";
            case TWO_THIRDS -> "two-thirds of votes cast";
            case CONSENSUS -> "consensus (no objection)";
        };
    }

    /** The subject as delegates cite it: an amendment's compilation label, a paragraph's number. */
    private static String subject(FormalVote vote, Document document, List<Amendment> pending,
                                  java.util.Map<String, String> described) {
        if (vote.subject() == null) {
            return "";
        }
        String id = vote.subjectId() == null ? "" : vote.subjectId();
        return switch (vote.subject()) {
            case DOCUMENT -> "The whole document";
            case AMENDMENT -> {
                for (int i = 0; i < pending.size(); i++) {
                    if (pending.get(i).id().equals(id)) {
                        yield "Amendment A" + (i + 1);
                    }
                }
                String known = described.get(id);
                yield known != null ? Character.toUpperCase(known.charAt(0)) + known.substring(1) : "Amendment " + id;
            }
            case CLAUSE -> {
                int at = document.indexOf(id);
                String number = at < 0 ? null : document.numbers().get(at);
                yield number == null ? "Clause " + id : "Paragraph " + number;
            }
        };
    }
}
