package plenary.render;

import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.Test;
import plenary.document.Document;
import plenary.document.MarkdownImporter;
import plenary.document.RandomIds;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Random drafts, seeded, laid out as PDF: whatever their mix of short and page-long paragraphs,
 * many or long footnotes, Arabic, tables and nested lists, no glyph falls off the page, no text is
 * drawn over other text, and every paragraph and every note is printed exactly once.
 * Replay a failure with -Dplenary.seed=N.
 */
class PdfLayoutPropertyTest {
    private static final int CASES = 15;

    @Test
    void layoutsNeverOverlapNorLoseText() {
        long base = Long.getLong("plenary.seed", System.nanoTime());
        for (int c = 0; c < CASES; c++) {
            long seed = base + c;
            try {
                check(new SplittableRandom(seed));
            } catch (AssertionError | RuntimeException e) {
                fail("layout property failed with seed " + seed + " (replay: -Dplenary.seed=" + seed + ")", e);
            }
        }
    }

    private static void check(SplittableRandom random) {
        DraftWithNotes draft = DraftWithNotes.generate(random);
        Document document = new MarkdownImporter(RandomIds.seeded(random.nextLong())).read("p", draft.markdown());
        byte[] pdf = PdfEdition.render(Edition.of(document), Variant.CLEAN);
        PDRectangle size = PdfGlyphs.pageSize(pdf);
        // The DRAFT watermark is 110 pt and lies under the text by design.
        List<List<PdfGlyphs.Glyph>> pages = PdfGlyphs.of(pdf, 60);
        for (List<PdfGlyphs.Glyph> page : pages) {
            for (PdfGlyphs.Glyph g : page) {
                assertTrue(g.x() >= 0 && g.y() >= 0 && g.x() + g.width() <= size.getWidth() + 0.5f
                        && g.y() + g.height() <= size.getHeight() + 0.5f, "glyph off the page: " + g);
            }
            // Sweep by top edge: only glyphs whose vertical spans meet can overlap.
            List<PdfGlyphs.Glyph> sorted = page.stream().sorted(java.util.Comparator.comparingDouble(PdfGlyphs.Glyph::y))
                    .toList();
            for (int i = 0; i < sorted.size(); i++) {
                PdfGlyphs.Glyph a = sorted.get(i);
                for (int j = i + 1; j < sorted.size() && sorted.get(j).y() < a.y() + a.height(); j++) {
                    if (a.overlaps(sorted.get(j))) {
                        fail("text drawn over text on page " + (a.page() + 1) + ": " + a + " and " + sorted.get(j));
                    }
                }
            }
        }
        String text = new PdfPages(pdf).all();
        for (String marker : draft.markers()) {
            int first = text.indexOf(marker);
            assertTrue(first >= 0, "printed: " + marker);
            assertEquals(-1, text.indexOf(marker, first + 1), "printed once: " + marker);
        }
    }
}
