package plenary.negotiation;

import plenary.deliberation.Phase;
import plenary.deliberation.SilenceProcedure;
import plenary.deliberation.VoteStage;
import plenary.document.Clause;
import plenary.document.ClauseKind;
import plenary.document.ClauseStatus;
import plenary.document.Document;
import plenary.document.DocumentStatus;
import plenary.document.Fingerprint;
import plenary.editing.Change;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** What the chair runs: phases, paragraph statuses, the silence procedure and adoption. */
final class ProcedureRules {
    static final int MAX_REASON = 5_000;

    private ProcedureRules() {
    }

    static Verdict setPhase(Negotiation n, Command.SetPhase c, Instant now, Document document) {
        if (c.open() && c.deadline() != null && !instant(c.deadline()).isAfter(now)) {
            throw NegotiationException.invalid("the deadline must be in the future");
        }
        if (!c.open() && c.phase() == Phase.VOTING) {
            n.votes.values().stream().filter(v -> v.stage() != VoteStage.CLOSED).findFirst().ifPresent(v -> {
                throw NegotiationException.conflict("vote-in-progress", "close vote " + v.id() + " first");
            });
        }
        Event event = new Event.PhaseSet(c.phase(), c.open(), c.open() ? c.deadline() : null);
        if (c.open() && c.phase() == Phase.TABLING && document.status() == DocumentStatus.DRAFTING) {
            // The first tabling window turns the draft into a text under negotiation.
            return new Verdict(List.of(new Change.SetDocumentStatus(DocumentStatus.NEGOTIATING)), List.of(event));
        }
        return Verdict.of(event);
    }

    static Verdict setStatus(Command.SetClauseStatus c, Document document) {
        Clause clause = document.clause(c.clauseId()).orElseThrow(
                () -> NegotiationException.notFound("no clause " + c.clauseId() + " in this document"));
        if (clause.status() == c.status()) {
            throw NegotiationException.conflict("no-change", "clause " + clause.id() + " is already "
                    + Wire.name(c.status()));
        }
        return new Verdict(List.of(new Change.SetClauseStatus(clause.id(), c.status())),
                List.of(new Event.ClauseStatusSet(clause.id(), clause.status(), c.status())));
    }

    static Verdict startSilence(Negotiation n, Command.StartSilence c, Instant now, Document document) {
        n.runningSilence().ifPresent(s -> {
            throw NegotiationException.conflict("silence-running", "silence procedure " + s.id()
                    + " runs until " + s.deadline());
        });
        if (n.silences.containsKey(c.id())) {
            throw NegotiationException.conflict("duplicate-id", "silence procedure " + c.id() + " exists");
        }
        if (c.deadline() == null || !instant(c.deadline()).isAfter(now)) {
            throw NegotiationException.invalid("a silence procedure needs a deadline in the future");
        }
        List<String> clauses;
        if (c.clauseIds() == null || c.clauseIds().isEmpty()) {
            clauses = document.clauses().stream()
                    .filter(cl -> cl.kind() != ClauseKind.HEADING && cl.status() != ClauseStatus.AGREED)
                    .map(Clause::id).toList();
        } else {
            for (String id : c.clauseIds()) {
                document.clause(id).orElseThrow(() -> NegotiationException.notFound("no clause " + id + " in this document"));
            }
            clauses = c.clauseIds().stream().distinct().toList();
        }
        if (clauses.isEmpty()) {
            throw NegotiationException.conflict("nothing-to-agree", "every paragraph is already agreed");
        }
        List<Long> versions = clauses.stream().map(id -> document.clause(id).orElseThrow().version()).toList();
        return Verdict.of(new Event.SilenceStarted(new SilenceProcedure(c.id(), clauses, versions,
                instant(c.deadline()).toString(), List.of(), false, List.of())));
    }

