package plenary.live;

import org.junit.jupiter.api.Test;
import plenary.amendment.AmendmentKind;
import plenary.deliberation.BallotChoice;
import plenary.deliberation.BallotKind;
import plenary.deliberation.CommentTarget;
import plenary.deliberation.IndicativePosition;
import plenary.deliberation.MajorityRule;
import plenary.deliberation.Phase;
import plenary.deliberation.Stance;
import plenary.deliberation.VoteSubject;
import plenary.document.ClauseKind;
import plenary.document.ClauseStatus;
import plenary.document.Document;
import plenary.document.DocumentStatus;
import plenary.document.MarkdownImporter;
import plenary.document.RandomIds;
import plenary.editing.Change;
import plenary.editing.DocumentState;
import plenary.editing.Outcome;
import plenary.editing.Submission;
import plenary.editing.TextOp;
import plenary.negotiation.Actor;
import plenary.negotiation.Command;
import plenary.negotiation.Event;
import plenary.negotiation.Negotiation;
import plenary.negotiation.Verdict;
import plenary.people.Role;
import plenary.search.SearchSource;
import plenary.store.SnapshotCodec;
import plenary.view.NegotiationSnapshot;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@link SequencerWire}: in a Plenary cluster, requests to a document's sequencer and the snapshots
 * it hands back cross between nodes as JSON. A field lost or altered there would silently change
 * what the document's writer decides (another command, another actor, another text), so every
 * request, every negotiation command and a snapshot must come back exactly as they were sent.
 */
class SequencerWireTest {
    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
    private static final String DRAFT = "# Draft\n\n*Recalling* the charter,\n\n1. *Calls upon* local governments to act;\n\n"
            + "2. *Encourages* cities to report;\n";
    private static final Actor CHAIR = new Actor("u-chair", "Chair", Role.CHAIR, null);
    private static final Actor RAPPORTEUR = new Actor("u-rap", "Rapporteur", Role.RAPPORTEUR, null);
    private static final Actor FRANCE = new Actor("u-fr", "Ms Martin", Role.DELEGATE, "France");
    private static final Actor GERMANY = new Actor("u-de", "Mr Weber", Role.DELEGATE, "Germany");
    private static final Actor KENYA = new Actor("u-ke", "Mr Otieno", Role.DELEGATE, "Kenya");
    private static final List<String> ELECTORATE = List.of("France", "Germany", "Kenya");

    // ---- 1. every request ----

    @Test
    void everyRequestRoundTrips() {
        TextOp op = TextOp.builder().retain(3).insert("é \"quoted\" \\ 😀\n").delete(2).build();
        List<Change> changes = List.of(
                new Change.TextEdit("c-1", 7, op),
                new Change.TextEdit("c-1", 0, TextOp.NOOP),
                new Change.InsertClause("c-new", "c-1", ClauseKind.OPERATIVE, "*Urges* states to act;"),
                new Change.InsertClause("c-top", null, ClauseKind.PREAMBULAR, ""),
                new Change.DeleteClause("c-2"),
                new Change.MoveClause("c-2", "c-1"),
                new Change.MoveClause("c-2", null),
                new Change.SetKind("c-2", ClauseKind.SUB_PARAGRAPH),
                new Change.SetClauseStatus("c-2", ClauseStatus.AGREED_AD_REF),
                new Change.SetClauseStatuses(List.of("c-1", "c-2"), ClauseStatus.AGREED),
                new Change.SetDocumentStatus(DocumentStatus.ADOPTED));
        assertEquals(Set.of(Change.class.getPermittedSubclasses()),
                changes.stream().map(Object::getClass).collect(Collectors.toSet()), "a Change subtype is not covered");

        List<SequencerRequest> requests = new ArrayList<>();
        for (Change change : changes) {
            requests.add(new SequencerRequest.Submit(new Submission("client-1", 42, "Ms Martin", "u-fr", change, 17)));
        }
        requests.add(new SequencerRequest.Submit(new Submission(null, 0, "the procedure", changes.get(4))));
        for (Actor actor : List.of(CHAIR, FRANCE, new Actor("u-admin", "Admin", null, null),
                Actor.PROCEDURE, new Actor("u-obs", "Observer", Role.OBSERVER, "Observers"))) {
            requests.add(new SequencerRequest.Negotiate(new Command.TableAmendment("A1"), actor));
        }
        requests.add(new SequencerRequest.View());
        requests.add(new SequencerRequest.SearchEntries());
        requests.add(new SequencerRequest.Join(-1, null, "u-fr", "client-1"));
        requests.add(new SequencerRequest.Join(12, "9f86d081884c7d65", "u-fr", "client-1"));
        requests.add(new SequencerRequest.Presence("conn-1", "Ms Martin", "u-fr", "delegate", null, null));
        requests.add(new SequencerRequest.Presence("conn-1", "Ms Martin", "u-fr", "delegate", "c-1", 0));
        requests.add(new SequencerRequest.Presence("conn-2", "Chair", "u-chair", "chair", "c-2", 31));
        requests.add(new SequencerRequest.Leave("conn-1"));

        assertEquals(Set.of(SequencerRequest.class.getPermittedSubclasses()),
                requests.stream().map(Object::getClass).collect(Collectors.toSet()), "a request kind is not covered");
        for (SequencerRequest request : requests) {
            assertRoundTrips(request, request.toString());
        }
    }

