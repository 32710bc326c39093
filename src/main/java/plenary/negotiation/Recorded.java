package plenary.negotiation;

/**
 * One entry of a negotiation's log, and of its audit log: who did what, when, at which document
 * revision, and the state of the thing it changed before and after. Appended, never updated.
 */
public record Recorded(long seq, String at, String actorId, String actorName, String delegation, long revision,
                       Event event, Transition transition) {
}
