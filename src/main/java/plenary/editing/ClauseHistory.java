package plenary.editing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The recent text operations of one clause, by the version each produced, so an operation written
 * against an older version can be transformed to the current one. Bounded: a client further behind
 * than this must resynchronise.
 */
final class ClauseHistory {
    private final int capacity;
    private final ArrayDeque<TextOp> ops = new ArrayDeque<>();
    private long version; // the clause version after the newest op

    ClauseHistory(long version, int capacity) {
        this.version = version;
        this.capacity = capacity;
    }

    long version() {
        return version;
    }

    long oldestTransformableBase() {
        return version - ops.size();
    }

    void add(TextOp op) {
        if (ops.size() == capacity) {
            ops.removeFirst();
        }
        ops.addLast(op);
        version++;
    }

    /** The ops that produced versions {@code base + 1 .. version}, oldest first. */
    List<TextOp> since(long base) {
        int skip = (int) (base - oldestTransformableBase());
        List<TextOp> out = new ArrayList<>(ops.size() - skip);
        Iterator<TextOp> it = ops.iterator();
        for (int i = 0; it.hasNext(); i++) {
            TextOp op = it.next();
            if (i >= skip) {
                out.add(op);
            }
        }
        return out;
    }
}