    // ---- 2. every command, inside a Negotiate ----

    @Test
    void everyCommandRoundTripsInsideNegotiate() {
        Set<Class<?>> covered = new LinkedHashSet<>();
        for (long seed = 0; seed < 200; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            for (Class<?> type : Command.class.getPermittedSubclasses()) {
                Command command = (Command) record(type, random, type.getSimpleName());
                Actor actor = new Actor(text(random), text(random), random.nextBoolean() ? null : pick(Role.class, random),
                        random.nextBoolean() ? null : text(random));
                assertRoundTrips(new SequencerRequest.Negotiate(command, actor), "seed " + seed + ", " + command);
                covered.add(type);
            }
        }
        assertEquals(Set.of(Command.class.getPermittedSubclasses()), covered);
    }

    /** A value of {@code type}, from {@code random}; {@code where} names it for a failure. */
    private static Object generate(Type type, SplittableRandom random, String where) {
        Class<?> raw = (Class<?>) (type instanceof ParameterizedType p ? p.getRawType() : type);
        // Commands carry optional fields (afterId, baseVersion, quorum, deadline…): null must cross too.
        if (!raw.isPrimitive() && raw != List.class && !raw.isRecord() && random.nextInt(8) == 0) {
            return null;
        }
        if (raw == String.class) {
            return text(random);
        } else if (raw == long.class || raw == Long.class) {
            return random.nextLong();
        } else if (raw == int.class || raw == Integer.class) {
            return random.nextInt();
        } else if (raw == boolean.class || raw == Boolean.class) {
            return random.nextBoolean();
        } else if (raw.isEnum()) {
            return pick(raw, random);
        } else if (raw == List.class && type instanceof ParameterizedType p) {
            List<Object> out = new ArrayList<>();
            for (int i = random.nextInt(4); i > 0; i--) {
                Object element;
                do {
                    element = generate(p.getActualTypeArguments()[0], random, where + "[]");
                } while (element == null);
                out.add(element);
            }
            return out;
        } else if (raw.isRecord()) {
            return record(raw, random, where);
        }
        return fail("cannot generate a " + type.getTypeName() + " for " + where + ": teach SequencerWireTest this type");
    }

