package plenary.render;

import com.vladsch.flexmark.ext.footnotes.Footnote;
import com.vladsch.flexmark.ext.footnotes.FootnoteBlock;
import com.vladsch.flexmark.util.ast.Node;
import plenary.document.Clause;
import plenary.document.ClauseKind;
import plenary.document.Document;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SequencedSet;

/**
 * The document's footnotes, numbered 1, 2, 3… in the order they are first cited, as in UN texts;
 * whatever labels the authors chose ("1", "habitat") are only keys. A definition no clause cites
 * still gets a number after the cited ones, so no text is dropped.
 */
public final class Footnotes {
    /** One footnote: its printed number, its label in the Markdown, and its parsed content. */
    public record Note(int number, String label, Node content) {
    }

    private final Map<String, Note> byLabel = new LinkedHashMap<>();

    private Footnotes() {
    }

    public static Footnotes of(Document document, Map<String, Node> parsed) {
        Map<String, Node> definitions = new LinkedHashMap<>();
        for (Clause clause : document.clauses()) {
            if (clause.kind() == ClauseKind.FOOTNOTE) {
                for (Node n = parsed.get(clause.id()).getFirstChild(); n != null; n = n.getNext()) {
                    if (n instanceof FootnoteBlock block) {
                        definitions.putIfAbsent(block.getText().toString(), block);
                    }
                }
            }
        }
        // A set in citation order: a list's contains() made a draft with many references quadratic.
        SequencedSet<String> order = new LinkedHashSet<>();
        for (Clause clause : document.clauses()) {
            if (clause.kind() != ClauseKind.FOOTNOTE) {
                collectCitations(parsed.get(clause.id()), order);
            }
        }
        order.addAll(definitions.keySet());
        Footnotes notes = new Footnotes();
        int number = 0;
        for (String label : order) {
            Node content = definitions.get(label);
            if (content != null) {
                notes.byLabel.put(label, new Note(++number, label, content));
            }
        }
        return notes;
    }

    private static void collectCitations(Node node, SequencedSet<String> order) {
        if (node instanceof Footnote ref) {
            order.add(ref.getText().toString());
        }
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            collectCitations(child, order);
        }
    }

    /** The note a reference cites; a reference to no definition prints its label as written. */
    public Note cited(Footnote reference) {
        return byLabel.get(reference.getText().toString());
    }

    /** The notes a clause cites, in the order it cites them, each once. */
    public List<Note> citedIn(Node clause) {
        SequencedSet<String> labels = new LinkedHashSet<>();
        collectCitations(clause, labels);
        return labels.stream().map(byLabel::get).filter(java.util.Objects::nonNull).toList();
    }

    public List<Note> all() {
        return List.copyOf(byLabel.values());
    }
}
