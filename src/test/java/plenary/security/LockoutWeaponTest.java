package plenary.security;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import plenary.http.HttpTestClient;
import plenary.http.RunningServer;
import plenary.http.TestPeople;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15, item 4: the sign-in throttle as a weapon. Before: five wrong passwords for "chair" from
 * one address locked the real chair out from another address for 15 minutes, and six wrong
 * passwords for anyone from one address locked out everyone behind it (a conference room, or every
 * user behind a reverse proxy). Each test makes those guesses from 127.0.0.2 (the attacker, or the
 * room's NAT address) and signs the right people in from where they are.
 */
@Tag("integration")
class LockoutWeaponTest {
    private static final String ATTACKER = "127.0.0.2";
    private static final String CHAIR_PASSWORD = "gavel-and-agenda-9";

    @Test
    void wrongPasswordsFromOneAddressDoNotLockTheChairOutElsewhere(@TempDir Path dir) throws Exception {
        try (RunningServer server = RunningServer.start(dir, "--no-samples")) {
            member(server, "chair", "chair", CHAIR_PASSWORD);
            for (int i = 1; i <= 5; i++) {
                SignInRequests.signIn(server.port(), ATTACKER, "chair", "guess-number-" + i + "-x")
                        .problem(401, "/problems/bad-credentials");
            }
            // The guesser's own address is held for this account...
            SignInRequests.Answer held = SignInRequests.signIn(server.port(), ATTACKER, "chair", "guess-number-6-x");
            held.problem(429, "/problems/too-many-attempts");
            assertTrue(Long.parseLong(held.header("retry-after").orElseThrow()) > 14 * 60, held.headers().toString());
            // ...and the chair, elsewhere, signs in.
            SignInRequests.Answer chair = SignInRequests.signIn(server.port(), "127.0.0.3", "chair", CHAIR_PASSWORD);
            assertEquals(200, chair.status(), chair.body());
            assertEquals(200, TestPeople.trySignIn(server.http(), "chair", CHAIR_PASSWORD).statusCode(),
                    "and from 127.0.0.1 too");
        }
    }

    @Test
    void guessesFromTheRoomDoNotLockOutAChairWhoseBrowserSignedInBefore(@TempDir Path dir) throws Exception {
        try (RunningServer server = RunningServer.start(dir, "--no-samples")) {
            member(server, "chair", "chair", CHAIR_PASSWORD);
            // In the morning the chair signs in from the room's address: the browser keeps a device cookie.
            SignInRequests.Answer morning = SignInRequests.signIn(server.port(), ATTACKER, "chair", CHAIR_PASSWORD);
            assertEquals(200, morning.status(), morning.body());
            String device = morning.cookie("plenary_device").orElseThrow(() -> new AssertionError(
                    "no device cookie: " + morning.headers()));
            assertTrue(morning.headers().get("set-cookie").stream().map(c -> c.toLowerCase(java.util.Locale.ROOT))
                    .anyMatch(c -> c.startsWith("plenary_device=") && c.contains("httponly")
                            && c.contains("samesite=strict") && c.contains("path=/api/session")),
                    morning.headers().toString());

            // Someone in the same room guesses at the chair's password, from the same address.
            for (int i = 1; i <= 8; i++) {
                int status = SignInRequests.signIn(server.port(), ATTACKER, "chair", "room-guess-" + i + "-x").status();
                assertTrue(status == 401 || status == 429, "guess " + i + ": " + status);
            }
            SignInRequests.signIn(server.port(), ATTACKER, "chair", CHAIR_PASSWORD)
                    .problem(429, "/problems/too-many-attempts");

            // The chair's browser, same address, is let in: guesses by others never count against it.
            SignInRequests.Answer chair = SignInRequests.signIn(server.port(), ATTACKER, "chair", CHAIR_PASSWORD,
                    "Cookie", "plenary_device=" + device);
            assertEquals(200, chair.status(), chair.body());

            // A device token is for its own account only, and a forged one is a stranger's attempt.
            member(server, "rapporteur", "other", "another-secret-42");
            SignInRequests.signIn(server.port(), ATTACKER, "chair", CHAIR_PASSWORD,
                    "Cookie", "plenary_device=" + device.substring(0, device.length() - 3) + "AAA")
                    .problem(429, "/problems/too-many-attempts");
            SignInRequests.Answer other = SignInRequests.signIn(server.port(), ATTACKER, "other", "another-secret-42",
                    "Cookie", "plenary_device=" + device);
            assertEquals(200, other.status(), "another account behind the same address: " + other.body());
        }
    }

    /** The known device is throttled too: on its own, so only its holder can use up its attempts. */
    @Test
    void aKnownDeviceHasItsOwnFiveAttempts(@TempDir Path dir) throws Exception {
        try (RunningServer server = RunningServer.start(dir, "--no-samples")) {
            member(server, "chair", "chair", CHAIR_PASSWORD);
            String device = SignInRequests.signIn(server.port(), ATTACKER, "chair", CHAIR_PASSWORD)
                    .cookie("plenary_device").orElseThrow();
            for (int i = 1; i <= 5; i++) {
                SignInRequests.signIn(server.port(), "127.0.0.4", "chair", "stolen-cookie-" + i + "-x",
                        "Cookie", "plenary_device=" + device).problem(401, "/problems/bad-credentials");
            }
            SignInRequests.signIn(server.port(), "127.0.0.4", "chair", "stolen-cookie-6-x",
                    "Cookie", "plenary_device=" + device).problem(429, "/problems/too-many-attempts");
            // Strangers elsewhere are not held by the device's failures.
            assertEquals(200, SignInRequests.signIn(server.port(), "127.0.0.5", "chair", CHAIR_PASSWORD).status());
        }
    }

    @Test
    void sprayingFromOneAddressLocksOutNoOtherAccountBehindIt(@TempDir Path dir) throws Exception {
        try (RunningServer server = RunningServer.start(dir, "--no-samples")) {
            member(server, "chair", "chair", CHAIR_PASSWORD);
            member(server, "delegate", "graz", "graz-delegation-secret");
            member(server, "observer", "watcher", "watching-the-room-7");
            // 36 wrong passwords from the room's address, over many accounts (real and not).
            List<String> sprayed = List.of("chair", "admin", "ghost-1", "ghost-2", "ghost-3", "ghost-4");
            for (int round = 1; round <= 6; round++) {
                for (String username : sprayed) {
                    int status = SignInRequests.signIn(server.port(), ATTACKER, username, "Spring-2026-" + round + "x").status();
                    assertTrue(status == 401 || status == 429, username + ": " + status);
                }
            }
            SignInRequests.signIn(server.port(), ATTACKER, "chair", CHAIR_PASSWORD)
                    .problem(429, "/problems/too-many-attempts");
            // Everyone else behind that address signs in with their right password.
            assertEquals(200, SignInRequests.signIn(server.port(), ATTACKER, "graz", "graz-delegation-secret").status());
            assertEquals(200, SignInRequests.signIn(server.port(), ATTACKER, "watcher", "watching-the-room-7").status());
            // And the sprayed accounts from anywhere else.
            assertEquals(200, SignInRequests.signIn(server.port(), "127.0.0.3", "chair", CHAIR_PASSWORD).status());
            assertEquals(200, SignInRequests.signIn(server.port(), "127.0.0.3", "admin", TestPeople.ADMIN_PASSWORD).status());
        }
    }

    /**
     * Guessing one account from many addresses: past ten failures in all, every address that
     * failed is held after one failure, while an address that has not failed still gets its try, so
     * the owner is never locked out and a guesser gets one guess per address.
     */
    @Test
    void anAccountGuessedFromManyAddressesStillLetsItsOwnerInFromANewOne(@TempDir Path dir) throws Exception {
        try (RunningServer server = RunningServer.start(dir, "--no-samples")) {
            member(server, "chair", "chair", CHAIR_PASSWORD);
            for (String from : List.of("127.0.0.10", "127.0.0.11", "127.0.0.12", "127.0.0.13", "127.0.0.14")) {
                for (int i = 1; i <= 2; i++) {
                    SignInRequests.signIn(server.port(), from, "chair", "botnet-" + from + "-" + i)
                            .problem(401, "/problems/bad-credentials");
                }
            }
            // Ten failures in all: an address that has failed is now held after its first failure...
            SignInRequests.signIn(server.port(), "127.0.0.10", "chair", CHAIR_PASSWORD)
                    .problem(429, "/problems/too-many-attempts");
            // ...a new address gets one guess, then waits...
            SignInRequests.signIn(server.port(), "127.0.0.15", "chair", "botnet-new-1").problem(401, "/problems/bad-credentials");
            SignInRequests.signIn(server.port(), "127.0.0.15", "chair", "botnet-new-2").problem(429, "/problems/too-many-attempts");
            // ...and the owner, from anywhere new, signs in.
            SignInRequests.Answer owner = SignInRequests.signIn(server.port(), "127.0.0.16", "chair", CHAIR_PASSWORD);
            assertEquals(200, owner.status(), owner.body());
        }
    }

    private static void member(RunningServer server, String role, String username, String password) {
        HttpTestClient http = server.http();
        String admin = TestPeople.signIn(http, "admin", TestPeople.ADMIN_PASSWORD);
        String meeting = TestPeople.withToken(http, admin, () -> HttpTestClient.json(
                http.postJson("/api/meetings", "{\"name\":\"Lockout " + username + "\"}")).get("id").asText());
        TestPeople.invite(http, admin, meeting, role, role.equals("delegate") ? "City of Graz" : null, username, password,
                "Person " + username);
    }
}
