package plenary.deliberation;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Vote-counting rules at their boundaries (expectations written out by hand), then a seeded property
 * test against an independent reference; replay a failure with -Dplenary.seed=N.
 */
class VoteCountTest {
    private static final int CASES = 10_000;

    // Quorum comfortably met, so these cases test the majority rules alone.
    private static boolean carries(MajorityRule rule, int yes, int no, int abstain) {
        return VoteCount.count(rule, 1, 1000, new Tally(yes, no, abstain)).carried();
    }

    @Test
    void simpleMajorityTieFails() {
        assertFalse(carries(MajorityRule.SIMPLE, 3, 3, 0));
        assertFalse(carries(MajorityRule.SIMPLE, 1, 1, 5));
    }

    @Test
    void simpleMajorityOneMoreYesCarries() {
        assertTrue(carries(MajorityRule.SIMPLE, 4, 3, 0));
        assertTrue(carries(MajorityRule.SIMPLE, 1, 0, 0));
        assertFalse(carries(MajorityRule.SIMPLE, 3, 4, 0));
    }

    @Test
    void abstentionsAreNotVotesCast() {
        assertTrue(carries(MajorityRule.SIMPLE, 2, 1, 10));
        assertTrue(carries(MajorityRule.TWO_THIRDS, 2, 1, 10));
        Tally tally = new Tally(2, 1, 10);
        assertEquals(3, tally.cast());
        assertEquals(13, tally.ballots());
    }

    @Test
    void zeroVotesCastFailsSimpleAndTwoThirds() {
        assertFalse(carries(MajorityRule.SIMPLE, 0, 0, 0));
        assertFalse(carries(MajorityRule.SIMPLE, 0, 0, 7));
        assertFalse(carries(MajorityRule.TWO_THIRDS, 0, 0, 0));
        assertFalse(carries(MajorityRule.TWO_THIRDS, 0, 0, 7));
    }

    @Test
    void exactlyTwoThirdsCarries() {
        assertTrue(carries(MajorityRule.TWO_THIRDS, 2, 1, 0));
        assertTrue(carries(MajorityRule.TWO_THIRDS, 4, 2, 0));
        assertTrue(carries(MajorityRule.TWO_THIRDS, 10, 5, 3));
        assertTrue(carries(MajorityRule.TWO_THIRDS, 1, 0, 0));
    }

    @Test
    void justBelowTwoThirdsFails() {
        assertFalse(carries(MajorityRule.TWO_THIRDS, 3, 2, 0));  // 60%
        assertFalse(carries(MajorityRule.TWO_THIRDS, 6, 4, 0));  // 60%
        assertFalse(carries(MajorityRule.TWO_THIRDS, 13, 7, 0)); // 65%
        assertFalse(carries(MajorityRule.TWO_THIRDS, 9, 5, 0));  // 64.3%, one short of 10-5
        assertFalse(carries(MajorityRule.TWO_THIRDS, 1, 1, 0));
    }

    @Test
    void consensusFailsOnOneObjection() {
        assertFalse(carries(MajorityRule.CONSENSUS, 40, 1, 0));
        assertTrue(carries(MajorityRule.CONSENSUS, 40, 0, 3));
    }

    @Test
    void consensusCarriesWhenAllAbstain() {
        assertTrue(carries(MajorityRule.CONSENSUS, 0, 0, 5));
    }

    @Test
    void quorumExactlyMetCarriesThrough() {
        VoteResult result = VoteCount.count(MajorityRule.SIMPLE, 6, 6, new Tally(4, 2, 0));
        assertTrue(result.quorumMet());
        assertTrue(result.carried());
        assertEquals("Carried: 4 in favour, 2 against (simple majority of votes cast)", result.summary());
    }

    @Test
    void oneShortOfQuorumNeverCarries() {
        VoteResult result = VoteCount.count(MajorityRule.SIMPLE, 6, 5, new Tally(5, 0, 0));
        assertFalse(result.quorumMet());
        assertFalse(result.carried());
        assertEquals("Not carried: no quorum (5 present, 6 required)", result.summary());
        assertFalse(VoteCount.count(MajorityRule.CONSENSUS, 6, 5, new Tally(5, 0, 0)).carried());
    }

