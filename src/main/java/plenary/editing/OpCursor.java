package plenary.editing;

import java.util.List;

/**
 * Walks an operation's components, letting compose and transform take a component piecemeal.
 * Past the last component it reports an endless retain, which is what the implicit trailing
 * retain means.
 */
final class OpCursor {

    enum Kind { RETAIN, INSERT, DELETE, END }

    private final List<Component> parts;
    private int index;
    private int offset;

    OpCursor(TextOp op) {
        this.parts = op.components();
    }

    Kind kind() {
        if (index >= parts.size()) {
            return Kind.END;
        }
        return switch (parts.get(index)) {
            case Component.Retain r -> Kind.RETAIN;
            case Component.Insert i -> Kind.INSERT;
            case Component.Delete d -> Kind.DELETE;
        };
    }

    /** Code units left in the current component; unbounded at the end. */
    long remaining() {
        return index >= parts.size() ? Long.MAX_VALUE : parts.get(index).length() - offset;
    }

    void advance(long n) {
        if (index >= parts.size()) {
            return;
        }
        offset += (int) n;
        if (offset >= parts.get(index).length()) {
            index++;
            offset = 0;
        }
    }

    /** The next {@code n} code units of the current insert, consuming them. */
    String takeInsert(long n) {
        String text = ((Component.Insert) parts.get(index)).text();
        String piece = text.substring(offset, offset + (int) n);
        advance(n);
        return piece;
    }
}
