package plenary.editing;

/** What the sequencer did with a submission. */
public sealed interface Outcome {

    /** Applied as {@code commit}; acknowledged once the commit is durable. */
    record Applied(Commit commit) implements Outcome {
    }

    /**
     * Seen before (same client, sequence number not above the last applied one): not applied again.
     * {@code revision} is the revision it produced, or -1 when it was older than the client's last.
     */
    record Duplicate(long seq, long revision) implements Outcome {
    }

    /** Refused; nothing changed. {@code code} is stable for clients to switch on. */
    record Rejected(String code, String message) implements Outcome {
    }
}
