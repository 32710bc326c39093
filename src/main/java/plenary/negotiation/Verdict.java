package plenary.negotiation;

import plenary.editing.Change;

import java.util.List;

/**
 * What a command does: changes to the document's text, which go through the sequencer like any
 * edit, and the events that record it. Both are written in one transaction.
 */
public record Verdict(List<Change> changes, List<Event> events) {

    public Verdict {
        changes = List.copyOf(changes);
        events = List.copyOf(events);
    }

    static Verdict of(Event... events) {
        return new Verdict(List.of(), List.of(events));
    }
}
