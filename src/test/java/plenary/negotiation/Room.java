package plenary.negotiation;

import plenary.amendment.Amendment;
import plenary.amendment.TextEdits;
import plenary.deliberation.Comment;
import plenary.deliberation.FormalVote;
import plenary.deliberation.IndicativePosition;
import plenary.deliberation.Phase;
import plenary.deliberation.PhaseWindow;
import plenary.deliberation.SilenceProcedure;
import plenary.document.Clause;
import plenary.document.ClauseKind;
import plenary.document.Document;
import plenary.document.MarkdownImporter;
import plenary.document.RandomIds;
import plenary.editing.Change;
import plenary.editing.DocumentState;
import plenary.editing.Outcome;
import plenary.editing.Submission;
import plenary.people.Role;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A negotiation next to its document's text, driven the way the document's sequencer drives them:
 * decide, submit each change to the text, fold each event in. Keeps every event, as the log does.
 */
final class Room {
    static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
    static final String DRAFT = "# Draft\n\n*Recalling* the charter,\n\n1. *Calls upon* local governments to act;\n\n"
            + "2. *Encourages* cities to report;\n";

    static final Actor CHAIR = new Actor("u-chair", "Chair", Role.CHAIR, null);
    static final Actor RAPPORTEUR = new Actor("u-rap", "Rapporteur", Role.RAPPORTEUR, null);
    static final Actor OBSERVER = new Actor("u-obs", "Observer", Role.OBSERVER, null);
    static final Actor FRANCE = new Actor("u-fr", "Ms Martin", Role.DELEGATE, "France");
    static final Actor GERMANY = new Actor("u-de", "Mr Weber", Role.DELEGATE, "Germany");
    static final Actor GERMANY_2 = new Actor("u-de2", "Ms Koch", Role.DELEGATE, "Germany");
    static final Actor BRAZIL = new Actor("u-br", "Ms Souza", Role.DELEGATE, "Brazil");
    static final Actor KENYA = new Actor("u-ke", "Mr Otieno", Role.DELEGATE, "Kenya");
    static final List<String> ELECTORATE = List.of("Brazil", "France", "Germany", "Kenya");

    final Negotiation negotiation = new Negotiation(Duration.ofMinutes(15));
    final DocumentState state = new DocumentState(new MarkdownImporter(RandomIds.seeded(7)).read("doc-1", DRAFT),
            RandomIds.seeded(8));
    final List<Event> log = new ArrayList<>();
    final List<Transition> transitions = new ArrayList<>();
    /** The clock of the room: commands happen now unless a test names another instant. */
    Instant now = T0;
    private long typed;

    Document document() {
        return state.document();
    }

    Clause clause(int index) {
        return document().clauses().get(index);
    }

    String id(int index) {
        return clause(index).id();
    }

    Clause clauseById(String id) {
        return document().clause(id).orElseThrow();
    }

    /** One of the operative paragraphs, picked by {@code random} (for the property tests' random steps). */
    Clause operative(SplittableRandom random) {
        List<Clause> operative = document().clauses().stream().filter(c -> c.kind() == ClauseKind.OPERATIVE).toList();
        return operative.get(random.nextInt(operative.size()));
    }

    List<String> texts() {
        return document().clauses().stream().map(Clause::text).toList();
    }

    Amendment amendment(String id) {
        return negotiation.amendment(id).orElseThrow();
    }

    List<Event> run(Actor actor, Command command) {
        return run(actor, now, command);
    }

    /** What DocumentSequencer.decide does: decide, submit every change (none may be refused), apply every event. */
    List<Event> run(Actor actor, Instant at, Command command) {
        Verdict verdict = negotiation.decide(command, actor, at, document());
        for (Change change : verdict.changes()) {
            Outcome outcome = state.submit(new Submission(null, 0, actor.name(), change), at);
            assertInstanceOf(Outcome.Applied.class, outcome, () -> "the text refused " + change + ": " + outcome);
        }
        for (Event event : verdict.events()) {
            transitions.add(negotiation.apply(event));
            log.add(event);
        }
        return verdict.events();
    }

    String refused(Actor actor, Command command) {
        return refused(actor, now, command);
    }

    /** A refused command: its code, after checking that deciding it changed neither the negotiation nor the text. */
    String refused(Actor actor, Instant at, Command command) {
        State before = State.of(negotiation);
        Document text = document();
        NegotiationException e = assertThrows(NegotiationException.class, () -> run(actor, at, command),
                () -> command + " by " + actor.name() + " at " + at + " was not refused");
        assertEquals(before, State.of(negotiation), "a refused command changed the negotiation");
        assertEquals(text, document(), "a refused command changed the text");
        return e.code();
    }

    /** Someone typing in a clause, as a live client: the text moves under the amendments. */
    void type(String clauseId, String newText) {
        Clause clause = clauseById(clauseId);
        Outcome outcome = state.submit(new Submission("typist", ++typed, "Typist",
                new Change.TextEdit(clauseId, clause.version(), TextEdits.between(clause.text(), newText))), now);
        assertInstanceOf(Outcome.Applied.class, outcome);
        assertEquals(newText, clauseById(clauseId).text());
    }

    /** Everything a negotiation holds, as values, so two negotiations can be compared. */
    record State(long seq, Map<Phase, PhaseWindow> phases, List<Amendment> amendments,
                 Map<String, Map<String, IndicativePosition>> indicative, List<Comment> comments,
                 List<FormalVote> votes, List<SilenceProcedure> silences, Optional<Event.DocumentAdopted> adoption) {

        static State of(Negotiation n) {
            Map<String, Map<String, IndicativePosition>> indicative = new LinkedHashMap<>();
            n.amendments().forEach(a -> indicative.put(a.id(), n.indicative(a.id())));
            return new State(n.seq(), n.phases(), List.copyOf(n.amendments()), indicative, List.copyOf(n.comments()),
                    List.copyOf(n.votes()), List.copyOf(n.silences()), n.adoption());
        }
    }
}
