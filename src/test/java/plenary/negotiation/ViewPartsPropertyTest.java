package plenary.negotiation;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import plenary.amendment.Amendment;
import plenary.amendment.AmendmentKind;
import plenary.document.Seeds;
import plenary.deliberation.CommentTarget;
import plenary.deliberation.IndicativePosition;
import plenary.deliberation.Phase;
import plenary.deliberation.Stance;
import plenary.document.Clause;
import plenary.view.NegotiationSnapshot;
import plenary.view.NegotiationViews;
import plenary.view.ViewParts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The parts a view keeps from one state to the next ({@link ViewParts}: standings, word diffs,
 * conflict groups) never change what a view says: along random negotiations (amendments drafted,
 * tabled, accepted and rejected, indicative votes, comments, and typing that moves the text under
 * them), every view built with one document's kept parts equals the view built from nothing.
 * Seeded; replay with -Dplenary.seed=N.
 */
class ViewPartsPropertyTest {
    private static final int RUNS = 20;
    private static final int STEPS = 60;
    private static final String[] WORDS = {"cities", "regions", "act", "report", "local", "urgently", "share", "data"};
    private static final List<Actor> READERS = List.of(Room.OBSERVER, Room.FRANCE, Room.GERMANY, Room.CHAIR);
    private static final List<Actor> DELEGATES = List.of(Room.FRANCE, Room.GERMANY, Room.BRAZIL, Room.KENYA);

    @Test
    void keptPartsGiveTheViewsBuiltFromNothing() {
        long seed = Seeds.base();
        SplittableRandom random = new SplittableRandom(seed);
        int reused = 0;
        int typedUnder = 0;
        for (int run = 0; run < RUNS; run++) {
            Room room = new Room();
            room.run(Room.CHAIR, new Command.SetPhase(Phase.TABLING, true, null));
            ViewParts parts = ViewParts.kept();
            int drafted = 0;
            for (int step = 0; step < STEPS; step++) {
                String where = "seed " + seed + ", run " + run + ", step " + step;
                int action = random.nextInt(10);
                try {
                    if (action < 4) {
                        Actor delegate = DELEGATES.get(random.nextInt(DELEGATES.size()));
                        Clause clause = room.operative(random);
                        room.run(delegate, new Command.DraftAmendment("A" + (++drafted), AmendmentKind.MODIFY,
                                clause.id(), null, null, null, null, rewrite(clause.text(), random), "why",
                                random.nextInt(4) > 0));
                    } else if (action == 4) {
                        Clause clause = room.operative(random);
                        room.type(clause.id(), rewrite(clause.text(), random));
                        typedUnder++;
                    } else if (action == 5) {
                        pending(room, random).ifPresent(a -> room.run(Room.RAPPORTEUR, random.nextBoolean()
                                ? new Command.AcceptAmendment(a.id(), null)
                                : new Command.RejectAmendment(a.id(), "not now")));
                    } else if (action < 8) {
                        Actor delegate = DELEGATES.get(random.nextInt(DELEGATES.size()));
                        pending(room, random).ifPresent(a -> room.run(delegate, new Command.IndicativeVote(a.id(),
                                IndicativePosition.values()[random.nextInt(3)])));
                    } else {
                        Actor delegate = DELEGATES.get(random.nextInt(DELEGATES.size()));
                        room.run(delegate, new Command.PostComment("K" + step, CommentTarget.CLAUSE,
                                room.operative(random).id(), null, Stance.NEUTRAL, "a word " + step));
                    }
                } catch (NegotiationException refused) {
                    // a step the rules refuse (an indicative vote on one's own draft, say) changes nothing
                }
                NegotiationSnapshot snapshot = new NegotiationSnapshot(room.document(), room.negotiation.copy(), step,
                        room.now);
                for (Actor reader : READERS) {
                    assertSame(snapshot, "state", null, reader, parts, where);
                }
                assertSame(snapshot, "conflicts", null, Room.OBSERVER, parts, where);
                for (Amendment a : room.negotiation.amendments()) {
                    assertSame(snapshot, "amendment", a.id(), Room.OBSERVER, parts, where);
                }
                reused += room.negotiation.amendments().isEmpty() ? 0 : 1;
            }
        }
        // Cases that keep parts across states and cases that drop them, or the comparison proves little.
        assertTrue(reused > RUNS * STEPS / 2, "seed " + seed + ": " + reused + " states with amendments");
        assertTrue(typedUnder > RUNS * STEPS / 20, "seed " + seed + ": " + typedUnder + " texts typed under them");
    }

    private static void assertSame(NegotiationSnapshot snapshot, String what, String id, Actor reader, ViewParts parts,
                                   String where) {
        JsonNode fresh = NegotiationViews.of(snapshot, what, id, reader);
        JsonNode kept = NegotiationViews.of(snapshot, what, id, reader, parts);
        assertEquals(fresh, kept, () -> where + ": " + what + " " + id + " for " + reader.name());
    }


    private static java.util.Optional<Amendment> pending(Room room, SplittableRandom random) {
        List<Amendment> tabled = room.negotiation.amendments().stream().filter(a -> a.state().pending()
                && a.state() != plenary.amendment.AmendmentState.DRAFT).toList();
        return tabled.isEmpty() ? java.util.Optional.empty()
                : java.util.Optional.of(tabled.get(random.nextInt(tabled.size())));
    }

    /** The text with one word replaced, one inserted or one removed, from a small vocabulary, so amendments overlap. */
    private static String rewrite(String text, SplittableRandom random) {
        List<String> words = new ArrayList<>(Arrays.asList(text.split(" ")));
        int at = random.nextInt(words.size());
        String word = WORDS[random.nextInt(WORDS.length)];
        switch (random.nextInt(3)) {
            case 0 -> words.set(at, word);
            case 1 -> words.add(at, word);
            default -> {
                if (words.size() > 3) {
                    words.remove(at);
                } else {
                    words.add(word);
                }
            }
        }
        return String.join(" ", words);
    }
}
