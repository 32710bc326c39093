package plenary.deliberation;

import java.util.Objects;

/** Declares the result of a formal vote: quorum first, then the majority rule. */
public final class VoteCount {
    private VoteCount() {
    }

    public static VoteResult count(MajorityRule rule, int quorum, int present, Tally tally) {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(tally, "tally");
        if (quorum < 1) {
            throw new IllegalArgumentException("quorum must be at least 1: " + quorum);
        }
        if (present < 0) {
            throw new IllegalArgumentException("present must not be negative: " + present);
        }
        boolean quorumMet = present >= quorum;
        boolean carried = quorumMet && rule.carries(tally);
        return new VoteResult(present, quorum, quorumMet, tally, rule, carried,
                summary(rule, quorum, present, quorumMet, carried, tally));
    }

    /** A majority of the delegations entitled to vote; never below one, so some presence is always needed. */
    public static int defaultQuorum(int delegations) {
        if (delegations < 0) {
            throw new IllegalArgumentException("delegations must not be negative: " + delegations);
        }
        return delegations / 2 + 1;
    }

    // Says why a motion failed when the reason is not plain from the figures.
    private static String summary(MajorityRule rule, int quorum, int present, boolean quorumMet, boolean carried,
                                  Tally tally) {
        if (!quorumMet) {
            return "Not carried: no quorum (" + present + " present, " + quorum + " required)";
        }
        if (carried) {
            return "Carried: " + figures(tally) + " (" + basis(rule) + ")";
        }
        if (rule != MajorityRule.CONSENSUS && tally.cast() == 0) {
            return "Not carried: no votes cast"
                    + (tally.abstain() > 0 ? " (" + count(tally.abstain(), "abstention") + ")" : "");
        }
        if (rule == MajorityRule.SIMPLE && tally.yes() == tally.no()) {
            return "Not carried: tie (" + figures(tally) + ")";
        }
        if (rule == MajorityRule.CONSENSUS) {
            return "Not carried: " + count(tally.no(), "objection") + " (" + figures(tally) + ")";
        }
        return "Not carried: " + figures(tally) + " (" + basis(rule) + ")";
    }

    private static String figures(Tally tally) {
        String inFavourAgainst = tally.yes() + " in favour, " + tally.no() + " against";
        return tally.abstain() == 0 ? inFavourAgainst : inFavourAgainst + ", " + count(tally.abstain(), "abstention");
    }

    private static String basis(MajorityRule rule) {
        return switch (rule) {
            case SIMPLE -> "simple majority of votes cast";
            case TWO_THIRDS -> "two-thirds of votes cast";
            case CONSENSUS -> "consensus, no objection";
        };
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
