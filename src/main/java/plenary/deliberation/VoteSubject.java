package plenary.deliberation;

/** What a formal vote decides on. */
public enum VoteSubject { AMENDMENT, CLAUSE, DOCUMENT }
