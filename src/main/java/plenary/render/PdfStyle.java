package plenary.render;

import org.openpdf.text.PageSize;
import org.openpdf.text.Rectangle;

import java.awt.Color;

/** The measures of the official PDF, in points: A4, as UN documents are printed outside the Americas. */
final class PdfStyle {
    static final Rectangle PAGE = PageSize.A4;
    static final float MARGIN_SIDE = 72;
    static final float MARGIN_TOP = 84;
    static final float MARGIN_BOTTOM = 78;

    static final float BODY = 11;
    static final float SMALL = 9;
    static final float FURNITURE = 8;
    static final float TITLE = 14;
    static final float LEADING = 1.4f;

    /** The hanging space for "12." and for "(a)". */
    static final float NUMBER_WIDTH = 36;
    static final float PARAGRAPH_GAP = 7;
    /** Room a section heading needs below it (about three lines) to stay on its page. */
    static final float HEADING_KEEP = 48;

    static final Color GREY = new Color(0x55, 0x55, 0x55);
    static final Color RULE = new Color(0x99, 0x99, 0x99);
    static final Color WATERMARK = new Color(0xE4, 0xE4, 0xE4);
    static final Color LINK = new Color(0x1A, 0x4E, 0x8A);
    static final Color INSERTED = new Color(0x0B, 0x5A, 0x1E);
    static final Color DELETED = new Color(0x9B, 0x1C, 0x1C);
    static final Color AMENDMENT_RULE = new Color(0xB8, 0xB8, 0xB8);

    private PdfStyle() {
    }

    static float textWidth() {
        return PAGE.getWidth() - 2 * MARGIN_SIDE;
    }
}
