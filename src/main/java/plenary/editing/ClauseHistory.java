package plenary.editing;

import java.util.ArrayList;
import java.util.List;

/**
 * The recent text operations of one clause, by the version each produced, so an operation written
 * against an older version can be transformed to the current one. Bounded: a client further behind
 * than this must resynchronise. A ring buffer, so a submission only touches the ops it lags by.
 */
final class ClauseHistory {
    private final TextOp[] ring;
    private int size;
    private long version; // the clause version after the newest op

    ClauseHistory(long version, int capacity) {
        this.version = version;
        this.ring = new TextOp[capacity];
    }

    long version() {
        return version;
    }

    long oldestTransformableBase() {
        return version - size;
    }

    void add(TextOp op) {
        ring[(int) (version % ring.length)] = op; // the op producing version + 1 sits at slot version
        version++;
        size = Math.min(size + 1, ring.length);
    }

    /** The ops that produced versions {@code base + 1 .. version}, oldest first. */
    List<TextOp> since(long base) {
        List<TextOp> out = new ArrayList<>((int) (version - base));
        for (long v = base; v < version; v++) {
            out.add(ring[(int) (v % ring.length)]);
        }
        return out;
    }
}
