package plenary.document;

import java.util.SplittableRandom;

/**
 * The seed of a property test: {@code -Dplenary.seed=N} replays a failure, otherwise each run draws a
 * fresh one. Failure messages print it.
 */
public final class Seeds {
    private Seeds() {
    }

    public static long base() {
        String fixed = System.getProperty("plenary.seed");
        return fixed != null ? Long.parseLong(fixed) : new SplittableRandom().nextLong();
    }
}
