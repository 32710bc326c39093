package plenary.deliberation;

import java.util.Objects;

/**
 * The declared outcome of a formal vote: the figures behind it, and the sentence the chair reads out.
 * Built by {@link VoteCount}.
 */
public record VoteResult(int present, int quorum, boolean quorumMet, Tally tally, MajorityRule rule,
                         boolean carried, String summary) {

    public VoteResult {
        Objects.requireNonNull(tally, "tally");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(summary, "summary");
        // An inquorate meeting cannot adopt anything, whatever the ballots say.
        if (carried && !quorumMet) {
            throw new IllegalArgumentException("a vote without quorum cannot carry");
        }
    }
}
