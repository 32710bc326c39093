package plenary.live;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import plenary.amendment.Amendment;
import plenary.amendment.ConflictGroup;
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
import plenary.negotiation.Visibility;
import plenary.negotiation.Wire;
import plenary.view.NegotiationJson;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The negotiation half of a document's sequencer: folds the logged events, records new ones with
 * who and before → after, and works out what the room may see of them live. Runs on the
 * sequencer's context only.
 */
final class NegotiationDesk {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Negotiation negotiation;
    /**
     * The negotiation as far as it is durable: the events written, applied a second time. Frames
     * are built from it, so a frame never shows a step still being written (a vote's result, say,
     * whose write could still fail).
     */
    private Negotiation durable;
    /** The last standing announced per tabled amendment, so only changes are pushed. */
    private final Map<String, String> announced = new HashMap<>();
    /** The conflict groups last announced per clause. */
    private final Map<String, String> announcedGroups = new HashMap<>();
    /** The paragraph numbers last announced ({@link #numbered}). */
    private List<String> announcedNumbers = List.of();

    NegotiationDesk(Duration editWindow) {
        this.negotiation = new Negotiation(editWindow);
        this.durable = new Negotiation(editWindow);
    }

    Negotiation negotiation() {
        return negotiation;
    }

    void load(Duration editWindow, List<Recorded> events) {
        negotiation = new Negotiation(editWindow);
        announced.clear();
        announcedGroups.clear();
        announcedNumbers = List.of();
        durable = new Negotiation(editWindow);
        events.forEach(r -> {
            negotiation.apply(r.event());
            durable.apply(r.event());
        });
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

    /** The paragraph numbers the room knows, once the document is loaded. */
    void numbered(Document document) {
        announcedNumbers = document.numbers();
    }

    /** The negotiation as far as it is written. */
    Negotiation durable() {
        return durable;
    }

    /** Events now written: the durable negotiation takes them too, in the same order. */
    void written(List<Recorded> events) {
        events.forEach(r -> durable.apply(r.event()));
    }

    /**
     * An entry as everyone on the document's socket may see it: the room speaks for no delegation, so
     * a delegation's draft business arrives as hidden entries (the sponsor's own supplement carries
     * the drafts themselves), a ballot never carries its choice (its vote was open when it was
     * cast; the result says it all), and a drafting names its amendment without repeating it.
     */
    ObjectNode live(Recorded r) {
        Visibility.Seen seen = Visibility.entry(durable, r, Visibility.ROOM);
        if (seen == Visibility.Seen.WHOLE && r.event() instanceof Event.BallotCast) {
            seen = Visibility.Seen.WITHOUT_CHOICE;
        }
        return NegotiationJson.entryInFrame(r, seen);
    }

    /**
     * One tick's frame content ({@link TickFrames}) for the entries {@code recorded} and the clauses
     * whose text moved ({@code clauses}), against the durable {@code document} and negotiation;
     * {@code restructured} when a commit since the last tick added, removed, moved or re-kinded a clause.
     */
    TickFrames tick(List<Recorded> recorded, Set<String> clauses, boolean restructured, Document document,
                    Instant now) {
        ArrayNode events = NODES.arrayNode();
        recorded.forEach(r -> events.add(live(r)));
        Touched touched = new Touched();
        recorded.forEach(r -> touched.add(r.event()));
        // A paragraph added, taken out, moved or of another kind renumbers others: every amendment
        // names its own. Typing never does, so typing ticks skip the count.
        if (restructured) {
            List<String> numbers = document.numbers();
            if (!numbers.equals(announcedNumbers)) {
                durable.amendments().forEach(a -> touched.amendments.add(a.id()));
            }
            announcedNumbers = numbers;
        }
        Set<String> regroup = new HashSet<>(clauses);
        touched.amendments.forEach(id -> durable.amendment(id).ifPresent(a -> regroup.add(a.clauseId())));
        Set<String> decided = new HashSet<>();
        touched.textChangedBy.forEach(id -> durable.amendment(id).ifPresent(a -> decided.add(a.clauseId())));

        // Typing ticks come here: look only at those clauses' amendments (groups never span clauses).
        List<Amendment> affected = durable.amendments().stream()
                .filter(a -> a.state().pending() && regroup.contains(a.clauseId())).toList();
        List<ConflictGroup> found = affected.isEmpty() ? List.of() : ConflictGroups.of(affected, document);
        Map<String, String> groups = ConflictGroups.byAmendment(found);
        for (Amendment a : affected) {
            Standing standing = Standing.of(a, document);
            String key = Wire.name(standing.kind()) + "|" + standing.stale() + "|" + groups.get(a.id());
            boolean moved = !key.equals(announced.put(a.id(), key));
            // An amendment whose standing, stale flag or group moved comes whole in changes (a
            // list of standings beside it repeated those fields, and no page read it); so does every
            // amendment of a clause a decision rewrote, whose proposal is new whatever its standing.
            if (moved || decided.contains(a.clauseId())) {
                touched.amendments.add(a.id());
            }
        }
        ObjectNode room = NODES.objectNode();
        Map<String, ObjectNode> own = new TreeMap<>();
        for (String id : touched.amendments) {
            durable.amendment(id).ifPresent(a -> {
                ObjectNode json = NegotiationJson.inFrame(a, durable, document, groups.get(a.id()));
                if (Visibility.amendment(a, Visibility.ROOM)) {
                    array(room, "amendments").add(json);
                } else {
                    sponsors(a).forEach(d -> array(ownOf(own, d), "amendments").add(json));
                }
            });
        }
        for (String id : touched.comments) {
            durable.comment(id).ifPresent(c -> {
                ObjectNode json = NegotiationJson.comment(c);
                if (Visibility.comment(durable, c, Visibility.ROOM)) {
                    array(room, "comments").add(json);
                } else {
                    commentOwners(c).forEach(d -> array(ownOf(own, d), "comments").add(json));
                }
            });
        }
        touched.votes.forEach(id -> durable.vote(id).ifPresent(v -> array(room, "votes").add(
                NegotiationJson.voteInFrame(v, touched.votesCalled.contains(id), touched.presenceChanged.contains(id)))));
        durable.silences().stream().filter(x -> touched.silences.contains(x.id()))
                .forEach(x -> array(room, "silences").add(NegotiationJson.silence(x)));
        regrouped(regroup, found, room);
        if (touched.phases) {
            room.set("phases", NegotiationJson.phases(durable, now));
        }
        if (touched.adoption) {
            room.set("adoption", NegotiationJson.adoption(durable));
        }
        room.put("documentStatus", document.status().wireName());
        return new TickFrames(events, room, own);
    }

    /** The groups now of each clause whose grouping changed since last announced. */
    private void regrouped(Set<String> clauses, List<ConflictGroup> found, ObjectNode room) {
        ArrayNode changedClauses = NODES.arrayNode();
        ArrayNode changedGroups = NODES.arrayNode();
        for (String clauseId : new java.util.TreeSet<>(clauses)) {
            List<ConflictGroup> of = found.stream().filter(g -> g.clauseId().equals(clauseId)).toList();
            String key = of.stream().map(g -> g.id() + ":" + g.amendmentIds()).toList().toString();
            String before = announcedGroups.put(clauseId, key);
            if (!key.equals(before == null ? "[]" : before)) {
                changedClauses.add(clauseId);
                of.forEach(g -> changedGroups.add(NegotiationJson.group(g)));
            }
        }
        if (!changedClauses.isEmpty()) {
            room.putObject("conflictGroups").<ObjectNode>set("clauses", changedClauses).set("groups", changedGroups);
        }
    }

    /** The delegations whose delegates see a restricted amendment. */
    private static Set<String> sponsors(Amendment a) {
        Set<String> out = new TreeSet<>(a.cosponsors());
        if (a.sponsor() != null) {
            out.add(a.sponsor());
        }
        return out;
    }

    /** The delegations whose delegates see a comment the room may not. */
    private Set<String> commentOwners(Comment c) {
        Optional<String> privateTo = durable.privateTo(c.id());
        if (privateTo.isPresent()) {
            return Set.of(privateTo.get());
        }
        return c.target() == CommentTarget.AMENDMENT
                ? durable.amendment(c.targetId()).map(NegotiationDesk::sponsors).orElse(Set.of()) : Set.of();
    }

    private static ObjectNode ownOf(Map<String, ObjectNode> own, String delegation) {
        return own.computeIfAbsent(delegation, d -> NODES.objectNode());
    }

    private static ArrayNode array(ObjectNode parent, String name) {
        return parent.has(name) ? (ArrayNode) parent.get(name) : parent.putArray(name);
    }

    /** The ids of what a tick's events changed. */
    private static final class Touched {
        final Set<String> amendments = new LinkedHashSet<>();
        final Set<String> comments = new LinkedHashSet<>();
        final Set<String> votes = new LinkedHashSet<>();
        /** Votes called, and votes with a presence registered, by the tick: their lists come again. */
        final Set<String> votesCalled = new HashSet<>();
        final Set<String> presenceChanged = new HashSet<>();
        final Set<String> silences = new LinkedHashSet<>();
        /** Amendments whose decision wrote their clause's text. */
        final Set<String> textChangedBy = new HashSet<>();
        boolean phases;
        boolean adoption;

        void add(Event event) {
            switch (event) {
                case Event.PhaseSet e -> phases = true;
                case Event.AmendmentDrafted e -> amendments.add(e.amendment().id());
                case Event.AmendmentTabled e -> amendments.add(e.id());
                case Event.AmendmentWithdrawn e -> amendments.add(e.id());
                case Event.CosponsorJoined e -> amendments.add(e.id());
                case Event.AmendmentAccepted e -> {
                    amendments.add(e.id());
                    textChangedBy.add(e.id());
                }
                case Event.AmendmentRejected e -> amendments.add(e.id());
                case Event.CompromiseMerged e -> {
                    amendments.add(e.compromise().id());
                    textChangedBy.add(e.compromise().id());
                    amendments.addAll(e.compromise().lineage());
                }
                case Event.AmendmentSuperseded e -> {
                    amendments.add(e.id());
                    amendments.add(e.by());
                }
                case Event.IndicativeCast e -> amendments.add(e.amendmentId());
                case Event.CommentPosted e -> comments.add(e.comment().id());
                case Event.CommentEdited e -> comments.add(e.id());
                case Event.CommentDeleted e -> comments.add(e.id());
                case Event.ThreadResolved e -> comments.add(e.id());
                case Event.ClauseStatusSet e -> { } // a text commit: its ops frame says it
                case Event.VoteCalled e -> {
                    votes.add(e.vote().id());
                    votesCalled.add(e.vote().id());
                }
                case Event.PresenceRegistered e -> {
                    votes.add(e.voteId());
                    presenceChanged.add(e.voteId());
                }
                case Event.VoteOpened e -> votes.add(e.voteId());
                case Event.BallotCast e -> votes.add(e.voteId());
                case Event.VoteClosed e -> votes.add(e.voteId());
                case Event.SilenceStarted e -> silences.add(e.silence().id());
                case Event.SilenceBroken e -> silences.add(e.id());
                case Event.SilenceConcluded e -> silences.add(e.id());
                case Event.DocumentAdopted e -> {
                    phases = true;
                    adoption = true;
                }
            }
        }
    }
}
