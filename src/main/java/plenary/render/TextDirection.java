package plenary.render;

import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.ast.TextCollectingVisitor;

/**
 * Which way a paragraph runs, from its first strong character (the Unicode bidi rule P2): a clause
 * written in Arabic runs right to left even inside a French document, and Latin words inside it
 * keep their own order.
 */
public enum TextDirection {
    LTR, RTL;

    public static TextDirection of(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            switch (Character.getDirectionality(cp)) {
                case Character.DIRECTIONALITY_LEFT_TO_RIGHT -> {
                    return LTR;
                }
                case Character.DIRECTIONALITY_RIGHT_TO_LEFT, Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC -> {
                    return RTL;
                }
                default -> i += Character.charCount(cp);
            }
        }
        return LTR;
    }

    public static TextDirection of(Node node) {
        return of(new TextCollectingVisitor().collectAndGetText(node));
    }

    public String html() {
        return this == RTL ? "rtl" : "ltr";
    }
}
