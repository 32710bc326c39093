package plenary.editing;

import java.util.ArrayList;
import java.util.List;

/**
 * Appends components while keeping the canonical form, so that equal edits always compare equal
 * and serialize identically (the JS module in web/js/text-op.js builds the same form):
 * adjacent components of one type are merged, zero-length ones are dropped, an insert next to a
 * delete at the same position is put before it, and {@link #build()} drops a trailing retain.
 */
public final class TextOpBuilder {

    private final ArrayList<Component> parts = new ArrayList<>();

    TextOpBuilder() {
    }

    /** Keeps {@code count} code units; 0 is ignored so algorithms need not special-case it. */
    public TextOpBuilder retain(int count) {
        requireNonNegative(count, "retain");
        if (count == 0) {
            return this;
        }
        if (last() instanceof Component.Retain r) {
            parts.set(parts.size() - 1, new Component.Retain(merged(r.count(), count, "retain")));
        } else {
            parts.add(new Component.Retain(count));
        }
        return this;
    }

    /** Inserts {@code text}; the empty string is ignored. */
    public TextOpBuilder insert(String text) {
        if (text == null) {
            throw new InvalidOperationException("insert text must not be null");
        }
        if (text.isEmpty()) {
            return this;
        }
        int n = parts.size();
        if (last() instanceof Component.Insert i) {
            parts.set(n - 1, new Component.Insert(i.text() + text));
        } else if (last() instanceof Component.Delete) {
            // Insert-then-delete and delete-then-insert at one position are the same edit;
            // canonical form puts the insert first (merging with an insert already there).
            if (n >= 2 && parts.get(n - 2) instanceof Component.Insert i) {
                parts.set(n - 2, new Component.Insert(i.text() + text));
            } else {
                parts.add(n - 1, new Component.Insert(text));
            }
        } else {
            parts.add(new Component.Insert(text));
        }
        return this;
    }

    /** Deletes {@code count} code units; 0 is ignored. */
    public TextOpBuilder delete(int count) {
        requireNonNegative(count, "delete");
        if (count == 0) {
            return this;
        }
        if (last() instanceof Component.Delete d) {
            parts.set(parts.size() - 1, new Component.Delete(merged(d.count(), count, "delete")));
        } else {
            parts.add(new Component.Delete(count));
        }
        return this;
    }

    public TextOpBuilder add(Component component) {
        return switch (component) {
            case Component.Retain r -> retain(r.count());
            case Component.Insert i -> insert(i.text());
            case Component.Delete d -> delete(d.count());
        };
    }

    public TextOp build() {
        List<Component> out = new ArrayList<>(parts);
        // The rest of the text is kept implicitly, so a trailing retain says nothing.
        if (!out.isEmpty() && out.getLast() instanceof Component.Retain) {
            out.removeLast();
        }
        return new TextOp(List.copyOf(out));
    }

    private Component last() {
        return parts.isEmpty() ? null : parts.getLast();
    }

    private static void requireNonNegative(int count, String kind) {
        if (count < 0) {
            throw new InvalidOperationException(kind + " count must not be negative, got " + count);
        }
    }

    private static int merged(int a, int b, String kind) {
        long sum = (long) a + b;
        if (sum > Component.MAX_COUNT) {
            throw new InvalidOperationException(
                    "merged " + kind + " of " + sum + " code units exceeds " + Component.MAX_COUNT);
        }
        return (int) sum;
    }
}
