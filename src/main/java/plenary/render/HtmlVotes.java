package plenary.render;

import plenary.deliberation.Ballot;
import plenary.deliberation.FormalVote;
import plenary.deliberation.VoteResult;

import java.util.List;

import static plenary.render.HtmlText.escape;

/**
 * The annex recording the closed formal votes: what was asked, under which rule, who was there,
 * the figures and the result as the chair declared it, and for a roll call each delegation's vote.
 */
final class HtmlVotes {
    private HtmlVotes() {
    }

    static void annex(StringBuilder out, Edition edition) {
        List<FormalVote> votes = edition.votes();
        out.append("<section class=\"annex\" id=\"annex-votes\">\n<h2>Annex<br>Record of formal votes</h2>\n");
        for (int i = 0; i < votes.size(); i++) {
            vote(out, i + 1, votes.get(i), edition);
        }
        out.append("</section>\n");
    }

    private static void vote(StringBuilder out, int n, FormalVote vote, Edition edition) {
        out.append("<section class=\"vote\" id=\"vote-").append(escape(vote.id())).append("\">\n<h3>Vote ").append(n)
                .append(": <span class=\"question\" dir=\"").append(TextDirection.of(VoteRecord.question(vote)).html())
                .append("\">").append(escape(VoteRecord.question(vote))).append("</span></h3>\n<dl>\n");
        VoteResult result = vote.result();
        for (VoteRecord.Row row : VoteRecord.rows(vote, edition)) {
            if (row.label().equals("Result")) {
                out.append("<dt>Result</dt><dd class=\"").append(result == null ? "no-result"
                        : result.carried() ? "carried" : "failed").append("\">").append(escape(row.value())).append("</dd>\n");
            } else {
                row(out, row.label(), row.value());
            }
        }
        out.append("</dl>\n");
        if (VoteRecord.listsRollCall(vote)) {
            out.append("<table class=\"roll-call\">\n<thead><tr><th>Delegation</th><th>Vote</th><th>Cast by</th></tr></thead>\n<tbody>\n");
            for (Ballot ballot : vote.ballots()) {
                out.append("<tr class=\"").append(ballot.choice() == null ? "" : ballot.choice().wireName())
                        .append("\"><td>").append(escape(ballot.delegation())).append("</td><td>")
                        .append(escape(VoteRecord.choice(ballot.choice()))).append("</td><td>").append(escape(ballot.voter()))
                        .append("</td></tr>\n");
            }
            out.append("</tbody>\n</table>\n");
        }
        out.append("</section>\n");
    }

    private static void row(StringBuilder out, String term, String value) {
        out.append("<dt>").append(escape(term)).append("</dt><dd>").append(escape(value)).append("</dd>\n");
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