    private static Object record(Class<?> type, SplittableRandom random, String where) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            values[i] = generate(components[i].getGenericType(), random, where + "." + components[i].getName());
        }
        try {
            Constructor<?> canonical = type.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            canonical.setAccessible(true);
            return canonical.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot build a " + where + " from " + Arrays.toString(values), e);
        }
    }

    private static <E> E pick(Class<E> type, SplittableRandom random) {
        E[] values = type.getEnumConstants();
        return values[random.nextInt(values.length)];
    }

    /** 0–8 code points mixing ASCII, JSON's special characters, other scripts and astral characters. */
    private static String text(SplittableRandom random) {
        int[] pool = {'a', 'Z', '7', ' ', '"', '\\', '/', '\n', '\t', 0x01, 'é', 'ß', 'ع', '中', 0x0301, 0x1F600, 0x1D400, 0x20000};
        StringBuilder out = new StringBuilder();
        for (int i = random.nextInt(9); i > 0; i--) {
            out.appendCodePoint(pool[random.nextInt(pool.length)]);
        }
        return out.toString();
    }

    // ---- 3. a negotiation snapshot ----

    @Test
    void snapshotRoundTrips() {
        DocumentState state = new DocumentState(new MarkdownImporter(RandomIds.seeded(7)).read("doc-1", DRAFT),
                RandomIds.seeded(8));
        Negotiation negotiation = new Negotiation(Duration.ofSeconds(90).plusMillis(250));
        String calls = state.document().clauses().get(1).id();
        String encourages = state.document().clauses().get(2).id();
        List<Object[]> steps = List.<Object[]>of(
                step(CHAIR, new Command.SetPhase(Phase.TABLING, true, null)),
                step(FRANCE, new Command.DraftAmendment("A1", AmendmentKind.MODIFY, calls, null, null, null, null,
                        "*Calls upon* local and regional governments to act;", "Broader", true)),
                step(GERMANY, new Command.Cosponsor("A1")),
                step(KENYA, new Command.IndicativeVote("A1", IndicativePosition.OPPOSE)),
                step(FRANCE, new Command.DraftAmendment("A2", AmendmentKind.MODIFY, encourages, null, null, null, null,
                        "*Encourages* cities to report yearly;", "", false)),
                step(GERMANY, new Command.PostComment("K1", CommentTarget.CLAUSE, calls, null, Stance.OPPOSE, "Too weak")),
                step(GERMANY, new Command.EditComment("K1", "Too weak; 'urges' is better")),
                step(FRANCE, new Command.PostComment("K2", CommentTarget.AMENDMENT, "A2", null, Stance.NEUTRAL, "Ours")),
                step(RAPPORTEUR, new Command.AcceptAmendment("A1", null)),
                step(CHAIR, new Command.SetPhase(Phase.VOTING, true, T0.plusSeconds(3600).toString())),
                step(CHAIR, new Command.CallVote("V1", VoteSubject.CLAUSE, calls, "Keep paragraph 1?",
                        MajorityRule.SIMPLE, BallotKind.ROLL_CALL, null, ELECTORATE)),
                step(FRANCE, new Command.RegisterPresence("V1")),
                step(KENYA, new Command.RegisterPresence("V1")),
                step(CHAIR, new Command.OpenVote("V1")),
                step(FRANCE, new Command.CastBallot("V1", BallotChoice.YES)),
                step(KENYA, new Command.CastBallot("V1", BallotChoice.NO)),
                step(CHAIR, new Command.CloseVote("V1")),
                step(CHAIR, new Command.StartSilence("S1", List.of(), T0.plus(Duration.ofDays(1)).toString())),
                step(KENYA, new Command.BreakSilence(encourages, "'cities' alone is too narrow")));
        Instant now = T0;
        for (Object[] step : steps) {
            now = now.plusSeconds(1);
            Actor actor = (Actor) step[0];
            Verdict verdict = negotiation.decide((Command) step[1], actor, now, state.document());
            for (Change change : verdict.changes()) {
                Outcome outcome = state.submit(new Submission(null, 0, actor.name(), change), now);
                assertInstanceOf(Outcome.Applied.class, outcome, () -> "the text refused " + change + ": " + outcome);
            }
            verdict.events().forEach(negotiation::apply);
        }
        assertFalse(negotiation.amendments().isEmpty() || negotiation.comments().isEmpty()
                || negotiation.votes().isEmpty() || negotiation.silences().isEmpty(), "the negotiation is too empty to test");

        NegotiationSnapshot sent = new NegotiationSnapshot(state.document(), negotiation.copy(), 42,
                now.plusNanos(123_456_789));
        String json = SequencerWire.snapshot(sent);
        NegotiationSnapshot received = SequencerWire.snapshot(json);

        assertEquals(sent.document(), received.document(), json);
        assertEquals(SnapshotCodec.encode(sent.document()), SnapshotCodec.encode(received.document()), json);
        assertEquals(sent.negotiation().editWindow(), received.negotiation().editWindow(), json);
        assertEquals(sent.negotiation().events(), received.negotiation().events(), json);
        assertEquals(sent.negotiation().seq(), received.negotiation().seq(), json);
        assertEquals(fold(sent.negotiation()), fold(received.negotiation()), json);
        assertEquals(sent.frame(), received.frame(), json);
        assertEquals(sent.at(), received.at(), json);

        // The search feed's source has the same state in its wire form, with its revision and seq.
        SearchSource source = new SearchSource(sent.document(), sent.negotiation(), 41, sent.negotiation().seq());
        String sourceJson = SequencerWire.searchSource(source);
        SearchSource back = SequencerWire.searchSource(sourceJson);
        assertEquals(source.document(), back.document(), sourceJson);
        assertEquals(fold(source.negotiation()), fold(back.negotiation()), sourceJson);
        assertEquals(source.revision(), back.revision(), sourceJson);
        assertEquals(source.seq(), back.seq(), sourceJson);
    }

    private static Object[] step(Actor actor, Command command) {
        return new Object[]{actor, command};
    }

    /** Everything the negotiation's events fold into, as values that compare. */
    private static List<Object> fold(Negotiation n) {
        return List.of(n.phases(), List.copyOf(n.amendments()),
                n.amendments().stream().map(a -> n.indicative(a.id())).toList(),
                List.copyOf(n.comments()), n.comments().stream().map(c -> n.privateTo(c.id())).toList(),
                List.copyOf(n.votes()), List.copyOf(n.silences()), n.adoption());
    }

    // ---- 4. malformed input ----

    @Test
    void malformedInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> SequencerWire.request("not json"));
        assertThrows(IllegalArgumentException.class, () -> SequencerWire.request("{\"kind\":\"Nope\"}"));
    }

    private static void assertRoundTrips(SequencerRequest request, String context) {
        String json;
        try {
            json = SequencerWire.request(request);
        } catch (RuntimeException e) {
            throw new AssertionError(context + ": could not be encoded", e);
        }
        SequencerRequest back;
        try {
            back = SequencerWire.request(json);
        } catch (RuntimeException e) {
            throw new AssertionError(context + ": " + json + " could not be decoded", e);
        }
        assertEquals(request, back, () -> context + ": " + json);
    }
}
