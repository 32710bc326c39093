package plenary.negotiation;

import org.junit.jupiter.api.Test;
import plenary.amendment.Amendment;
import plenary.amendment.AmendmentKind;
import plenary.amendment.AmendmentState;
import plenary.deliberation.BallotChoice;
import plenary.deliberation.BallotKind;
import plenary.deliberation.CommentTarget;
import plenary.deliberation.FormalVote;
import plenary.deliberation.IndicativePosition;
import plenary.deliberation.MajorityRule;
import plenary.deliberation.Phase;
import plenary.deliberation.Stance;
import plenary.deliberation.VoteStage;
import plenary.deliberation.VoteSubject;
import plenary.document.Clause;
import plenary.document.ClauseKind;
import plenary.document.ClauseStatus;
import plenary.document.Seeds;
import plenary.search.Entries;
import plenary.search.Entry;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The search feed skips the events that {@link Entries#reflects} says change nothing it indexes
 * (the sequencer then announces no change). Along random negotiations (amendments drafted, tabled,
 * cosponsored, accepted, rejected and withdrawn, comments, indicative positions, formal votes with
 * presences and ballots, phases, silence procedures with breaks and conclusions, typing), whenever
 * a step changed the entries, it committed to the text or one of its events counts as changing
 * them. Seeded; replay with -Dplenary.seed=N.
 */
class SearchRelevancePropertyTest {
    private static final int RUNS = 20;
    private static final int STEPS = 80;
    private static final List<Actor> DELEGATES = List.of(Room.FRANCE, Room.GERMANY, Room.BRAZIL, Room.KENYA);

    @Test
    void everyStepThatChangesTheEntriesCommitsOrHasAnEventThatSaysSo() {
        long seed = Seeds.base();
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, Integer> skipped = new HashMap<>();
        for (int run = 0; run < RUNS; run++) {
            Room room = new Room();
            room.run(Room.CHAIR, new Command.SetPhase(Phase.TABLING, true, null));
            int ids = 0;
            for (int step = 0; step < STEPS; step++) {
                String where = "seed " + seed + ", run " + run + ", step " + step;
                List<Entry> before = Entries.of(room.document(), "m1", room.negotiation);
                long revision = room.document().revision();
                List<Event> events;
                try {
                    events = step(room, random, ++ids);
                } catch (NegotiationException refused) {
                    continue; // refused by the rules: nothing changed
                }
                List<Entry> after = Entries.of(room.document(), "m1", room.negotiation);
                boolean committed = room.document().revision() != revision;
                boolean announced = committed || events.stream().anyMatch(Entries::reflects);
                assertTrue(!after.equals(before) ? announced : true,
                        () -> where + ": the entries changed, unannounced, after " + events);
                if (!committed) {
                    events.stream().filter(e -> !Entries.reflects(e))
                            .forEach(e -> skipped.merge(e.getClass().getSimpleName(), 1, Integer::sum));
                }
            }
        }
        // The events the feed skips all happened, or the property proves little about them.
        for (String kind : List.of("VoteCalled", "PresenceRegistered", "VoteOpened", "BallotCast", "VoteClosed",
                "PhaseSet", "IndicativeCast", "SilenceStarted", "SilenceBroken")) {
            assertTrue(skipped.getOrDefault(kind, 0) > 0, "seed " + seed + ": no " + kind + " in " + skipped);
        }
    }

    /** One random command (or typing); the events it made. */
    private static List<Event> step(Room room, SplittableRandom random, int id) {
        Actor delegate = DELEGATES.get(random.nextInt(DELEGATES.size()));
        room.now = room.now.plus(Duration.ofMinutes(1));
        return switch (random.nextInt(16)) {
            case 0, 1 -> {
                Clause clause = room.operative(random);
                yield room.run(delegate, new Command.DraftAmendment("A" + id, AmendmentKind.MODIFY, clause.id(), null,
                        null, null, null, clause.text() + " now", "why " + id, random.nextBoolean()));
            }
            case 2 -> room.run(delegate, new Command.TableAmendment(some(room, random, AmendmentState.DRAFT)));
            case 3 -> room.run(delegate, new Command.Cosponsor(some(room, random, null)));
            // Accepted where the paragraph is open: on agreed text the sequencer refuses the change.
            case 4 -> room.run(Room.RAPPORTEUR, random.nextBoolean()
                    ? new Command.AcceptAmendment(someOnOpenText(room, random), null)
                    : new Command.RejectAmendment(some(room, random, AmendmentState.TABLED), "not now"));
            case 5 -> room.run(delegate, new Command.WithdrawAmendment(some(room, random, null)));
            case 6 -> room.run(delegate, new Command.IndicativeVote(some(room, random, AmendmentState.TABLED),
                    IndicativePosition.values()[random.nextInt(3)]));
            case 7 -> random.nextBoolean()
                    ? room.run(delegate, new Command.PostComment("K" + id, CommentTarget.CLAUSE,
                    room.operative(random).id(), null, Stance.NEUTRAL, "a word " + id))
                    : room.run(delegate, new Command.PostComment("K" + id, CommentTarget.AMENDMENT,
                    some(room, random, null), null, Stance.SUPPORT, "on it " + id));
            case 8 -> room.run(Room.CHAIR, new Command.SetPhase(random.nextBoolean() ? Phase.TABLING : Phase.VOTING,
                    random.nextBoolean(), null));
            case 9, 10, 11, 12, 13 -> voteStep(room, random, id);
            case 14 -> {
                if (room.negotiation.runningSilence().isPresent()) {
                    yield random.nextBoolean()
                            ? room.run(delegate, new Command.BreakSilence(room.operative(random).id(), "not yet"))
                            : room.run(Room.CHAIR, room.now.plus(Duration.ofHours(2)), new Command.ConcludeSilence());
                }
                yield room.run(Room.CHAIR, new Command.StartSilence("S" + id, List.of(),
                        room.now.plus(Duration.ofHours(1)).toString()));
            }
            default -> {
                // Typing where the text may change: agreed paragraphs refuse it.
                List<Clause> open = room.document().clauses().stream()
                        .filter(c -> c.kind() == ClauseKind.OPERATIVE && c.status() == ClauseStatus.BRACKETED).toList();
                if (!open.isEmpty()) {
                    Clause clause = open.get(random.nextInt(open.size()));
                    room.type(clause.id(), clause.text() + " and " + id);
                }
                yield List.of();
            }
        };
    }


    /** An amendment in that state (any when null), or an id the rules refuse. */
    private static String some(Room room, SplittableRandom random, AmendmentState state) {
        List<Amendment> all = room.negotiation.amendments().stream()
                .filter(a -> state == null || a.state() == state).toList();
        return all.isEmpty() ? "none" : all.get(random.nextInt(all.size())).id();
    }

    private static String someOnOpenText(Room room, SplittableRandom random) {
        List<Amendment> open = room.negotiation.amendments().stream()
                .filter(a -> a.state() == AmendmentState.TABLED && room.document().clause(a.clauseId())
                        .map(c -> c.status() == ClauseStatus.BRACKETED).orElse(false)).toList();
        return open.isEmpty() ? "none" : open.get(random.nextInt(open.size())).id();
    }

    /**
     * The next step of a formal vote, so that votes run their course: called on a tabled amendment,
     * presences, opened, ballots, closed (each step now and then a random one, which the rules may refuse).
     */
    private static List<Event> voteStep(Room room, SplittableRandom random, int id) {
        FormalVote vote = room.negotiation.votes().stream().filter(v -> v.stage() != VoteStage.CLOSED)
                .findFirst().orElse(null);
        Actor delegate = DELEGATES.get(random.nextInt(DELEGATES.size()));
        if (vote == null) {
            return room.run(Room.CHAIR, new Command.CallVote("V" + id, VoteSubject.AMENDMENT,
                    some(room, random, AmendmentState.TABLED), "Adopt?", MajorityRule.SIMPLE,
                    random.nextBoolean() ? BallotKind.ROLL_CALL : BallotKind.OPEN, 1, Room.ELECTORATE));
        }
        if (vote.stage() == VoteStage.REGISTER) {
            return vote.present().isEmpty() || random.nextInt(3) > 0
                    ? room.run(delegate, new Command.RegisterPresence(vote.id()))
                    : room.run(Room.CHAIR, new Command.OpenVote(vote.id()));
        }
        List<Actor> voters = DELEGATES.stream().filter(d -> vote.present().contains(d.delegation())
                && vote.ballots().stream().noneMatch(b -> b.delegation().equals(d.delegation()))).toList();
        return voters.isEmpty() || random.nextInt(4) == 0
                ? room.run(Room.CHAIR, new Command.CloseVote(vote.id()))
                : room.run(voters.get(random.nextInt(voters.size())),
                new Command.CastBallot(vote.id(), BallotChoice.values()[random.nextInt(3)]));
    }
}
