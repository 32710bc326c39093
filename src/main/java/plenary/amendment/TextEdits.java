package plenary.amendment;

import plenary.editing.TextOp;
import plenary.editing.TextOpBuilder;

/**
 * Turns "this clause should now read X" into a text operation over the current text, word by word,
 * so a merge touches only the words it changes and concurrent typing elsewhere in the clause
 * transforms around it.
 */
public final class TextEdits {
    private TextEdits() {
    }

    public static TextOp between(String current, String target) {
        TextOpBuilder op = TextOp.builder();
        for (Segment segment : WordDiff.between(current, target)) {
            switch (segment.kind()) {
                case EQUAL -> op.retain(segment.text().length());
                case DELETE -> op.delete(segment.text().length());
                case INSERT -> op.insert(segment.text());
            }
        }
        return op.build();
    }
}
