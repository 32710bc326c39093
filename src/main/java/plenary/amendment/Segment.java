package plenary.amendment;

/** A run of a word diff: text both versions share, or text one of them adds or removes. */
public record Segment(Kind kind, String text) {
    public enum Kind { EQUAL, INSERT, DELETE }
}