    @Test
    void defaultQuorumIsAMajorityOfDelegations() {
        int[] expected = {1, 1, 2, 2, 3, 3, 4, 4};
        for (int delegations = 0; delegations < expected.length; delegations++) {
            assertEquals(expected[delegations], VoteCount.defaultQuorum(delegations), "delegations " + delegations);
        }
        assertEquals(97, VoteCount.defaultQuorum(193));
    }

    @Test
    void summariesSayWhy() {
        assertEquals("Carried: 8 in favour, 2 against, 1 abstention (two-thirds of votes cast)",
                VoteCount.count(MajorityRule.TWO_THIRDS, 6, 11, new Tally(8, 2, 1)).summary());
        assertEquals("Not carried: tie (3 in favour, 3 against)",
                VoteCount.count(MajorityRule.SIMPLE, 1, 6, new Tally(3, 3, 0)).summary());
        assertEquals("Not carried: tie (1 in favour, 1 against, 2 abstentions)",
                VoteCount.count(MajorityRule.SIMPLE, 1, 4, new Tally(1, 1, 2)).summary());
        assertEquals("Not carried: 3 in favour, 2 against (two-thirds of votes cast)",
                VoteCount.count(MajorityRule.TWO_THIRDS, 1, 5, new Tally(3, 2, 0)).summary());
        assertEquals("Not carried: no votes cast (1 abstention)",
                VoteCount.count(MajorityRule.SIMPLE, 1, 1, new Tally(0, 0, 1)).summary());
        assertEquals("Not carried: 1 objection (5 in favour, 1 against)",
                VoteCount.count(MajorityRule.CONSENSUS, 1, 6, new Tally(5, 1, 0)).summary());
        assertEquals("Not carried: 2 objections (0 in favour, 2 against, 3 abstentions)",
                VoteCount.count(MajorityRule.CONSENSUS, 1, 5, new Tally(0, 2, 3)).summary());
        assertEquals("Carried: 0 in favour, 0 against, 4 abstentions (consensus, no objection)",
                VoteCount.count(MajorityRule.CONSENSUS, 1, 4, new Tally(0, 0, 4)).summary());
        assertEquals("Not carried: no quorum (0 present, 1 required)",
                VoteCount.count(MajorityRule.SIMPLE, 1, 0, Tally.EMPTY).summary());
    }

