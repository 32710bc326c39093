package plenary.deliberation;

/** A delegation's answer in a straw poll on an amendment. */
public enum IndicativePosition { SUPPORT, OPPOSE, ABSTAIN }
