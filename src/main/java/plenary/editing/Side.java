package plenary.editing;

/**
 * Which of two concurrent inserts at the same position goes first after a transform.
 *
 * <p>The server and every client must pass opposite sides for the same pair of operations,
 * otherwise two replicas would order the tied inserts differently and diverge.
 */
public enum Side {
    /** The operation being transformed keeps its insert before the other's. */
    LEFT,
    /** The other operation's insert goes first. */
    RIGHT
}
