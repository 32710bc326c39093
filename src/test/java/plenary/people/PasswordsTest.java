package plenary.people;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordsTest {
    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void hashesAreArgon2idSaltedAndVerify() {
        String a = hasher.hash("correct horse battery");
        String b = hasher.hash("correct horse battery");
        assertTrue(a.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), a);
        assertNotEquals(a, b, "each hash has its own salt");
        assertTrue(hasher.verify("correct horse battery", a));
        assertFalse(hasher.verify("correct horse batterY", a));
        assertFalse(hasher.verify("correct horse battery", "$2a$10$notargon"));
        assertFalse(hasher.verify("x", "garbage"));
    }

    /** The decoy an unknown username is checked against: same cost as a real hash, and nothing matches it. */
    @Test
    void theDecoyHasTheHashersCostAndMatchesNoPassword() {
        PasswordHasher cheap = new PasswordHasher(64, 1);
        String decoy = cheap.decoy();
        String real = cheap.hash("correct horse battery");
        assertEquals(real.substring(0, real.lastIndexOf('$', real.lastIndexOf('$') - 1)),
                decoy.substring(0, decoy.lastIndexOf('$', decoy.lastIndexOf('$') - 1)), "same algorithm and cost");
        assertEquals(real.length(), decoy.length());
        assertNotEquals(decoy, cheap.decoy(), "each decoy has its own salt");
        for (String guess : new String[] {"", "correct horse battery", "not a real password, only for timing"}) {
            assertFalse(cheap.verify(guess, decoy), guess);
        }
    }

    @Test
    void passwordRules() {
        assertTrue(PasswordRules.problem("ana", "short").isPresent());
        assertTrue(PasswordRules.problem("ana", "x".repeat(129)).isPresent());
        assertTrue(PasswordRules.problem("longusername1", "LONGUSERNAME1").isPresent());
        assertTrue(PasswordRules.problem("ana", "twelve chars").isEmpty());
        assertTrue(PasswordRules.problem("ana", "🌍🎉🐢🍕🚲🎈🌵🍩🐙🎻🧭🪁").isEmpty(), "characters, not code units");
        assertTrue(PasswordRules.problem("ana", "🌍🎉🐢🍕🚲🎈🌵🍩🐙🎻🧭").isPresent(), "eleven characters");
        assertTrue(PasswordRules.problem("ana", "aaaaaaaaaaaa").isPresent(), "issue 15: one character repeated");
    }

    @Test
    void throttleHoldsTheAddressThatFailedForThatAccountOnlyAndForgetsAfterTheWindow() {
        MutableClock clock = new MutableClock();
        LoginThrottle throttle = new LoginThrottle(5, Duration.ofMinutes(15), clock);
        for (int i = 0; i < 5; i++) {
            assertEquals(Duration.ZERO, throttle.attempt("ana", "10.0.0.1"), "attempt " + (i + 1) + " may be made");
        }
        assertTrue(throttle.attempt("ana", "10.0.0.1").toMinutes() >= 14, "the address that failed waits for that account");
        assertEquals(Duration.ZERO, throttle.attempt("ana", "10.0.0.2"), "the account is open from elsewhere");
        assertEquals(Duration.ZERO, throttle.attempt("bob", "10.0.0.1"), "other accounts at that address are open");
        throttle.succeeded("bob", "10.0.0.1", null);
        for (int i = 0; i < 5; i++) {
            assertEquals(Duration.ZERO, throttle.attempt("bob", "10.0.0.3"), "a success does not count");
            if (i < 4) {
                throttle.succeeded("bob", "10.0.0.3", null);
            }
        }
        clock.now = clock.now.plus(Duration.ofMinutes(16));
        assertEquals(Duration.ZERO, throttle.attempt("ana", "10.0.0.1"));
    }

    @Test
    void anAccountGuessedFromManyAddressesGivesEachAddressOneGuess() {
        MutableClock clock = new MutableClock();
        LoginThrottle throttle = new LoginThrottle(5, Duration.ofMinutes(15), clock);
        for (int a = 1; a <= 5; a++) {
            for (int i = 0; i < 2; i++) {
                assertEquals(Duration.ZERO, throttle.attempt("ana", "10.0.0." + a));
            }
        }
        assertTrue(throttle.attempt("ana", "10.0.0.1").toMinutes() >= 14, "an address that failed waits");
        assertEquals(Duration.ZERO, throttle.attempt("ana", "10.0.1.1"), "a new address has its try");
        assertTrue(throttle.attempt("ana", "10.0.1.1").toMinutes() >= 14, "and one only");
        assertEquals(Duration.ZERO, throttle.attempt("bob", "10.0.0.1"), "other accounts are untouched");
    }

    @Test
    void aKnownDeviceIsCountedAloneAndAForgedTokenIsAStranger() {
        MutableClock clock = new MutableClock();
        LoginThrottle throttle = new LoginThrottle(5, Duration.ofMinutes(15), clock);
        String device = throttle.deviceToken("Ana");
        for (int i = 0; i < 6; i++) {
            throttle.attempt("ana", "10.0.0.1");
        }
        assertTrue(throttle.attempt("ana", "10.0.0.1", null).toMinutes() >= 14);
        assertEquals(Duration.ZERO, throttle.attempt("ana", "10.0.0.1", device), "the device is not held by others' guesses");
        assertTrue(throttle.attempt("ana", "10.0.0.1", device + "x").toMinutes() >= 14, "a forged token is no device");
        assertTrue(throttle.attempt("bob", "10.0.0.9", device).isZero(), "nor is another account's token");
        for (int i = 0; i < 4; i++) {
            assertEquals(Duration.ZERO, throttle.attempt("ana", "10.0.0.7", device));
        }
        assertTrue(throttle.attempt("ana", "10.0.0.7", device).toMinutes() >= 14, "the device's own five failures");
        assertTrue(new LoginThrottle(5, Duration.ofMinutes(15), clock).attempt("ana", "10.0.0.7", device).isZero(),
                "another process (a restart) does not know the token: a stranger's attempt");
    }

    private static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-11-27T12:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
