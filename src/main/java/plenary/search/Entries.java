package plenary.search;

import plenary.amendment.Amendment;
import plenary.deliberation.Comment;
import plenary.deliberation.CommentTarget;
import plenary.document.Clause;
import plenary.document.ClauseKind;
import plenary.document.Document;
import plenary.document.DocumentStatus;
import plenary.negotiation.Event;
import plenary.negotiation.Negotiation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What of a document the index holds: its paragraphs (as adopted text once it is adopted), every
 * amendment but withdrawn drafts, and every comment not deleted, each with the readers it may
 * reach. Pure: built alike from the sequencer's state and, at start-up, from the database.
 */
public final class Entries {
    /**
     * The rule the readers of entries follow; an index written under an older one is refilled at
     * start-up. 2: drafts reach their delegation only (not their author), and threads begun on a
     * draft stay private once it is tabled. 3: amendments carry their number (A7).
     */
    public static final int RULE = 3;

    private Entries() {
    }

    public static List<Entry> of(Document document, String meetingId, Negotiation negotiation) {
        List<Entry> out = new ArrayList<>();
        SearchKind clauseKind = document.status() == DocumentStatus.ADOPTED ? SearchKind.ADOPTED : SearchKind.CLAUSE;
        List<String> numbers = document.numbers();
        for (int i = 0; i < document.clauses().size(); i++) {
            Clause clause = document.clauses().get(i);
            if (PlainText.of(clause.text()).isBlank()) {
                continue;
            }
            String number = clause.kind() == ClauseKind.FOOTNOTE ? null : numbers.get(i);
            out.add(new Entry(clauseKind.wireName() + ":" + document.id() + ":" + clause.id(), clauseKind,
                    document.id(), meetingId, document.title(), clause.id(), number, null, null,
                    PlainText.of(clause.text()), Set.of(Entry.PUBLIC)));
        }
        for (Amendment a : negotiation.amendments()) {
            if (a.state() == plenary.amendment.AmendmentState.WITHDRAWN && a.restricted()) {
                continue;
            }
            String text = (a.proposed() == null ? "" : PlainText.of(a.proposed()))
                    + (a.rationale() == null || a.rationale().isBlank() ? "" : "\n\n" + a.rationale());
            out.add(new Entry("amendment:" + a.id(), SearchKind.AMENDMENT, document.id(), meetingId, document.title(),
                    a.clauseId(), number(document, a.clauseId()), a.id(), negotiation.label(a.id()), text,
                    readers(a, meetingId)));
        }
        for (Comment c : negotiation.comments()) {
            if (c.deleted() || c.body() == null || c.body().isBlank()) {
                continue;
            }
            Set<String> readers = Set.of(Entry.PUBLIC);
            String clauseId = c.target() == CommentTarget.CLAUSE ? c.targetId() : null;
            if (c.target() == CommentTarget.AMENDMENT) {
                Amendment on = negotiation.amendment(c.targetId()).orElse(null);
                if (on == null) {
                    continue;
                }
                // A thread begun on a draft stays with its delegation even once the draft is tabled.
                Optional<String> privateTo = negotiation.privateTo(c.id());
                readers = privateTo.isPresent() ? Set.of(Scope.delegation(meetingId, privateTo.get()))
                        : readers(on, meetingId);
                clauseId = on.clauseId();
            }
            out.add(new Entry("comment:" + c.id(), SearchKind.COMMENT, document.id(), meetingId, document.title(),
                    clauseId, clauseId == null ? null : number(document, clauseId), c.id(), null, c.body(), readers));
        }
        return out;
    }

    /**
     * Whether the event can change the entries above. Votes, presences, ballots, phases, indicative
     * positions and silence change neither a paragraph's text (a silence's conclusion changes
     * statuses by a commit of its own) nor an amendment's or comment's text and readers; in a roll
     * call of 200 delegations, re-indexing the document after each ballot took a fifth of a core.
     * Every other event, and any event added later, counts as changing them.
     */
    public static boolean reflects(Event event) {
        return !(event instanceof Event.VoteCalled || event instanceof Event.PresenceRegistered
                || event instanceof Event.VoteOpened || event instanceof Event.BallotCast
                || event instanceof Event.VoteClosed || event instanceof Event.PhaseSet
                || event instanceof Event.IndicativeCast || event instanceof Event.SilenceStarted
                || event instanceof Event.SilenceBroken || event instanceof Event.SilenceConcluded);
    }

    /**
     * A draft reaches the delegates of its delegation only, as in the negotiation views
     * ({@link plenary.negotiation.Visibility}): not its author once they speak for another.
     */
    private static Set<String> readers(Amendment a, String meetingId) {
        if (!a.restricted()) {
            return Set.of(Entry.PUBLIC);
        }
        Set<String> readers = new HashSet<>();
        if (a.sponsor() != null) {
            readers.add(Scope.delegation(meetingId, a.sponsor()));
            a.cosponsors().forEach(d -> readers.add(Scope.delegation(meetingId, d)));
        }
        return readers;
    }

    private static String number(Document document, String clauseId) {
        int at = document.indexOf(clauseId);
        return at < 0 ? null : document.numbers().get(at);
    }
}