    static Verdict breakSilence(Negotiation n, Command.BreakSilence c, Actor actor, Instant now) {
        SilenceProcedure silence = n.runningSilence().orElseThrow(() -> NegotiationException.conflict(
                "no-silence", "no silence procedure is running"));
        if (!now.isBefore(Instant.parse(silence.deadline()))) {
            throw NegotiationException.conflict("silence-ended", "the silence deadline has passed");
        }
        if (actor.delegation() == null) {
            throw NegotiationException.forbidden("silence is broken by a delegation, and you speak for none");
        }
        if (!silence.clauseIds().contains(c.clauseId())) {
            throw NegotiationException.notFound("clause " + c.clauseId() + " is not under silence");
        }
        if (c.reason() == null || c.reason().isBlank() || c.reason().length() > MAX_REASON) {
            throw NegotiationException.invalid("breaking silence needs a reason of at most " + MAX_REASON + " characters");
        }
        boolean again = silence.breaks().stream()
                .anyMatch(b -> b.clauseId().equals(c.clauseId()) && b.delegation().equals(actor.delegation()));
        if (again) {
            throw NegotiationException.conflict("already-broken", actor.delegation() + " already broke silence on "
                    + c.clauseId());
        }
        return Verdict.of(new Event.SilenceBroken(silence.id(), new SilenceProcedure.SilenceBreak(c.clauseId(),
                actor.delegation(), actor.name(), c.reason().strip(), now.toString())));
    }

    static Verdict concludeSilence(Negotiation n, Instant now, Document document) {
        SilenceProcedure silence = n.runningSilence().orElseThrow(() -> NegotiationException.conflict(
                "no-silence", "no silence procedure is running"));
        if (now.isBefore(Instant.parse(silence.deadline()))) {
            throw NegotiationException.conflict("silence-running", "the deadline is " + silence.deadline());
        }
        List<String> broken = new ArrayList<>(silence.brokenClauses());
        // A paragraph whose text changed after silence began was not the text put under silence:
        // silence did not hold on it, whoever changed it.
        for (String id : silence.clauseIds()) {
            Clause clause = document.clause(id).orElse(null);
            boolean changed = clause == null || silence.versionOf(id) >= 0 && clause.version() != silence.versionOf(id);
            if (changed && !broken.contains(id)) {
                broken.add(id);
            }
        }
        List<String> held = silence.clauseIds().stream().filter(id -> !broken.contains(id)).toList();
        List<String> agreeing = held.stream()
                .filter(id -> document.clause(id).orElseThrow().status() != ClauseStatus.AGREED).toList();
        // One commit and one entry for the whole conclusion: a commit and an entry per paragraph
        // sent every reader some 137 KB at once for 200 paragraphs. The entry names what held.
        List<Change> changes = agreeing.isEmpty() ? List.of()
                : List.of(new Change.SetClauseStatuses(agreeing, ClauseStatus.AGREED));
        return new Verdict(changes, List.of(new Event.SilenceConcluded(silence.id(), held, broken)));
    }

    static Verdict adopt(Negotiation n, Instant now, Document document) {
        n.votes.values().stream().filter(v -> v.stage() != VoteStage.CLOSED).findFirst().ifPresent(v -> {
            throw NegotiationException.conflict("vote-in-progress", "close vote " + v.id() + " before adoption");
        });
        n.runningSilence().ifPresent(s -> {
            throw NegotiationException.conflict("silence-running", "silence procedure " + s.id()
                    + " runs until " + s.deadline());
        });
        List<Change> changes = new ArrayList<>();
        if (document.status() == DocumentStatus.DRAFTING) {
            changes.add(new Change.SetDocumentStatus(DocumentStatus.NEGOTIATING));
        }
        changes.add(new Change.SetDocumentStatus(DocumentStatus.ADOPTED));
        Document adopted = document.withStatus(DocumentStatus.ADOPTED).withRevision(document.revision() + changes.size());
        return new Verdict(changes,
                List.of(new Event.DocumentAdopted(adopted.revision(), Fingerprint.sha256(adopted), now.toString())));
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw NegotiationException.invalid("'" + text + "' is not an ISO-8601 instant such as 2026-11-27T18:00:00Z");
        }
    }
}
