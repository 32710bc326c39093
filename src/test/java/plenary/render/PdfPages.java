package plenary.render;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Reads a PDF back the way a person or an archive would: its text, page by page, and page images. */
final class PdfPages {
    private final List<String> pages = new ArrayList<>();
    private final byte[] pdf;

    PdfPages(byte[] pdf) {
        this.pdf = pdf;
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            for (int p = 1; p <= doc.getNumberOfPages(); p++) {
                stripper.setStartPage(p);
                stripper.setEndPage(p);
                pages.add(stripper.getText(doc));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int count() {
        return pages.size();
    }

    /** One page's text with every run of white space made one space: justified lines pad words. */
    String page(int index) {
        return flat(pages.get(index));
    }

    String all() {
        return flat(String.join(" ", pages));
    }

    BufferedImage image(int index, float dpi) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFRenderer(doc).renderImageWithDPI(index, dpi);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String flat(String text) {
        // No-break spaces too: the renderer ties list markers and badges to the next word with one.
        return text.replaceAll("[\\s\\u00a0]+", " ").strip();
    }
}
