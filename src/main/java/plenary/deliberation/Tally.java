package plenary.deliberation;

import java.util.Collection;
import java.util.Objects;

/** The ballots of one vote, counted. */
public record Tally(int yes, int no, int abstain) {

    public static final Tally EMPTY = new Tally(0, 0, 0);

    public Tally {
        if (yes < 0 || no < 0 || abstain < 0) {
            throw new IllegalArgumentException("negative tally: " + yes + " yes, " + no + " no, " + abstain + " abstain");
        }
        // Refuse totals that would wrap, so cast() and ballots() are always exact.
        if ((long) yes + no + abstain > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("tally too large");
        }
    }

    public static Tally of(Collection<BallotChoice> ballots) {
        Tally tally = EMPTY;
        for (BallotChoice ballot : ballots) {
            tally = tally.plus(ballot);
        }
        return tally;
    }

    /** Votes cast: yes and no. Abstentions are ballots but not votes cast. */
    public int cast() {
        return yes + no;
    }

    public int ballots() {
        return yes + no + abstain;
    }

    public Tally plus(BallotChoice ballot) {
        Objects.requireNonNull(ballot, "ballot");
        return switch (ballot) {
            case YES -> new Tally(Math.incrementExact(yes), no, abstain);
            case NO -> new Tally(yes, Math.incrementExact(no), abstain);
            case ABSTAIN -> new Tally(yes, no, Math.incrementExact(abstain));
        };
    }
}
