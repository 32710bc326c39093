package plenary.render;

import plenary.amendment.Amendment;
import plenary.deliberation.Ballot;
import plenary.deliberation.BallotChoice;
import plenary.deliberation.BallotKind;
import plenary.deliberation.FormalVote;
import plenary.deliberation.MajorityRule;
import plenary.deliberation.VoteResult;
import plenary.document.Document;

import java.util.List;

import static plenary.render.HtmlText.escape;

/**
 * The annex recording the closed formal votes: what was asked, under which rule, who was there,
 * the figures and the result as the chair declared it, and for a roll call each delegation's vote.
 */
final class HtmlVotes {
    private HtmlVotes() {
    }

    static void annex(StringBuilder out, Document document, List<Amendment> pending, List<FormalVote> votes) {
        out.append("<section class=\"annex\" id=\"annex-votes\">\n<h2>Annex<br>Record of formal votes</h2>\n");
        for (int i = 0; i < votes.size(); i++) {
            vote(out, i + 1, votes.get(i), document, pending);
        }
        out.append("</section>\n");
    }

    private static void vote(StringBuilder out, int n, FormalVote vote, Document document, List<Amendment> pending) {
        out.append("<section class=\"vote\" id=\"vote-").append(escape(vote.id())).append("\">\n<h3>Vote ").append(n)
                .append(": <span class=\"question\" dir=\"").append(TextDirection.of(text(vote.question())).html())
                .append("\">").append(escape(vote.question())).append("</span></h3>\n<dl>\n");
        row(out, "Subject", subject(vote, document, pending));
        row(out, "Majority required", vote.rule() == null ? "" : rule(vote.rule()));
        row(out, "Ballot", vote.ballot() == BallotKind.ROLL_CALL ? "roll call" : "open");
        VoteResult result = vote.result();
        row(out, "Quorum", Integer.toString(result == null ? vote.quorum() : result.quorum()));
        row(out, "Present", Integer.toString(result == null ? vote.present().size() : result.present()));
        if (result != null) {
            row(out, "In favour", Integer.toString(result.tally().yes()));
            row(out, "Against", Integer.toString(result.tally().no()));
            row(out, "Abstentions", Integer.toString(result.tally().abstain()));
        }
        if (vote.closedAt() != null) {
            row(out, "Closed on", Wording.day(vote.closedAt()));
        }
        out.append("<dt>Result</dt><dd class=\"").append(result == null ? "no-result" : result.carried() ? "carried" : "failed")
                .append("\">").append(escape(result == null ? "No result recorded" : result.summary())).append("</dd>\n</dl>\n");
        if (vote.ballot() == BallotKind.ROLL_CALL && !vote.ballots().isEmpty()) {
            out.append("<table class=\"roll-call\">\n<thead><tr><th>Delegation</th><th>Vote</th><th>Cast by</th></tr></thead>\n<tbody>\n");
            for (Ballot ballot : vote.ballots()) {
                out.append("<tr class=\"").append(ballot.choice() == null ? "" : ballot.choice().wireName())
                        .append("\"><td>").append(escape(ballot.delegation())).append("</td><td>")
                        .append(escape(choice(ballot.choice()))).append("</td><td>").append(escape(ballot.voter()))
                        .append("</td></tr>\n");
            }
            out.append("</tbody>\n</table>\n");
        }
        out.append("</section>\n");
    }

    private static void row(StringBuilder out, String term, String value) {
        out.append("<dt>").append(escape(term)).append("</dt><dd>").append(escape(value)).append("</dd>\n");
    }

    /** The subject as delegates cite it: an amendment's compilation label, a paragraph's number. */
    private static String subject(FormalVote vote, Document document, List<Amendment> pending) {
        if (vote.subject() == null) {
            return "";
        }
        String id = vote.subjectId();
        return switch (vote.subject()) {
            case DOCUMENT -> "The whole document";
            case AMENDMENT -> {
                for (int i = 0; i < pending.size(); i++) {
                    if (pending.get(i).id().equals(id)) {
                        yield "Amendment A" + (i + 1);
                    }
                }
                yield "Amendment " + text(id);
            }
            case CLAUSE -> {
                int at = id == null ? -1 : document.indexOf(id);
                String number = at < 0 ? null : document.numbers().get(at);
                yield number == null ? "Clause " + text(id) : "Paragraph " + number;
            }
        };
    }

    private static String rule(MajorityRule rule) {
        return switch (rule) {
            case SIMPLE -> "simple majority of votes cast";
            case TWO_THIRDS -> "two-thirds of votes cast";
            case CONSENSUS -> "consensus (no objection)";
        };
    }

    private static String choice(BallotChoice choice) {
        if (choice == null) {
            return "";
        }
        return switch (choice) {
            case YES -> "In favour";
            case NO -> "Against";
            case ABSTAIN -> "Abstention";
        };
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
