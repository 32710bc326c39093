package plenary.render;

import org.openpdf.text.Document;
import org.openpdf.text.pdf.PdfWriter;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Makes the PDF an archival PDF/A-1b file: the conformance level, XMP metadata that repeats the
 * document information, and an sRGB output intent so every colour has a defined meaning. Fonts are
 * already embedded ({@link PdfFonts}) and nothing is transparent.
 */
final class PdfArchive {
    private PdfArchive() {
    }

    /** Before the document is opened: conformance, information and XMP. */
    static void prepare(PdfWriter writer, Document pdf, Edition edition) {
        writer.setPDFXConformance(PdfWriter.PDFA1B);
        plenary.document.Document text = edition.document();
        pdf.addTitle(text.title().isBlank() ? "Outcome document" : text.title());
        pdf.addSubject(edition.adoption() == null ? Wording.draftLine(text.revision())
                : Wording.adoptedLine(edition.adoption(), edition.document().meta()) + ". " + Wording.hashLine(edition.adoption()));
        text.meta().conference().ifPresent(pdf::addAuthor);
        pdf.addCreator("Plenary");
        writer.createXmpMetadata();
    }

    /** After it is opened: the output intent. */
    static void outputIntent(PdfWriter writer) {
        try {
            writer.setOutputIntents("Custom", "", "http://www.color.org", "sRGB IEC61966-2.1",
                    ICC_Profile.getInstance(ColorSpace.CS_sRGB));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
