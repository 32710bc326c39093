package plenary.live;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import plenary.amendment.Amendment;
import plenary.amendment.AmendmentState;
import plenary.amendment.ConflictGroups;
import plenary.amendment.Standing;
import plenary.document.Document;
import plenary.negotiation.Actor;
import plenary.negotiation.Event;
import plenary.negotiation.Negotiation;
import plenary.negotiation.Recorded;
import plenary.negotiation.Transition;
import plenary.negotiation.Verdict;
import plenary.negotiation.Visibility;
import plenary.negotiation.Wire;
import plenary.view.NegotiationJson;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The negotiation half of a document's sequencer: folds the logged events, records new ones with
 * who and before → after, and works out what the room may see of them live. Runs on the
 * sequencer's context only.
 */
final class NegotiationDesk {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Negotiation negotiation;
    /** The last standing announced per tabled amendment, so only changes are pushed. */
    private final Map<String, String> announced = new HashMap<>();

    NegotiationDesk(Duration editWindow) {
        this.negotiation = new Negotiation(editWindow);
    }

    Negotiation negotiation() {
        return negotiation;
    }

    void load(Duration editWindow, List<Recorded> events) {
        negotiation = new Negotiation(editWindow);
        announced.clear();
        events.forEach(r -> negotiation.apply(r.event()));
    }

    /** Applies a verdict's events in memory and returns them as log entries, stamped with {@code revision}. */
    List<Recorded> record(Verdict verdict, Actor actor, Instant now, long revision) {
        List<Recorded> out = new ArrayList<>();
        for (Event event : verdict.events()) {
            Transition transition = negotiation.apply(event);
            out.add(new Recorded(negotiation.seq(), now.toString(), actor.userId(), actor.name(), actor.delegation(),
                    revision, event, transition));
        }
        return out;
    }

    /**
     * An entry as everyone on the document's socket may see it: the room speaks for no delegation, so
     * a delegation's draft business arrives as hidden entries (the sponsor reads it with GET), and a
     * ballot never carries its choice (its vote was open when it was cast; the result says it all).
     */
    ObjectNode live(Recorded r) {
        Visibility.Seen seen = Visibility.entry(negotiation, r, Visibility.ROOM);
        if (seen == Visibility.Seen.WHOLE && r.event() instanceof Event.BallotCast) {
            seen = Visibility.Seen.WITHOUT_CHOICE;
        }
        return NegotiationJson.entry(r, seen);
    }

    /**
     * Tabled amendments on {@code clauses} whose standing (current, rebased, conflicting) or conflict
     * group changed since last announced: the text moved under them.
     */
    ArrayNode standingChanges(Document document, Set<String> clauses) {
        ArrayNode changes = NODES.arrayNode();
        // Typing ticks come here: look only at the touched clauses' amendments (groups never span clauses).
        List<Amendment> affected = negotiation.amendments().stream()
                .filter(a -> a.state() == AmendmentState.TABLED && clauses.contains(a.clauseId())).toList();
        if (affected.isEmpty()) {
            return changes;
        }
        Map<String, String> groups = ConflictGroups.byAmendment(affected, document);
        for (Amendment a : affected) {
            Standing standing = Standing.of(a, document);
            String key = Wire.name(standing.kind()) + "|" + standing.stale() + "|" + groups.get(a.id());
            if (!key.equals(announced.put(a.id(), key))) {
                changes.addObject().put("id", a.id()).put("standing", Wire.name(standing.kind()))
                        .put("stale", standing.stale()).put("proposal", standing.proposal())
                        .put("conflictGroup", groups.get(a.id()));
            }
        }
        return changes;
    }
}