    @Test
    void invalidArgumentsThrow() {
        assertThrows(IllegalArgumentException.class, () -> VoteCount.count(MajorityRule.SIMPLE, 0, 5, Tally.EMPTY));
        assertThrows(IllegalArgumentException.class, () -> VoteCount.count(MajorityRule.SIMPLE, -1, 5, Tally.EMPTY));
        assertThrows(IllegalArgumentException.class, () -> VoteCount.count(MajorityRule.SIMPLE, 1, -1, Tally.EMPTY));
        assertThrows(IllegalArgumentException.class, () -> VoteCount.defaultQuorum(-1));
        assertThrows(IllegalArgumentException.class, () -> new Tally(-1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Tally(0, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> new Tally(0, 0, -1));
        assertThrows(IllegalArgumentException.class, () -> new Tally(Integer.MAX_VALUE, 1, 0));
        assertThrows(NullPointerException.class, () -> VoteCount.count(null, 1, 1, Tally.EMPTY));
        assertThrows(NullPointerException.class, () -> VoteCount.count(MajorityRule.SIMPLE, 1, 1, null));
    }

    @Test
    void talliesCountBallots() {
        Tally tally = Tally.of(List.of(BallotChoice.YES, BallotChoice.NO, BallotChoice.YES, BallotChoice.ABSTAIN));
        assertEquals(new Tally(2, 1, 1), tally);
        assertEquals(Tally.EMPTY, Tally.of(List.of()));
        assertEquals(new Tally(0, 0, 1), Tally.EMPTY.plus(BallotChoice.ABSTAIN));
    }

    @Test
    void wireNamesRoundTrip() {
        assertEquals("abstain", BallotChoice.ABSTAIN.wireName());
        assertEquals(Optional.of(BallotChoice.NO), BallotChoice.fromWireName("no"));
        assertEquals(Optional.empty(), BallotChoice.fromWireName("maybe"));
        assertEquals(Optional.empty(), BallotChoice.fromWireName(null));
        assertEquals("two-thirds", MajorityRule.TWO_THIRDS.wireName());
        assertEquals(Optional.of(MajorityRule.CONSENSUS), MajorityRule.fromWireName("consensus"));
        assertEquals(Optional.empty(), MajorityRule.fromWireName("TWO_THIRDS"));
        for (BallotChoice choice : BallotChoice.values()) {
            assertEquals(Optional.of(choice), BallotChoice.fromWireName(choice.wireName()));
        }
        for (MajorityRule rule : MajorityRule.values()) {
            assertEquals(Optional.of(rule), MajorityRule.fromWireName(rule.wireName()));
        }
    }

    /** Whether the rule carries, by exact rational comparison rather than the production formula. */
    private static boolean reference(MajorityRule rule, Tally t) {
        BigInteger yes = BigInteger.valueOf(t.yes());
        BigInteger no = BigInteger.valueOf(t.no());
        BigInteger cast = yes.add(no);
        return switch (rule) {
            case SIMPLE -> yes.compareTo(no) > 0;
            // yes / cast >= 2 / 3, cross-multiplied; undefined (so not carried) when nothing was cast.
            case TWO_THIRDS -> cast.signum() > 0
                    && yes.multiply(BigInteger.valueOf(3)).compareTo(cast.multiply(BigInteger.TWO)) >= 0;
            case CONSENSUS -> no.signum() == 0;
        };
    }

    private static Tally randomTally(SplittableRandom random) {
        // Keep yes + no + abstain + 1 within int, so a ballot can still be added.
        int large = Integer.MAX_VALUE / 3 - 1;
        return switch (random.nextInt(4)) {
            case 0 -> new Tally(random.nextInt(12), random.nextInt(12), random.nextInt(4));
            // Right at the two-thirds line: yes = 2 * no, give or take one.
            case 1 -> {
                int no = random.nextInt(large / 2);
                int yes = Math.max(0, 2 * no + random.nextInt(-1, 2));
                yield new Tally(yes, no, random.nextInt(large));
            }
            // Right at the simple-majority line.
            case 2 -> {
                int no = random.nextInt(large);
                yield new Tally(Math.max(0, no + random.nextInt(-1, 2)), no, random.nextInt(large));
            }
            default -> new Tally(random.nextInt(large), random.nextInt(large), random.nextInt(large));
        };
    }

    @Test
    void rulesMatchReferenceAndAreMonotone() {
        long seed = Long.getLong("plenary.seed", System.nanoTime());
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < CASES; i++) {
            Tally tally = randomTally(random);
            int quorum = random.nextInt(1, 20);
            int present = random.nextInt(0, 25);
            for (MajorityRule rule : MajorityRule.values()) {
                String where = "seed " + seed + " case " + i + ": " + rule + " " + tally;
                boolean expected = reference(rule, tally);
                assertEquals(expected, rule.carries(tally), where);

                VoteResult result = VoteCount.count(rule, quorum, present, tally);
                assertEquals(present >= quorum, result.quorumMet(), where);
                assertEquals(present >= quorum && expected, result.carried(), where + " quorum " + quorum
                        + " present " + present);

                boolean withYes = rule.carries(tally.plus(BallotChoice.YES));
                boolean withNo = rule.carries(tally.plus(BallotChoice.NO));
                boolean withAbstain = rule.carries(tally.plus(BallotChoice.ABSTAIN));
                assertTrue(!expected || withYes, where + ": an extra yes defeated a carried motion");
                assertTrue(expected || !withNo, where + ": an extra no carried a failed motion");
                assertEquals(expected, withAbstain, where + ": an extra abstention changed the outcome");
            }
        }
    }
}
