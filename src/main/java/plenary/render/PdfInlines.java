package plenary.render;

import com.vladsch.flexmark.ast.AutoLink;
import com.vladsch.flexmark.ast.Code;
import com.vladsch.flexmark.ast.Emphasis;
import com.vladsch.flexmark.ast.HardLineBreak;
import com.vladsch.flexmark.ast.HtmlEntity;
import com.vladsch.flexmark.ast.HtmlInline;
import com.vladsch.flexmark.ast.Image;
import com.vladsch.flexmark.ast.ImageRef;
import com.vladsch.flexmark.ast.Link;
import com.vladsch.flexmark.ast.MailLink;
import com.vladsch.flexmark.ast.SoftLineBreak;
import com.vladsch.flexmark.ast.StrongEmphasis;
import com.vladsch.flexmark.ast.Text;
import com.vladsch.flexmark.ext.footnotes.Footnote;
import com.vladsch.flexmark.ext.gfm.strikethrough.Strikethrough;
import com.vladsch.flexmark.ext.ins.Ins;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.ast.TextCollectingVisitor;
import org.openpdf.text.Chunk;
import org.openpdf.text.Element;
import org.openpdf.text.Phrase;

import java.awt.Color;
import java.util.Locale;

/**
 * Turns Flexmark inline nodes (emphasis, links, footnote references, ~~deletions~~, ++insertions++)
 * into a phrase of chunks, each in a font that has its glyphs. Raw HTML is printed as the text it
 * is: a PDF has nothing for it to run in.
 */
final class PdfInlines {
    /** How a run of text looks; each nested mark adds to it. */
    record Look(boolean bold, boolean italic, boolean strike, boolean underline, boolean superscript, float size,
                Color color, String link) {

        static Look body(float size) {
            return new Look(false, false, false, false, false, size, Color.BLACK, null);
        }

        Look bolder() {
            return new Look(true, italic, strike, underline, superscript, size, color, link);
        }

        Look italicised() {
            return new Look(bold, !italic, strike, underline, superscript, size, color, link);
        }

        Look struck() {
            return new Look(bold, italic, true, underline, superscript, size, color, link);
        }

        Look underlined() {
            return new Look(bold, italic, strike, true, superscript, size, color, link);
        }

        Look raised() {
            return new Look(bold, italic, strike, underline, true, size, color, link);
        }

        Look linked(String url) {
            return new Look(bold, italic, strike, true, superscript, size, PdfStyle.LINK, url);
        }

        Look colored(Color c) {
            return new Look(bold, italic, strike, underline, superscript, size, c, link);
        }
    }

    private final PdfFonts fonts;
    private final Footnotes notes;

    PdfInlines(PdfFonts fonts, Footnotes notes) {
        this.fonts = fonts;
        this.notes = notes;
    }

    /** The inline children of {@code parent} as one phrase. */
    Phrase phrase(Node parent, Look look) {
        Phrase out = new Phrase();
        children(parent, look, out);
        return out;
    }

    void children(Node parent, Look look, Phrase out) {
        for (Node child = parent.getFirstChild(); child != null; child = child.getNext()) {
            inline(child, look, out);
        }
    }

    private void inline(Node node, Look look, Phrase out) {
        switch (node) {
            case Text t -> text(t.getChars().unescape(), look, out);
            case HtmlEntity e -> text(e.getChars().unescape(), look, out);
            case SoftLineBreak b -> text(" ", look, out);
            case HardLineBreak b -> out.add(Chunk.NEWLINE);
            case Emphasis e -> children(e, look.italicised(), out);
            case StrongEmphasis s -> children(s, look.bolder(), out);
            case Strikethrough s -> children(s, look.struck(), out);
            case Ins i -> children(i, look.underlined(), out);
            case Code c -> text(c.getText().toString(), look, out);
            case HtmlInline h -> text(h.getChars().toString(), look, out);
            case Footnote f -> footnote(f, look, out);
            case Link l -> children(l, safe(l.getUrl().unescape()) ? look.linked(l.getUrl().unescape()) : look, out);
            case AutoLink l -> text(l.getText().toString(), safe(l.getUrl().unescape())
                    ? look.linked(l.getUrl().unescape()) : look, out);
            case MailLink m -> text(m.getText().toString(), look.linked("mailto:" + m.getText()), out);
            case Image i -> text("[" + alt(i) + "]", look, out);
            case ImageRef i -> text("[" + alt(i) + "]", look, out);
            default -> {
                if (node.hasChildren()) {
                    children(node, look, out);
                } else {
                    text(node.getChars().unescape(), look, out);
                }
            }
        }
    }

    private void footnote(Footnote reference, Look look, Phrase out) {
        Footnotes.Note note = notes.cited(reference);
        text(note == null ? "[^" + reference.getText() + "]" : Integer.toString(note.number()),
                note == null ? look : look.raised(), out);
    }

    /** Adds text in the first font that has each character, with the look's marks on every chunk. */
    void text(String text, Look look, Phrase out) {
        if (text.isEmpty()) {
            return;
        }
        float size = look.superscript() ? look.size() * 0.65f : look.size();
        Phrase selected = fonts.selector(PdfFonts.style(look.bold(), look.italic()), size, look.color()).process(text);
        for (Element element : selected) {
            Chunk chunk = (Chunk) element;
            if (look.superscript()) {
                chunk.setTextRise(look.size() * 0.35f);
            }
            if (look.strike()) {
                chunk.setUnderline(0.7f, size * 0.3f);
            }
            if (look.underline()) {
                chunk.setUnderline(0.6f, -size * 0.15f);
            }
            if (look.link() != null) {
                chunk.setAnchor(look.link());
            }
            out.add(chunk);
        }
    }

    /** Web and mail addresses the HTML would allow become live links; anything else stays printed text. */
    static boolean safe(String url) {
        String u = url.strip().toLowerCase(Locale.ROOT);
        return SafeLinks.allowed(url) && (u.startsWith("https://") || u.startsWith("http://") || u.startsWith("mailto:"));
    }

    private static String alt(Node image) {
        return new TextCollectingVisitor().collectAndGetText(image);
    }
}
