package plenary.deliberation;

/** What a comment thread hangs from. */
public enum CommentTarget { CLAUSE, AMENDMENT }
