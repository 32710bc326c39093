package plenary.document;

import java.security.SecureRandom;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Makes clause and document ids: short, URL-safe and random, so they reveal nothing about order
 * and stay unique without a central counter.
 */
public final class RandomIds implements Supplier<String> {
    private static final char[] ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();
    private static final int LENGTH = 12; // 60 bits: collisions within a meeting are out of reach

    private final Random random;

    private RandomIds(Random random) {
        this.random = random;
    }

    public static RandomIds secure() {
        return new RandomIds(new SecureRandom());
    }

    /** Deterministic ids for tests and generators. */
    public static RandomIds seeded(long seed) {
        return new RandomIds(new Random(seed));
    }

    @Override
    public String get() {
        char[] id = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            id[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(id);
    }
}
