package plenary.live;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import plenary.amendment.Amendment;
import plenary.amendment.AmendmentState;
import plenary.amendment.ConflictGroups;
import plenary.amendment.Standing;
import plenary.deliberation.Comment;
import plenary.deliberation.CommentTarget;
import plenary.document.Document;
import plenary.negotiation.Actor;
import plenary.negotiation.Event;
import plenary.negotiation.Negotiation;
import plenary.negotiation.Recorded;
import plenary.negotiation.Transition;
import plenary.negotiation.Verdict;
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
     * An entry as everyone on the document's socket may see it. A delegation's draft is its own
     * business (its drafting, withdrawal and any comment on it show as hidden entries), and a
     * ballot's choice stays off the socket until the vote's result says it all.
     */
    ObjectNode live(Recorded r) {
        ObjectNode entry = NegotiationJson.recorded(r);
        String amendmentId = switch (r.event()) {
            case Event.AmendmentDrafted e -> e.amendment().id();
            case Event.AmendmentWithdrawn e -> e.id();
            case Event.CommentPosted e when e.comment().target() == CommentTarget.AMENDMENT -> e.comment().targetId();
            case Event.CommentEdited e -> commentTarget(e.id());
            case Event.CommentDeleted e -> commentTarget(e.id());
            case Event.ThreadResolved e -> commentTarget(e.id());
            default -> null;
        };
        boolean restricted = amendmentId != null
                && negotiation.amendment(amendmentId).map(Amendment::restricted).orElse(false);
        if (restricted) {
            ObjectNode hidden = NODES.objectNode();
            hidden.put("seq", r.seq()).put("at", r.at()).put("revision", r.revision()).put("hidden", true);
            return hidden;
        }
        if (r.event() instanceof Event.BallotCast cast) {
            entry.set("detail", NODES.objectNode().put("type", "ballot-cast").put("voteId", cast.voteId())
                    .put("delegation", cast.ballot().delegation()));
        }
        return entry;
    }

    /** The amendment a comment's thread hangs from, if it hangs from one. */
    private String commentTarget(String commentId) {
        return negotiation.comment(commentId).filter(c -> c.target() == CommentTarget.AMENDMENT)
                .map(Comment::targetId).orElse(null);
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
