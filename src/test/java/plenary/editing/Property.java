package plenary.editing;

import java.util.SplittableRandom;
import org.opentest4j.AssertionFailedError;
import plenary.document.Seeds;

/**
 * Runs seeded random cases. The seed is {@code -Dplenary.seed=N} if given, otherwise fresh;
 * a failure reports the seed and the failing case so it can be replayed exactly.
 */
final class Property {

    /** One random case: draw inputs from {@code r}, describe them in {@code log}, assert. */
    @FunctionalInterface
    interface Case {
        void run(SplittableRandom r, StringBuilder log) throws Throwable;
    }

    private Property() {
    }

    static long seed() {
        return Seeds.base();
    }

    static void forAll(String name, int cases, Case body) {
        long seed = seed();
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < cases; i++) {
            StringBuilder log = new StringBuilder();
            try {
                body.run(r, log);
            } catch (Throwable t) {
                throw new AssertionFailedError(name + " failed on case " + i + " of " + cases
                        + " with seed=" + seed + " (replay with -Dplenary.seed=" + seed + ")\n"
                        + log + "\n" + t, t);
            }
        }
    }
}
