package plenary.deliberation;

/** A formal vote's life: presence register, then balloting, then a result that never changes. */
public enum VoteStage { REGISTER, OPEN, CLOSED }
