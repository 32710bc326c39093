package plenary.deliberation;

import java.util.Objects;
import java.util.Optional;

/**
 * The majority a motion needs. Majorities are of votes cast (yes + no): an abstention is a decision
 * not to weigh in, so it neither helps nor hinders a motion.
 */
public enum MajorityRule {
    SIMPLE("simple"),
    TWO_THIRDS("two-thirds"),
    CONSENSUS("consensus");

    private final String wireName;

    MajorityRule(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<MajorityRule> fromWireName(String name) {
        for (MajorityRule rule : values()) {
            if (rule.wireName.equals(name)) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    /** Whether the ballots meet this rule; quorum is the caller's concern (see {@link VoteCount}). */
    public boolean carries(Tally tally) {
        Objects.requireNonNull(tally, "tally");
        // long, so 3 * yes cannot overflow however large the tally.
        long yes = tally.yes();
        long no = tally.no();
        return switch (this) {
            // A tie, or nobody voting at all, leaves the motion where it was: not adopted.
            case SIMPLE -> yes > no;
            // Integer cross-multiplication: exactly two thirds carries, with no rounding to argue about.
            case TWO_THIRDS -> yes + no > 0 && 3 * yes >= 2 * (yes + no);
            // Consensus means no objection, not unanimity: abstaining is how one stands aside.
            case CONSENSUS -> no == 0;
        };
    }
}
