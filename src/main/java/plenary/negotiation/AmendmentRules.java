package plenary.negotiation;

import plenary.amendment.Amendment;
import plenary.amendment.AmendmentKind;
import plenary.amendment.AmendmentState;
import plenary.amendment.Standing;
import plenary.amendment.TextEdits;
import plenary.deliberation.Phase;
import plenary.document.Clause;
import plenary.document.ClauseKind;
import plenary.document.Document;
import plenary.editing.Change;
import plenary.people.Role;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The amendment lifecycle: draft, table, co-sponsor, withdraw; accept, reject, compromise. */
final class AmendmentRules {
    static final int MAX_TEXT = 20_000;
    static final int MAX_RATIONALE = 5_000;

    private AmendmentRules() {
    }

    static Verdict draft(Negotiation n, Command.DraftAmendment c, Actor actor, Instant now, Document document) {
        if (actor.delegation() == null) {
            throw NegotiationException.forbidden("amendments are sponsored by a delegation, and you speak for none");
        }
        if (n.amendments.containsKey(c.id())) {
            throw NegotiationException.conflict("duplicate-id", "amendment " + c.id() + " exists");
        }
        Clause clause = document.clause(c.clauseId()).orElseThrow(() -> NegotiationException.notFound(
                "no clause " + c.clauseId() + " in this document"));
        long baseVersion = c.baseVersion() == null ? clause.version() : c.baseVersion();
        String baseText;
        if (baseVersion == clause.version()) {
            baseText = clause.text();
        } else if (baseVersion < clause.version() && baseVersion >= 0 && c.baseText() != null) {
            baseText = c.baseText(); // written against an older text the author saw; rebased from there
        } else {
            throw NegotiationException.invalid("clause " + clause.id() + " is at version " + clause.version()
                    + "; an amendment to an earlier version needs that version's baseText");
        }
        String proposed = null;
        String afterId = null;
        ClauseKind newKind = null;
        switch (c.kind()) {
            case MODIFY -> {
                proposed = requireText(c.text(), "the amended text");
                if (proposed.equals(baseText)) {
                    throw NegotiationException.invalid("the amended text is the same as the clause");
                }
            }
            case INSERT -> {
                proposed = requireText(c.text(), "the new clause's text");
                newKind = c.newKind() == null ? ClauseKind.OPERATIVE : c.newKind();
            }
            case DELETE -> { }
            case MOVE -> {
                afterId = c.afterId();
                if (afterId != null && document.clause(afterId).isEmpty()) {
                    throw NegotiationException.notFound("no clause " + afterId + " to move after");
                }
                if (clause.id().equals(afterId)) {
                    throw NegotiationException.invalid("a clause cannot be moved after itself");
                }
            }
        }
        String rationale = c.rationale() == null ? "" : c.rationale();
        if (rationale.length() > MAX_RATIONALE) {
            throw NegotiationException.invalid("a rationale holds at most " + MAX_RATIONALE + " characters");
        }
        Amendment amendment = new Amendment(c.id(), c.kind(), clause.id(), afterId, newKind, baseVersion, baseText,
                proposed, actor.delegation(), List.of(), rationale, actor.userId(), actor.name(),
                AmendmentState.DRAFT, null, List.of(), now.toString());
        if (!c.table()) {
            return Verdict.of(new Event.AmendmentDrafted(amendment));
        }
        requireTablingOpen(n, now);
        return Verdict.of(new Event.AmendmentDrafted(amendment), new Event.AmendmentTabled(c.id()));
    }

    static Verdict table(Negotiation n, Command.TableAmendment c, Actor actor, Instant now) {
        Amendment a = Visibility.visibleAmendment(n, c.id(), actor);
        requireSponsor(a, actor);
        requireState(a, AmendmentState.DRAFT, "only a draft can be tabled");
        requireTablingOpen(n, now);
        return Verdict.of(new Event.AmendmentTabled(a.id()));
    }

    static Verdict withdraw(Negotiation n, Command.WithdrawAmendment c, Actor actor) {
        Amendment a = Visibility.visibleAmendment(n, c.id(), actor);
        requireSponsor(a, actor);
        if (!a.state().pending()) {
            throw NegotiationException.conflict("amendment-closed", "amendment " + a.id() + " is already "
                    + Wire.name(a.state()));
        }
        return Verdict.of(new Event.AmendmentWithdrawn(a.id()));
    }

    static Verdict cosponsor(Negotiation n, Command.Cosponsor c, Actor actor, Instant now) {
        Amendment a = Visibility.visibleAmendment(n, c.id(), actor);
        if (actor.delegation() == null) {
            throw NegotiationException.forbidden("co-sponsors are delegations, and you speak for none");
        }
        requireState(a, AmendmentState.TABLED, "only a tabled amendment can be co-sponsored");
        requireTablingOpen(n, now);
        if (a.sponsoredBy(actor.delegation())) {
            throw NegotiationException.conflict("already-sponsor", actor.delegation() + " already sponsors " + a.id());
        }
        return Verdict.of(new Event.CosponsorJoined(a.id(), actor.delegation()));
    }

