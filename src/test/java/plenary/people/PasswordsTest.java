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

    @Test
    void passwordRules() {
        assertTrue(PasswordRules.problem("ana", "short").isPresent());
        assertTrue(PasswordRules.problem("ana", "x".repeat(129)).isPresent());
        assertTrue(PasswordRules.problem("longusername1", "LONGUSERNAME1").isPresent());
        assertTrue(PasswordRules.problem("ana", "twelve chars").isEmpty());
        assertTrue(PasswordRules.problem("ana", "🌍".repeat(12)).isEmpty(), "characters, not code units");
    }

    @Test
    void throttleBlocksAfterFiveFailuresAndForgetsAfterTheWindow() {
        MutableClock clock = new MutableClock();
        LoginThrottle throttle = new LoginThrottle(5, Duration.ofMinutes(15), clock);
        for (int i = 0; i < 5; i++) {
            assertEquals(Duration.ZERO, throttle.attempt("ana", "10.0.0.1"), "attempt " + (i + 1) + " may be made");
        }
        assertTrue(throttle.attempt("ana", "10.0.0.2").toMinutes() >= 14, "the account is protected from any address");
        assertTrue(throttle.attempt("bob", "10.0.0.1").toMinutes() >= 14, "the address is slowed for any account");
        assertEquals(Duration.ZERO, throttle.attempt("bob", "10.0.0.3"));
        throttle.succeeded("bob", "10.0.0.3");
        for (int i = 0; i < 4; i++) {
            assertEquals(Duration.ZERO, throttle.attempt("bob", "10.0.0.3"), "a success does not count");
        }
        clock.now = clock.now.plus(Duration.ofMinutes(16));
        assertEquals(Duration.ZERO, throttle.attempt("ana", "10.0.0.1"));
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
