package plenary.render;

import org.openpdf.text.Font;
import org.openpdf.text.pdf.BaseFont;
import org.openpdf.text.pdf.FontSelector;

import java.awt.Color;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The fonts the PDF embeds, loaded once from the jar (a fresh machine has none installed), and
 * font selectors that pick, character by character, the first font that has a glyph: Noto Serif
 * for Latin, Greek and Cyrillic, Noto Naskh for Arabic, Droid Sans Fallback for Chinese.
 *
 * <p>A {@code BaseFont} may be shared by many documents at once (each writer keeps its own record
 * of the glyphs used); selectors are cheap and made per document, since they are not thread-safe.
 */
public final class PdfFonts {
    public enum Style { REGULAR, BOLD, ITALIC, BOLD_ITALIC }

    private static final Map<Style, BaseFont> SERIF = Map.of(
            Style.REGULAR, load("NotoSerif-Regular.ttf"),
            Style.BOLD, load("NotoSerif-Bold.ttf"),
            Style.ITALIC, load("NotoSerif-Italic.ttf"),
            Style.BOLD_ITALIC, load("NotoSerif-BoldItalic.ttf"));
    private static final BaseFont ARABIC = load("NotoNaskhArabic-Regular.ttf");
    private static final BaseFont ARABIC_BOLD = load("NotoNaskhArabic-Bold.ttf");
    private static final BaseFont CJK = load("DroidSansFallback.ttf");

    private final Map<String, FontSelector> selectors = new HashMap<>();

    public static Style style(boolean bold, boolean italic) {
        return bold ? (italic ? Style.BOLD_ITALIC : Style.BOLD) : (italic ? Style.ITALIC : Style.REGULAR);
    }

    /** A selector for one style, size and colour; made once per document and reused. */
    public FontSelector selector(Style style, float size, Color color) {
        return selectors.computeIfAbsent(style + "/" + size + "/" + color.getRGB(), key -> {
            FontSelector selector = new FontSelector();
            boolean bold = style == Style.BOLD || style == Style.BOLD_ITALIC;
            selector.addFont(new Font(SERIF.get(style), size, Font.NORMAL, color));
            selector.addFont(new Font(bold ? ARABIC_BOLD : ARABIC, size, Font.NORMAL, color));
            selector.addFont(new Font(CJK, size, Font.NORMAL, color));
            return selector;
        });
    }

    /** The body font alone: for the blanks OpenPDF writes between paragraphs and list symbols. */
    public static Font plain(float size) {
        return new Font(SERIF.get(Style.REGULAR), size);
    }

    private static BaseFont load(String file) {
        try (InputStream in = PdfFonts.class.getResourceAsStream("/fonts/" + file)) {
            if (in == null) {
                throw new IllegalStateException("font " + file + " is missing from the jar");
            }
            // Identity-H with embedding: any glyph of the font, subset into the file as PDF/A requires.
            return BaseFont.createFont(file, BaseFont.IDENTITY_H, BaseFont.EMBEDDED, true, in.readAllBytes(), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (org.openpdf.text.DocumentException e) {
            throw new IllegalStateException("font " + file + " cannot be read", e);
        }
    }
}
