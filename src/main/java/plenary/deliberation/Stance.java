package plenary.deliberation;

/** Where a comment stands on what it discusses. */
public enum Stance { SUPPORT, OPPOSE, NEUTRAL }
