package plenary.render;

import org.openpdf.text.Document;
import org.openpdf.text.Element;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Phrase;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import plenary.deliberation.Ballot;
import plenary.deliberation.FormalVote;

import java.util.List;

/** The annex that records every closed formal vote: the question, the rule, the figures, the roll call. */
final class PdfVoteAnnex {
    private final PdfInlines inlines;

    PdfVoteAnnex(PdfInlines inlines) {
        this.inlines = inlines;
    }

    void add(Document pdf, Edition edition) {
        List<FormalVote> votes = edition.votes();
        pdf.newPage();
        PdfInlines.Look look = PdfInlines.Look.body(PdfStyle.BODY);
        Paragraph heading = PdfEdition.line(inlines, VoteRecord.ANNEX_TITLE, look.bolder(), Element.ALIGN_CENTER);
        heading.setSpacingAfter(12);
        pdf.add(heading);
        int n = 0;
        for (FormalVote vote : votes) {
            pdf.add(PdfEdition.line(inlines, "Vote " + (++n) + ": " + VoteRecord.question(vote), look.bolder(),
                    Element.ALIGN_LEFT));
            PdfPTable table = new PdfPTable(new float[]{2, 5});
            table.setWidthPercentage(100);
            table.setSpacingAfter(14);
            for (VoteRecord.Row row : VoteRecord.rows(vote, edition)) {
                table.addCell(cell(row.label(), true));
                table.addCell(cell(row.value(), false));
            }
            if (VoteRecord.listsRollCall(vote)) {
                StringBuilder roll = new StringBuilder();
                for (Ballot b : vote.ballots()) {
                    roll.append(roll.isEmpty() ? "" : "\n").append(VoteRecord.rollCallLine(b));
                }
                table.addCell(cell("Roll call", true));
                table.addCell(cell(roll.isEmpty() ? "no ballots" : roll.toString(), false));
            }
            pdf.add(table);
        }
    }

    private PdfPCell cell(String text, boolean label) {
        Phrase phrase = new Phrase();
        PdfInlines.Look small = PdfInlines.Look.body(PdfStyle.SMALL);
        inlines.text(text, label ? small.bolder() : small, phrase);
        PdfPCell cell = new PdfPCell(phrase);
        cell.setPadding(4);
        cell.setBorderColor(PdfStyle.RULE);
        cell.setBorderWidth(0.5f);
        cell.setRunDirection(PdfClauses.runDirection(TextDirection.of(text)));
        return cell;
    }
}
