package plenary.view;

import plenary.document.Document;
import plenary.negotiation.Negotiation;

import java.time.Instant;

/**
 * A document's text and negotiation at one moment, handed over by its sequencer so that views are
 * built by their reader, off the writer: the document is immutable and the negotiation a copy
 * ({@link Negotiation#copy}) that later events do not change.
 *
 * @param frame the last live negotiation frame published (the state says which frame it includes)
 * @param at    the sequencer's time when it was taken (phases are open or closed as of then)
 */
public record NegotiationSnapshot(Document document, Negotiation negotiation, long frame, Instant at) {
}
