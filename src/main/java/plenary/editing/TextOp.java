package plenary.editing;

import java.util.List;

/**
 * An immutable edit of one clause's text, always in canonical form (see {@link TextOpBuilder}).
 *
 * <p>Positions and lengths are UTF-16 code units. The operation carries no base length: whatever
 * follows its last retain or delete is kept unchanged, so one operation applies to any text at
 * least {@link #spanLength()} long. The consequence is that a trailing retain, being implicit,
 * checks nothing.
 *
 * <p>The same semantics are implemented in {@code web/js/text-op.js}; the cross-language test
 * keeps the two in agreement, including the exact error messages.
 */
public final class TextOp {

    /** The operation that changes nothing; its wire form is {@code []}. */
    public static final TextOp NOOP = new TextOp(List.of());

    private final List<Component> components;
    private final long spanLength;
    private final long targetLengthDelta;

    /** Callers outside the package go through the builder so the list is always canonical. */
    TextOp(List<Component> canonicalComponents) {
        this.components = canonicalComponents;
        long span = 0;
        long delta = 0;
        for (Component c : canonicalComponents) {
            switch (c) {
                case Component.Retain r -> span += r.count();
                case Component.Insert i -> delta += i.text().length();
                case Component.Delete d -> {
                    span += d.count();
                    delta -= d.count();
                }
            }
        }
        this.spanLength = span;
        this.targetLengthDelta = delta;
    }

    public static TextOpBuilder builder() {
        return new TextOpBuilder();
    }

    /** Normalizes the given components, in order, into one canonical operation. */
    public static TextOp of(Component... components) {
        return of(List.of(components));
    }

    public static TextOp of(List<? extends Component> components) {
        TextOpBuilder b = builder();
        components.forEach(b::add);
        return b.build();
    }

    /** The canonical components, unmodifiable. */
    public List<Component> components() {
        return components;
    }

    public boolean isNoop() {
        return components.isEmpty();
    }

    /** Code units of the old text the operation reaches (retains plus deletes). */
    public long spanLength() {
        return spanLength;
    }

    /** New length minus old length (inserted minus deleted code units). */
    public long targetLengthDelta() {
        return targetLengthDelta;
    }

    /**
     * Checks that this operation can be applied to {@code text}: it must not reach past the end,
     * no retain or delete may end between the two halves of a surrogate pair (which would cut
     * an emoji or other astral character in two), and no insert may carry an unpaired surrogate.
     *
     * @throws InvalidOperationException naming the first problem found
     */
    public void validateAgainst(String text) {
        int length = text.length();
        if (spanLength > length) {
            throw new InvalidOperationException("operation spans " + spanLength
                    + " code units but clause text has " + length);
        }
        int pos = 0;
        for (Component c : components) {
            if (c instanceof Component.Insert i) {
                int bad = unpairedSurrogateAt(i.text());
                if (bad >= 0) {
                    throw new InvalidOperationException("insert at code unit " + pos
                            + " contains an unpaired surrogate at offset " + bad);
                }
                continue;
            }
            pos += c.length();
            // Every insert sits at the end of a retain or delete (or at 0), so checking where
            // retains and deletes end covers insert positions too.
            if (pos > 0 && pos < length
                    && Character.isHighSurrogate(text.charAt(pos - 1))
                    && Character.isLowSurrogate(text.charAt(pos))) {
                throw new InvalidOperationException("operation boundary at code unit " + pos
                        + " splits a surrogate pair in the clause text");
            }
        }
    }

    /** Applies this operation to {@code text} after {@link #validateAgainst(String)}. */
    public String apply(String text) {
        validateAgainst(text);
        StringBuilder out = new StringBuilder((int) Math.max(0, text.length() + targetLengthDelta));
        int pos = 0;
        for (Component c : components) {
            switch (c) {
                case Component.Retain r -> {
                    out.append(text, pos, pos + r.count());
                    pos += r.count();
                }
                case Component.Insert i -> out.append(i.text());
                case Component.Delete d -> pos += d.count();
            }
        }
        return out.append(text, pos, text.length()).toString();
    }

    /**
     * One operation with the effect of this one followed by {@code next}, which must have been
     * made on the text this one produces.
     */
    public TextOp compose(TextOp next) {
        return OpAlgebra.compose(this, next);
    }

    /**
     * Rewrites this operation to apply after {@code other}, both made on the same text. With
     * {@code side} LEFT this operation's insert goes first when both insert at one position.
     * {@code a.transform(b, LEFT)} after {@code b} gives the same text as
     * {@code b.transform(a, RIGHT)} after {@code a}.
     */
    public TextOp transform(TextOp other, Side side) {
        return OpAlgebra.transform(this, other, side);
    }

    /**
     * Where a caret at {@code pos} in the old text ends up after this operation.
     *
     * <p>A caret inside a deleted range moves to where the range was. A caret exactly at an
     * insert's position moves after the inserted text if {@code ownOp} (the caret's owner typed
     * it, so the caret follows their typing) and stays before it otherwise (someone else typing
     * at my caret does not push my caret along). This is {@link #transform} of a caret treated as
     * an empty insert, with side RIGHT when {@code ownOp} and LEFT when not.
     */
    public int transformPosition(int pos, boolean ownOp) {
        return OpAlgebra.transformPosition(pos, this, ownOp);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TextOp other && components.equals(other.components);
    }

    @Override
    public int hashCode() {
        return components.hashCode();
    }

    /** The wire form, for logs and messages; {@link TextOpJson} is the real serializer. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        for (Component c : components) {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            switch (c) {
                case Component.Retain r -> sb.append(r.count());
                case Component.Delete d -> sb.append(-d.count());
                case Component.Insert i -> appendQuoted(sb, i.text());
            }
        }
        return sb.append(']').toString();
    }

    /** Index of the first unpaired surrogate in {@code s}, or -1 if it is well-formed UTF-16. */
    static int unpairedSurrogateAt(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            } else if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    // Escapes everything outside printable ASCII so logs show exactly which code units are there.
    private static void appendQuoted(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c >= 0x20 && c < 0x7f) {
                sb.append(c);
            } else {
                sb.append(String.format("\\u%04x", (int) c));
            }
        }
        sb.append('"');
    }
}
