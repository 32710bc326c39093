package plenary.editing;

/**
 * Compose, transform and caret mapping over canonical operations. Kept apart from
 * {@link TextOp} so the value class stays small; web/js/text-op.js mirrors this file
 * branch for branch.
 */
final class OpAlgebra {

    private OpAlgebra() {
    }

    static TextOp compose(TextOp first, TextOp second) {
        OpCursor a = new OpCursor(first);
        OpCursor b = new OpCursor(second);
        TextOpBuilder out = TextOp.builder();
        while (a.kind() != OpCursor.Kind.END || b.kind() != OpCursor.Kind.END) {
            // first's deletes remove old text that second never sees.
            if (a.kind() == OpCursor.Kind.DELETE) {
                int n = (int) a.remaining();
                out.delete(n);
                a.advance(n);
                continue;
            }
            // second's inserts add text that first never saw.
            if (b.kind() == OpCursor.Kind.INSERT) {
                out.insert(b.takeInsert(b.remaining()));
                continue;
            }
            // Now second walks over first's output: a retain or insert of first (or the
            // implicit retain after it) against a retain or delete of second.
            long n = Math.min(a.remaining(), b.remaining());
            boolean keep = b.kind() != OpCursor.Kind.DELETE;
            if (a.kind() == OpCursor.Kind.INSERT) {
                String piece = a.takeInsert(n);
                if (keep) {
                    out.insert(piece);
                }
            } else {
                if (keep) {
                    out.retain((int) n);
                } else {
                    out.delete((int) n);
                }
                a.advance(n);
            }
            b.advance(n);
        }
        return out.build();
    }

    static TextOp transform(TextOp op, TextOp other, Side side) {
        OpCursor a = new OpCursor(op);
        OpCursor b = new OpCursor(other);
        TextOpBuilder out = TextOp.builder();
        // Once op is exhausted the rest of the result is its implicit retain.
        while (a.kind() != OpCursor.Kind.END) {
            if (a.kind() == OpCursor.Kind.INSERT
                    && (side == Side.LEFT || b.kind() != OpCursor.Kind.INSERT)) {
                out.insert(a.takeInsert(a.remaining()));
                continue;
            }
            if (b.kind() == OpCursor.Kind.INSERT) {
                // Step over the other's inserted text, which op did not know about.
                int n = (int) b.remaining();
                out.retain(n);
                b.advance(n);
                continue;
            }
            // Both are at the same old-text position, each retaining or deleting.
            long n = Math.min(a.remaining(), b.remaining());
            if (b.kind() != OpCursor.Kind.DELETE) {
                if (a.kind() == OpCursor.Kind.RETAIN) {
                    out.retain((int) n);
                } else {
                    out.delete((int) n);
                }
            }
            // Text the other deleted is gone: nothing left for op to retain or delete there.
            a.advance(n);
            b.advance(n);
        }
        return out.build();
    }

    static int transformPosition(int pos, TextOp op, boolean ownOp) {
        if (pos < 0) {
            throw new InvalidOperationException("caret position must be a non-negative integer, got " + pos);
        }
        long old = 0;     // position in the old text reached so far
        long result = pos;
        for (Component c : op.components()) {
            if (old > pos) {
                break;
            }
            switch (c) {
                case Component.Retain r -> old += r.count();
                case Component.Insert i -> {
                    if (old < pos || ownOp) {
                        result += i.text().length();
                    }
                }
                case Component.Delete d -> {
                    result -= Math.min(d.count(), Math.max(0, pos - old));
                    old += d.count();
                }
            }
        }
        if (result > Integer.MAX_VALUE) {
            throw new InvalidOperationException("caret position overflows: " + result);
        }
        return (int) result;
    }
}
