package plenary.deliberation;

import java.util.Optional;

/** What one delegation answers in a formal vote. */
public enum BallotChoice {
    YES("yes"),
    NO("no"),
    ABSTAIN("abstain");

    private final String wireName;

    BallotChoice(String wireName) {
        this.wireName = wireName;
    }

    /** The stable name clients and storage use, so renaming a constant never breaks either. */
    public String wireName() {
        return wireName;
    }

    /** Exact match only: a ballot is too consequential to guess at. */
    public static Optional<BallotChoice> fromWireName(String name) {
        for (BallotChoice choice : values()) {
            if (choice.wireName.equals(name)) {
                return Optional.of(choice);
            }
        }
        return Optional.empty();
    }
}
