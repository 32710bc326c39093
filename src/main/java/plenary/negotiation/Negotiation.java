package plenary.negotiation;

import plenary.document.ClauseStatus;

import plenary.amendment.Amendment;
import plenary.amendment.AmendmentState;
import plenary.deliberation.Comment;
import plenary.deliberation.CommentTarget;
import plenary.deliberation.FormalVote;
import plenary.deliberation.IndicativePosition;
import plenary.deliberation.Phase;
import plenary.deliberation.PhaseWindow;
import plenary.deliberation.SilenceProcedure;
import plenary.deliberation.VoteStage;
import plenary.document.Document;
import plenary.document.DocumentStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The negotiation around one document: amendments, comments, straw polls, formal votes, the
 * phases and the silence procedure. It is the fold of its events ({@link #apply}); commands are
 * decided against it ({@link #decide}) into a {@link Verdict}. Pure and single-threaded: the
 * document's sequencer owns it, next to the document's text, so one order holds for both.
 */
public final class Negotiation {
    /** How long authors may still edit a comment after posting it. */
    public static final Duration DEFAULT_EDIT_WINDOW = Duration.ofMinutes(15);

    final Map<Phase, PhaseWindow> phases = new EnumMap<>(Phase.class);
    final Map<String, Amendment> amendments = new LinkedHashMap<>();
    final Map<String, Comment> comments = new LinkedHashMap<>();
    final Map<String, Map<String, IndicativePosition>> indicative = new LinkedHashMap<>();
    final Map<String, FormalVote> votes = new LinkedHashMap<>();
    final Map<String, SilenceProcedure> silences = new LinkedHashMap<>();
    /**
     * Each amendment's number, given when it is first tabled (1, 2, … in the order of tabling, a
     * compromise included), never changed or given again, whatever becomes of it or of the others:
     * the room cites "A7" in speeches, votes and the record. Drafts have none. A fold of the events
     * like the rest, so every reader and every restart numbers alike.
     */
    final Map<String, Integer> numbers = new HashMap<>();
    /** Comments of threads begun on a delegation's draft → that delegation: they stay its business for good. */
    final Map<String, String> privateThreads = new HashMap<>();
    final Duration editWindow;
    Event.DocumentAdopted adoption;
    private long seq;
    /**
     * The events folded so far, in order: the state is their fold and nothing else, so they are its
     * wire form between the nodes of a cluster ({@link #replay}).
     */
    private final List<Event> history = new ArrayList<>();

    public Negotiation(Duration editWindow) {
        this.editWindow = editWindow;
        for (Phase phase : Phase.values()) {
            phases.put(phase, PhaseWindow.CLOSED);
        }
        // Discussion is open from the start; tabling and voting wait for the chair.
        phases.put(Phase.COMMENTS, new PhaseWindow(true, null));
    }

    /**
     * A copy that later events do not change: for readers on other threads (the search index), so
     * the document's sequencer, which owns this one, only pays for copying the references.
     */
    public Negotiation copy() {
        Negotiation out = new Negotiation(editWindow);
        out.phases.putAll(phases);
        out.amendments.putAll(amendments);
        out.comments.putAll(comments);
        indicative.forEach((id, positions) -> out.indicative.put(id, new LinkedHashMap<>(positions)));
        out.votes.putAll(votes);
        out.silences.putAll(silences);
        out.privateThreads.putAll(privateThreads);
        out.numbers.putAll(numbers);
        out.adoption = adoption;
        out.seq = seq;
        out.history.addAll(history);
        return out;
    }

    /** The state that {@code events} fold into: equal to the one they were read from ({@link #events}). */
    public static Negotiation replay(Duration editWindow, List<Event> events) {
        Negotiation out = new Negotiation(editWindow);
        events.forEach(out::apply);
        return out;
    }

    /** Every event applied, oldest first. */
    public List<Event> events() {
        return java.util.Collections.unmodifiableList(history);
    }

    public Duration editWindow() {
        return editWindow;
    }

    /** The number of the last event applied. */
    public long seq() {
        return seq;
    }

    public Map<Phase, PhaseWindow> phases() {
        return Map.copyOf(phases);
    }

    public Collection<Amendment> amendments() {
        return amendments.values();
    }

    public Optional<Amendment> amendment(String id) {
        return Optional.ofNullable(amendments.get(id));
    }

    public Collection<Comment> comments() {
        return comments.values();
    }

    public Optional<Comment> comment(String id) {
        return Optional.ofNullable(comments.get(id));
    }

    /**
     * The delegation a comment is private to: set when its thread was begun on that delegation's
     * draft, and kept once the draft is tabled, so a delegation's internal notes never become public.
     */
    public Optional<String> privateTo(String commentId) {
        return Optional.ofNullable(privateThreads.get(commentId));
    }

    public Map<String, IndicativePosition> indicative(String amendmentId) {
        return Map.copyOf(indicative.getOrDefault(amendmentId, Map.of()));
    }

    public Collection<FormalVote> votes() {
        return votes.values();
    }

    public Optional<FormalVote> vote(String id) {
        return Optional.ofNullable(votes.get(id));
    }

    public Collection<SilenceProcedure> silences() {
        return silences.values();
    }

    /** The silence procedure still waiting for its deadline, if any. */
    public Optional<SilenceProcedure> runningSilence() {
        return silences.values().stream().filter(s -> !s.concluded()).findFirst();
    }

    public Optional<Event.DocumentAdopted> adoption() {
        return Optional.ofNullable(adoption);
    }

    /** Checks a command against the state now; returns what it would change, or throws. Changes nothing. */
    public Verdict decide(Command command, Actor actor, Instant now, Document document) {
        if (adoption != null || document.status() == DocumentStatus.ADOPTED) {
            throw NegotiationException.conflict("document-adopted",
                    "the document is adopted: it can be read and exported, nothing else");
        }
        return switch (command) {
            case Command.DraftAmendment c -> AmendmentRules.draft(this, c, actor, now, document);
            case Command.TableAmendment c -> AmendmentRules.table(this, c, actor, now);
            case Command.WithdrawAmendment c -> AmendmentRules.withdraw(this, c, actor);
            case Command.Cosponsor c -> AmendmentRules.cosponsor(this, c, actor, now);
            case Command.AcceptAmendment c -> AmendmentRules.accept(this, c, document);
            case Command.RejectAmendment c -> AmendmentRules.reject(this, c);
            case Command.Compromise c -> AmendmentRules.compromise(this, c, actor, now, document);
            case Command.IndicativeVote c -> DiscussionRules.indicative(this, c, actor);
            case Command.PostComment c -> DiscussionRules.post(this, c, actor, now, document);
            case Command.EditComment c -> DiscussionRules.edit(this, c, actor, now);
            case Command.DeleteComment c -> DiscussionRules.delete(this, c, actor);
            case Command.ResolveThread c -> DiscussionRules.resolve(this, c, actor);
            case Command.CallVote c -> VoteRules.call(this, c, now, document);
            case Command.RegisterPresence c -> VoteRules.register(this, c, actor);
            case Command.OpenVote c -> VoteRules.open(this, c);
            case Command.CastBallot c -> VoteRules.cast(this, c, actor);
            case Command.CloseVote c -> VoteRules.close(this, c, now);
            case Command.SetPhase c -> ProcedureRules.setPhase(this, c, now, document);
            case Command.SetClauseStatus c -> ProcedureRules.setStatus(c, document);
            case Command.StartSilence c -> ProcedureRules.startSilence(this, c, now, document);
            case Command.BreakSilence c -> ProcedureRules.breakSilence(this, c, actor, now);
            case Command.ConcludeSilence c -> ProcedureRules.concludeSilence(this, now, document);
            case Command.Adopt c -> ProcedureRules.adopt(this, now, document);
        };
    }

    /** Folds one event into the state; returns what it changed, for the audit log. */
    public Transition apply(Event event) {
        seq++;
        history.add(event);
        return switch (event) {
            case Event.PhaseSet e -> {
                PhaseWindow before = phases.put(e.phase(), new PhaseWindow(e.open(), e.deadline()));
                yield new Transition("phase " + Wire.name(e.phase()), describe(before), describe(phases.get(e.phase())));
            }
            case Event.AmendmentDrafted e -> {
                amendments.put(e.amendment().id(), e.amendment());
                numberIfTabled(e.amendment());
                yield new Transition(amendmentSubject(e.amendment().id()), null, Wire.name(e.amendment().state()));
            }
            case Event.AmendmentTabled e -> {
                Amendment before = amendments.get(e.id());
                amendments.put(e.id(), before.inState(AmendmentState.TABLED, null));
                numberIfTabled(amendments.get(e.id()));
                yield new Transition(amendmentSubject(e.id()), Wire.name(before.state()), Wire.name(AmendmentState.TABLED));
            }
            case Event.AmendmentWithdrawn e -> move(e.id(), AmendmentState.WITHDRAWN,
                    amendments.get(e.id()).state() == AmendmentState.DRAFT ? Amendment.NEVER_TABLED : null);
            case Event.CosponsorJoined e -> {
                Amendment a = amendments.get(e.id());
                amendments.put(a.id(), a.withCosponsor(e.delegation()));
                yield new Transition(amendmentSubject(a.id()), "sponsors " + sponsors(a),
                        "sponsors " + sponsors(amendments.get(a.id())));
            }
            case Event.AmendmentAccepted e -> move(e.id(),
                    e.withChanges() ? AmendmentState.ACCEPTED_WITH_CHANGES : AmendmentState.ACCEPTED, null);
            case Event.AmendmentRejected e -> move(e.id(), AmendmentState.REJECTED, e.reason());
            case Event.CompromiseMerged e -> {
                amendments.put(e.compromise().id(), e.compromise());
                numberIfTabled(e.compromise());
                yield new Transition(amendmentSubject(e.compromise().id()), null,
                        Wire.name(e.compromise().state()) + " (compromise for " + String.join(", ",
                                e.compromise().lineage()) + ")");
            }
            case Event.AmendmentSuperseded e -> move(e.id(), AmendmentState.SUPERSEDED, e.by());
            case Event.IndicativeCast e -> {
                IndicativePosition before = indicative.computeIfAbsent(e.amendmentId(), k -> new LinkedHashMap<>())
                        .put(e.delegation(), e.position());
                yield new Transition("indicative vote of " + e.delegation() + " on amendment " + e.amendmentId(),
                        Wire.name(before), Wire.name(e.position()));
            }
            case Event.CommentPosted e -> {
                Comment c = e.comment();
                String privateTo = c.parentId() != null ? privateThreads.get(c.parentId())
                        : c.target() == CommentTarget.AMENDMENT ? Optional.ofNullable(amendments.get(c.targetId()))
                        .filter(Amendment::restricted).map(Amendment::sponsor).orElse(null) : null;
                if (privateTo != null) {
                    privateThreads.put(c.id(), privateTo);
                }
                comments.put(c.id(), c);
                yield new Transition("comment " + e.comment().id(), null, "posted (" + Wire.name(e.comment().stance()) + ")");
            }
            case Event.CommentEdited e -> {
                comments.computeIfPresent(e.id(), (k, c) -> c.edited(e.body(), e.at()));
                yield new Transition("comment " + e.id(), "posted", "edited");
            }
            case Event.CommentDeleted e -> {
                comments.computeIfPresent(e.id(), (k, c) -> c.tombstone());
                yield new Transition("comment " + e.id(), "posted", "deleted");
            }
            case Event.ThreadResolved e -> {
                comments.computeIfPresent(e.id(), (k, c) -> c.resolvedThread());
                yield new Transition("thread " + e.id(), "open", "resolved");
            }
            // Agreed language taken back into negotiation is worth saying in so many words.
            case Event.ClauseStatusSet e -> new Transition("clause " + e.clauseId()
                    + (e.from() != ClauseStatus.BRACKETED && e.to() == ClauseStatus.BRACKETED
                    ? " reopened (agreed language)" : ""), Wire.name(e.from()), Wire.name(e.to()));
            case Event.VoteCalled e -> {
                votes.put(e.vote().id(), e.vote());
                yield new Transition("vote " + e.vote().id(), null, "called: " + e.vote().question());
            }
            case Event.PresenceRegistered e -> {
                votes.computeIfPresent(e.voteId(), (k, v) -> v.withPresent(e.delegation()));
                yield new Transition("presence of " + e.delegation() + " in vote " + e.voteId(), "absent", "present");
            }
            case Event.VoteOpened e -> {
                votes.computeIfPresent(e.voteId(), (k, v) -> v.inStage(VoteStage.OPEN));
                yield new Transition("vote " + e.voteId(), "register", "open");
            }
            case Event.BallotCast e -> {
                votes.computeIfPresent(e.voteId(), (k, v) -> v.withBallot(e.ballot()));
                yield new Transition("ballot of " + e.ballot().delegation() + " in vote " + e.voteId(), null, "cast");
            }
            case Event.VoteClosed e -> {
                votes.computeIfPresent(e.voteId(), (k, v) -> v.closed(e.result(), e.at()));
                yield new Transition("vote " + e.voteId(), "open", "closed: " + e.result().summary());
            }
            case Event.SilenceStarted e -> {
                silences.put(e.silence().id(), e.silence());
                yield new Transition("silence procedure " + e.silence().id(), null,
                        "running until " + e.silence().deadline() + " on " + e.silence().clauseIds().size() + " paragraphs");
            }
            case Event.SilenceBroken e -> {
                silences.computeIfPresent(e.id(), (k, s) -> s.broken(e.silenceBreak()));
                yield new Transition("silence on clause " + e.silenceBreak().clauseId(), "held",
                        "broken by " + e.silenceBreak().delegation());
            }
            case Event.SilenceConcluded e -> {
                silences.computeIfPresent(e.id(), (k, s) -> s.concluded(e.held()));
                yield new Transition("silence procedure " + e.id(), "running",
                        "concluded: held on " + e.held().size() + ", broken on " + e.broken().size());
            }
            case Event.DocumentAdopted e -> {
                adoption = e;
                yield new Transition("document", "negotiating", "adopted at revision " + e.revision()
                        + " (SHA-256 " + e.sha256() + ")");
            }
        };
    }

    private Transition move(String id, AmendmentState next, String why) {
        Amendment before = amendments.get(id);
        amendments.put(id, before.inState(next, why));
        return new Transition(amendmentSubject(id), Wire.name(before.state()), Wire.name(next));
    }

    private void numberIfTabled(Amendment a) {
        if (a.state() == AmendmentState.TABLED) {
            numbers.putIfAbsent(a.id(), numbers.size() + 1);
        }
    }

    /** The amendment's number (see {@link #numbers}), or null if it was never tabled. */
    public Integer number(String amendmentId) {
        return numbers.get(amendmentId);
    }

    /** How the room cites the amendment: "A7"; null if it was never tabled. */
    public String label(String amendmentId) {
        Integer n = numbers.get(amendmentId);
        return n == null ? null : label(n);
    }

    public static String label(int number) {
        return "A" + number;
    }

    private String amendmentSubject(String id) {
        String label = label(id);
        return "amendment " + (label == null ? id : label + " (" + id + ")");
    }

    private static String sponsors(Amendment a) {
        StringBuilder out = new StringBuilder(String.valueOf(a.sponsor()));
        a.cosponsors().forEach(c -> out.append(", ").append(c));
        return out.toString();
    }

    private static String describe(PhaseWindow window) {
        if (window == null || !window.open()) {
            return "closed";
        }
        return window.deadline() == null ? "open" : "open until " + window.deadline();
    }
}
