package plenary.render;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Where every glyph of a PDF sits, page by page: to check that nothing is drawn off the page or over other text. */
final class PdfGlyphs {
    /** One glyph's box, in points from the top-left corner of its page. */
    record Glyph(int page, String text, float x, float y, float width, float height, float size) {
        boolean overlaps(Glyph o) {
            float w = Math.min(x + width, o.x + o.width) - Math.max(x, o.x);
            float h = Math.min(y + height, o.y + o.height) - Math.max(y, o.y);
            // Half of the smaller box: touching neighbours and kerned pairs do not count.
            return w > 0 && h > 0 && w * h > 0.5f * Math.min(width * height, o.width * o.height);
        }
    }

    private PdfGlyphs() {
    }

    static List<List<Glyph>> of(byte[] pdf, float ignoreSizeAbove) {
        List<List<Glyph>> pages = new ArrayList<>();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            for (int p = 0; p < doc.getNumberOfPages(); p++) {
                List<Glyph> glyphs = new ArrayList<>();
                int page = p;
                PDFTextStripper stripper = new PDFTextStripper() {
                    @Override
                    protected void processTextPosition(TextPosition t) {
                        if (t.getFontSizeInPt() <= ignoreSizeAbove && !t.getUnicode().isBlank()) {
                            glyphs.add(new Glyph(page, t.getUnicode(), t.getXDirAdj(), t.getYDirAdj() - t.getHeightDir(),
                                    t.getWidthDirAdj(), t.getHeightDir(), t.getFontSizeInPt()));
                        }
                    }
                };
                stripper.setStartPage(p + 1);
                stripper.setEndPage(p + 1);
                stripper.getText(doc);
                pages.add(glyphs);
            }
            return pages;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PDRectangle pageSize(byte[] pdf) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return doc.getPage(0).getMediaBox();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
