package plenary.document;

import java.util.ArrayList;
import java.util.List;

/** What an import says about a draft it read ({@link ImportWarning}), in the order of the text. */
final class ImportWarnings {
    /** Past this many paragraphs without an emphasised verb, the rest are counted, not listed. */
    private static final int LISTED = 10;

    private ImportWarnings() {
    }

    /**
     * @param frontMatter whether the draft had front matter at all
     * @param movedLines  the lines of paragraphs whose sub-lists were read as theirs though indented
     *                    less than their text ({@link SubListIndent})
     */
    static List<ImportWarning> of(Document document, boolean frontMatter, List<Integer> movedLines) {
        List<ImportWarning> out = new ArrayList<>();
        if (!frontMatter) {
            out.add(new ImportWarning("no-front-matter", "The draft has no front matter (the lines between --- at its"
                    + " top): it will print without a symbol, conference, place or date."));
        } else if (document.meta().symbol().isEmpty()) {
            out.add(new ImportWarning("no-symbol", "The front matter names no symbol: the document will print without"
                    + " one. Add a line such as \"symbol: A/CONF.1/L.1\"."));
        }
        for (int line : movedLines) {
            out.add(new ImportWarning("sub-list-indentation", "Line " + line + ": the list under this paragraph is"
                    + " indented less than the paragraph's text after its number; it was read as the paragraph's"
                    + " sub-paragraphs. Check that they are where you meant them."));
        }
        List<String> numbers = document.numbers();
        List<String> bare = new ArrayList<>();
        for (int i = 0; i < document.clauses().size(); i++) {
            Clause clause = document.clauses().get(i);
            if (clause.kind() == ClauseKind.OPERATIVE && !opensWithEmphasis(clause.text())) {
                bare.add(numbers.get(i));
            }
        }
        if (!bare.isEmpty()) {
            String listed = String.join(", ", bare.subList(0, Math.min(LISTED, bare.size())))
                    + (bare.size() > LISTED ? " and " + (bare.size() - LISTED) + " more" : "");
            out.add(new ImportWarning("operative-without-verb", "Operative paragraph" + (bare.size() == 1 ? " " : "s ")
                    + listed + (bare.size() == 1 ? " does" : " do") + " not open with an emphasised verb (such as"
                    + " *Decides*), as operative paragraphs do."));
        }
        return out;
    }

    private static boolean opensWithEmphasis(String text) {
        String t = text.stripLeading();
        return t.startsWith("*") || t.startsWith("_");
    }
}
