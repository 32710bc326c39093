package plenary.live;

/**
 * Joins the parts in which the JDK's WebSocket client hands over a text message (one
 * {@code onText} call per part, {@code last} on the final one) into the whole message.
 */
public final class TextMessages {
    private final StringBuilder partial = new StringBuilder();

    /** Adds a part: answers the whole message with the last part, and null before it. */
    public String add(CharSequence data, boolean last) {
        partial.append(data);
        if (!last) {
            return null;
        }
        String text = partial.toString();
        partial.setLength(0);
        return text;
    }
}