    static Verdict accept(Negotiation n, Command.AcceptAmendment c, Document document) {
        Amendment a = tabled(n, c.id());
        Standing standing = Standing.of(a, document);
        if (standing.kind() == Standing.Kind.OBSOLETE) {
            throw NegotiationException.conflict("amendment-obsolete", "the clause amendment " + a.id()
                    + " refers to is gone; reject it or write a compromise");
        }
        if (c.text() != null) {
            // Accepted with changes: the rapporteur's text resolves any conflict by replacing it.
            if (a.kind() != AmendmentKind.MODIFY && a.kind() != AmendmentKind.INSERT) {
                throw NegotiationException.invalid("only a modification or an insertion can be accepted with a changed text");
            }
            String text = requireText(c.text(), "the accepted text");
            return new Verdict(changes(a, text, document), List.of(new Event.AmendmentAccepted(a.id(), true, text)));
        }
        if (standing.kind() == Standing.Kind.CONFLICTING) {
            throw NegotiationException.conflict("amendment-conflicts", "amendment " + a.id()
                    + " conflicts with changes made to the clause since it was tabled ("
                    + String.join(" | ", standing.conflicts()) + "); accept it with a resolved text, or write a compromise");
        }
        return new Verdict(changes(a, standing.proposal(), document),
                List.of(new Event.AmendmentAccepted(a.id(), false, standing.proposal())));
    }

    static Verdict reject(Negotiation n, Command.RejectAmendment c) {
        Amendment a = tabled(n, c.id());
        if (c.reason() == null || c.reason().isBlank()) {
            throw NegotiationException.invalid("a rejection needs a reason");
        }
        if (c.reason().length() > MAX_RATIONALE) {
            throw NegotiationException.invalid("a reason holds at most " + MAX_RATIONALE + " characters");
        }
        return Verdict.of(new Event.AmendmentRejected(a.id(), c.reason().strip()));
    }

    static Verdict compromise(Negotiation n, Command.Compromise c, Actor actor, Instant now, Document document) {
        if (n.amendments.containsKey(c.id())) {
            throw NegotiationException.conflict("duplicate-id", "amendment " + c.id() + " exists");
        }
        Clause clause = document.clause(c.clauseId()).orElseThrow(() -> NegotiationException.notFound(
                "no clause " + c.clauseId() + " in this document"));
        String text = requireText(c.text(), "the compromise text");
        if (c.supersedes() == null || c.supersedes().isEmpty()) {
            throw NegotiationException.invalid("a compromise names the amendments it takes the place of");
        }
        List<Event> events = new ArrayList<>();
        for (String id : c.supersedes().stream().distinct().toList()) {
            Amendment a = tabled(n, id);
            if (!a.clauseId().equals(clause.id())) {
                throw NegotiationException.invalid("amendment " + id + " is about clause " + a.clauseId()
                        + ", not " + clause.id());
            }
            events.add(new Event.AmendmentSuperseded(id, c.id()));
        }
        Amendment compromise = new Amendment(c.id(), AmendmentKind.MODIFY, clause.id(), null, null, clause.version(),
                clause.text(), text, null, List.of(), c.rationale() == null ? "" : c.rationale(), actor.userId(),
                actor.name(), AmendmentState.ACCEPTED_WITH_CHANGES, null,
                c.supersedes().stream().distinct().toList(), now.toString());
        events.addFirst(new Event.CompromiseMerged(compromise));
        List<Change> changes = text.equals(clause.text()) ? List.of()
                : List.of(new Change.TextEdit(clause.id(), clause.version(), TextEdits.between(clause.text(), text)));
        return new Verdict(changes, events);
    }

    /** The text changes an accepted amendment makes, written against the clause as it is now. */
    private static List<Change> changes(Amendment a, String text, Document document) {
        Change change = change(a, text, document);
        // Accepting a text the clause already reads records the decision without an empty revision.
        return change instanceof Change.TextEdit edit && edit.op().isNoop() ? List.of() : List.of(change);
    }

    private static Change change(Amendment a, String text, Document document) {
        return switch (a.kind()) {
            case MODIFY -> {
                Clause clause = document.clause(a.clauseId()).orElseThrow();
                yield new Change.TextEdit(clause.id(), clause.version(), TextEdits.between(clause.text(), text));
            }
            case INSERT -> new Change.InsertClause(null, a.clauseId(), a.newKind(), text);
            case DELETE -> new Change.DeleteClause(a.clauseId());
            case MOVE -> new Change.MoveClause(a.clauseId(), a.afterId());
        };
    }

    private static Amendment tabled(Negotiation n, String id) {
        Amendment a = n.amendments.get(id);
        // A draft, or one withdrawn before tabling, is nobody's to decide: the same answer as for no amendment.
        if (a == null || a.restricted()) {
            throw NegotiationException.notFound("no tabled amendment " + id);
        }
        requireState(a, AmendmentState.TABLED, "only a tabled amendment can be decided");
        return a;
    }

    private static void requireSponsor(Amendment a, Actor actor) {
        if (!actor.is(Role.DELEGATE) || actor.delegation() == null || !actor.delegation().equals(a.sponsor())) {
            throw NegotiationException.forbidden("only the sponsoring delegation can do this");
        }
    }

    private static void requireState(Amendment a, AmendmentState state, String message) {
        if (a.state() != state) {
            throw NegotiationException.conflict("wrong-state", message + " (amendment " + a.id() + " is "
                    + Wire.name(a.state()) + ")");
        }
    }

    static void requireTablingOpen(Negotiation n, Instant now) {
        if (!n.phases.get(Phase.TABLING).openAt(now)) {
            throw NegotiationException.conflict("tabling-closed", n.phases.get(Phase.TABLING).open()
                    ? "the tabling deadline has passed" : "the chair has not opened tabling");
        }
    }

    static String requireText(String text, String what) {
        if (text == null || text.isBlank()) {
            throw NegotiationException.invalid(what + " must not be empty");
        }
        if (text.length() > MAX_TEXT) {
            throw NegotiationException.invalid(what + " holds at most " + MAX_TEXT + " characters");
        }
        return text;
    }
}
