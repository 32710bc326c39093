package plenary.people;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Argon2id password hashes (BouncyCastle), stored in the PHC string format so the parameters
 * travel with each hash and can be raised later. Parameters follow OWASP's minimum for Argon2id:
 * 19 MiB of memory, 2 iterations, 1 lane.
 */
public final class PasswordHasher {
    private static final int MEMORY_KIB = 19 * 1024;
    private static final int ITERATIONS = 2;
    private static final int PARALLELISM = 1;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private final SecureRandom random = new SecureRandom();
    private final int memoryKib;
    private final int iterations;

    /** OWASP's minimum: what every server uses. */
    public PasswordHasher() {
        this(MEMORY_KIB, ITERATIONS);
    }

    /**
     * New hashes at other costs; hashes already stored keep theirs. The test suite's in-process
     * servers hash cheaply (tens of thousands of sign-ins a run); no flag or setting reaches this.
     */
    public PasswordHasher(int memoryKib, int iterations) {
        if (memoryKib < 8 * PARALLELISM || iterations < 1) {
            throw new IllegalArgumentException("Argon2 needs at least 8 KiB per lane and one iteration");
        }
        this.memoryKib = memoryKib;
        this.iterations = iterations;
    }

    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, memoryKib, iterations, PARALLELISM, HASH_BYTES);
        return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + PARALLELISM + "$"
                + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    /**
     * A stored-hash string at this hasher's cost that no password matches: random salt and digest,
     * nothing derived. Checking a password against it costs one hash, as against a real one, and
     * making it costs nothing (a derived dummy took 0.3 s of CPU at every start).
     */
    public String decoy() {
        byte[] salt = new byte[SALT_BYTES];
        byte[] digest = new byte[HASH_BYTES];
        random.nextBytes(salt);
        random.nextBytes(digest);
        return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + PARALLELISM + "$"
                + B64.encodeToString(salt) + "$" + B64.encodeToString(digest);
    }

    /** Checks a password against a stored hash in constant time; false for any malformed hash. */
    public boolean verify(String password, String stored) {
        String[] parts = stored.split("\\$");
        if (parts.length != 6 || !parts[1].equals("argon2id") || !parts[2].equals("v=19")) {
            return false;
        }
        try {
            int m = 0;
            int t = 0;
            int p = 0;
            for (String kv : parts[3].split(",")) {
                String[] pair = kv.split("=");
                int value = Integer.parseInt(pair[1]);
                switch (pair[0]) {
                    case "m" -> m = value;
                    case "t" -> t = value;
                    case "p" -> p = value;
                    default -> {
                        return false;
                    }
                }
            }
            byte[] salt = B64D.decode(parts[4]);
            byte[] expected = B64D.decode(parts[5]);
            byte[] actual = derive(password, salt, m, t, p, expected.length);
            return MessageDigest.isEqual(expected, actual);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static byte[] derive(String password, byte[] salt, int memoryKib, int iterations, int parallelism,
                                 int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt)
                .withMemoryAsKB(memoryKib)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
