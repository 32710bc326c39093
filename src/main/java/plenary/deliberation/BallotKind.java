package plenary.deliberation;

/** Open: only the counts are published. Roll-call: each delegation's vote is recorded by name. */
public enum BallotKind { OPEN, ROLL_CALL }
