package plenary.render;

import org.openpdf.text.Document;
import org.openpdf.text.Element;
import org.openpdf.text.Phrase;
import org.openpdf.text.Rectangle;
import org.openpdf.text.pdf.ColumnText;
import org.openpdf.text.pdf.PdfContentByte;
import org.openpdf.text.pdf.PdfPageEventHelper;
import org.openpdf.text.pdf.PdfTemplate;
import org.openpdf.text.pdf.PdfWriter;

/**
 * What every page carries: the symbol and conference above, and below either the draft notice with
 * the revision or the adoption date and hash, then "Page X of Y". Before adoption a large grey
 * DRAFT lies under the text, so no page of a draft can pass for the adopted one.
 *
 * <p>Y is not known until the end, so each page draws a shared template that is filled in last.
 */
final class PdfPageDecor extends PdfPageEventHelper {
    private final Edition edition;
    private final PdfFonts fonts;
    private PdfTemplate total;

    PdfPageDecor(Edition edition, PdfFonts fonts) {
        this.edition = edition;
        this.fonts = fonts;
    }

    @Override
    public void onOpenDocument(PdfWriter writer, Document document) {
        total = writer.getDirectContent().createTemplate(40, 12);
    }

    @Override
    public void onEndPage(PdfWriter writer, Document document) {
        Rectangle page = document.getPageSize();
        float left = PdfStyle.MARGIN_SIDE;
        float right = page.getWidth() - PdfStyle.MARGIN_SIDE;
        PdfContentByte canvas = writer.getDirectContent();
        if (!edition.adopted()) {
            watermark(writer.getDirectContentUnder(), page);
        }
        float headerY = page.getHeight() - 48;
        edition.document().meta().symbol().ifPresent(symbol ->
                show(canvas, Element.ALIGN_RIGHT, phrase(symbol, true), right, headerY));
        edition.document().meta().conference().ifPresent(conference ->
                show(canvas, Element.ALIGN_LEFT, phrase(shorten(conference), false), left, headerY));
        rule(canvas, left, right, headerY - 6);

        float footerY = 44;
        rule(canvas, left, right, footerY + 12);
        String notice = edition.adoption() != null ? Wording.adoptedLine(edition.adoption(), edition.document().meta())
                : edition.adopted() ? Wording.adoptedWithoutStamp(edition.document().revision())
                : Wording.draftLine(edition.document().revision());
        show(canvas, Element.ALIGN_LEFT, phrase(notice, !edition.adopted()), left, footerY);
        if (edition.adoption() != null) {
            Phrase hash = new Phrase();
            new PdfInlines(fonts, null).text(Wording.hashLine(edition.adoption()),
                    PdfInlines.Look.body(6.5f).colored(PdfStyle.GREY), hash);
            show(canvas, Element.ALIGN_LEFT, hash, left, footerY - 11);
        }
        String pageOf = Wording.page(writer.getPageNumber(), 0);
        String prefix = pageOf.substring(0, pageOf.lastIndexOf(' ') + 1);
        float templateX = right - 14;
        show(canvas, Element.ALIGN_RIGHT, phrase(prefix, false), templateX - 2.5f, footerY);
        canvas.addTemplate(total, templateX, footerY);
    }

    /** Closing has already moved the writer past the last page, hence the minus one. */
    @Override
    public void onCloseDocument(PdfWriter writer, Document document) {
        ColumnText.showTextAligned(total, Element.ALIGN_LEFT,
                phrase(Integer.toString(writer.getPageNumber() - 1), false), 0, 0, 0);
    }

    private void watermark(PdfContentByte under, Rectangle page) {
        Phrase draft = new Phrase();
        new PdfInlines(fonts, null).text(Wording.DRAFT,
                PdfInlines.Look.body(110).bolder().colored(PdfStyle.WATERMARK), draft);
        ColumnText.showTextAligned(under, Element.ALIGN_CENTER, draft,
                page.getWidth() / 2, page.getHeight() / 2 - 40, 45);
    }

    private Phrase phrase(String text, boolean bold) {
        Phrase out = new Phrase();
        PdfInlines.Look look = PdfInlines.Look.body(PdfStyle.FURNITURE).colored(PdfStyle.GREY);
        new PdfInlines(fonts, null).text(text, bold ? look.bolder() : look, out);
        return out;
    }

    private static void show(PdfContentByte canvas, int alignment, Phrase phrase, float x, float y) {
        // Bidi on, so an Arabic conference name or symbol is shaped and ordered like body text.
        ColumnText.showTextAligned(canvas, alignment, phrase, x, y, 0, PdfWriter.RUN_DIRECTION_LTR, 0);
    }

    private static void rule(PdfContentByte canvas, float from, float to, float y) {
        canvas.saveState();
        canvas.setColorStroke(PdfStyle.RULE);
        canvas.setLineWidth(0.5f);
        canvas.moveTo(from, y);
        canvas.lineTo(to, y);
        canvas.stroke();
        canvas.restoreState();
    }

    private static String shorten(String text) {
        return text.length() <= 75 ? text : text.substring(0, 74).stripTrailing() + "\u2026";
    }
}
