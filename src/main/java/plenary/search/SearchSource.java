package plenary.search;

import plenary.document.Document;
import plenary.negotiation.Negotiation;

/**
 * What a document's search entries are built from, handed over by its sequencer: the durable text
 * and a copy of the negotiation ({@link Negotiation#copy}), neither changed afterwards, so the
 * entries (Markdown and regular expressions over the whole document) are built off the writer.
 *
 * @param revision the durable revision the text is at
 * @param seq      the negotiation's last event in the copy
 */
public record SearchSource(Document document, Negotiation negotiation, long revision, long seq) {
}
