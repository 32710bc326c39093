package plenary.store;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import plenary.people.KnownDevices;
import plenary.people.LoginThrottle;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sign-in throttle is cluster-wide (issue 18). Before, each process counted failed sign-ins in
 * its own memory, so a guesser got five tries per node, and a device token signed by one node was a
 * stranger's to every other. Here two "nodes" are two {@link LoginThrottle}s on two connection
 * pools of one PostgreSQL database, counting in {@link SignInFailures} and signing device tokens
 * with the key {@link ClusterSecrets} keeps for them, as two processes would; they share one
 * controllable clock. Every check below would fail if the nodes counted apart.
 */
@Tag("integration")
class SharedSignInThrottleTest {
    private static final int MAX_FAILURES = 5;
    private static final Duration WINDOW = Duration.ofMinutes(15);

    @TempDir
    Path dir;

    @Test
    void failuresSpreadOverTheNodesAddUpAndAnotherAddressStillHasItsFirstTry() {
        try (TestStore store = TestStore.open(TestStore.Kind.POSTGRESQL, dir)) {
            MutableClock clock = new MutableClock();
            Instant start = clock.now;
            LoginThrottle a = node(store.database().dataSource(), clock);
            LoginThrottle b = node(store.secondPool(), clock);

            // One a minute: three through node A, two through node B.
            LoginThrottle[] through = {a, a, a, b, b};
            for (int i = 0; i < through.length; i++) {
                assertEquals(Duration.ZERO, through[i].attempt("ana", "10.0.0.1"),
                        "attempt " + (i + 1) + " (node " + (through[i] == a ? "A" : "B") + ") may be made");
                clock.advance(Duration.ofMinutes(1));
            }
            assertEquals(5, failures(store, "p:10.0.0.1 ana"), "each attempt counted once, in the shared log");

            // Five minutes after the first: the sixth waits until the first leaves the window, on either node.
            assertEquals(Duration.ofMinutes(5), Duration.between(start, clock.now));
            Duration expected = WINDOW.minus(Duration.ofMinutes(5));
            assertEquals(expected, b.attempt("ana", "10.0.0.1"), "the sixth attempt, through node B");
            assertEquals(expected, a.attempt("ana", "10.0.0.1"), "the sixth attempt, through node A");
            clock.advance(Duration.ofSeconds(30));
            assertEquals(expected.minusSeconds(30), b.attempt("ana", "10.0.0.1"), "the wait runs down");
            assertEquals(5, failures(store, "p:10.0.0.1 ana"), "refused attempts are not counted");

            assertEquals(Duration.ZERO, b.attempt("ana", "10.0.0.2"), "another address has its first try (node B)");
            assertEquals(Duration.ZERO, a.attempt("ana", "10.0.0.3"), "another address has its first try (node A)");
            assertEquals(Duration.ZERO, a.attempt("bob", "10.0.0.1"), "another account at that address is open");
            assertEquals(7, failures(store, "u:ana"), "the account's failures, all addresses together");
        }
    }

    @Test
    void aSuccessReportedThroughOneNodeTakesBackTheAttemptCountedThroughTheOther() {
        try (TestStore store = TestStore.open(TestStore.Kind.POSTGRESQL, dir)) {
            MutableClock clock = new MutableClock();
            LoginThrottle a = node(store.database().dataSource(), clock);
            LoginThrottle b = node(store.secondPool(), clock);

            for (int i = 0; i < 4; i++) {
                assertEquals(Duration.ZERO, a.attempt("ana", "10.0.0.1"), "failure " + (i + 1));
                clock.advance(Duration.ofSeconds(10));
            }
            assertEquals(Duration.ZERO, a.attempt("ana", "10.0.0.1"), "the fifth attempt, whose password is right");
            assertEquals(5, failures(store, "p:10.0.0.1 ana"));
            b.succeeded("ana", "10.0.0.1", null);
            assertEquals(4, failures(store, "p:10.0.0.1 ana"), "node B took back node A's count");
            assertEquals(4, failures(store, "u:ana"));
            assertEquals(4, failures(store, "a:10.0.0.1"));

            clock.advance(Duration.ofSeconds(10));
            assertEquals(Duration.ZERO, a.attempt("ana", "10.0.0.1"), "a success does not count: one more try");
            assertTrue(b.attempt("ana", "10.0.0.1").toMinutes() >= 14, "and then five failures are counted");
            assertTrue(a.attempt("ana", "10.0.0.1").toMinutes() >= 14, "on both nodes");
        }
    }

    @Test
    void simultaneousGuessesThroughBothNodesGetExactlyTheLimit() throws Exception {
        try (TestStore store = TestStore.open(TestStore.Kind.POSTGRESQL, dir)) {
            MutableClock clock = new MutableClock();
            LoginThrottle a = node(store.database().dataSource(), clock);
            LoginThrottle b = node(store.secondPool(), clock);
            int threads = 8;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                // A few rounds, a fresh account each, so that a race has more than one chance to show.
                for (int round = 1; round <= 3; round++) {
                    String user = "guessed" + round;
                    CyclicBarrier together = new CyclicBarrier(threads);
                    List<Future<Duration>> results = new ArrayList<>();
                    for (int t = 0; t < threads; t++) {
                        LoginThrottle node = t % 2 == 0 ? a : b;
                        Callable<Duration> guess = () -> {
                            together.await(10, TimeUnit.SECONDS);
                            return node.attempt(user, "10.6.6.6");
                        };
                        results.add(pool.submit(guess));
                    }
                    int letThrough = 0;
                    List<Duration> waits = new ArrayList<>();
                    for (Future<Duration> result : results) {
                        Duration wait = result.get(30, TimeUnit.SECONDS);
                        waits.add(wait);
                        if (wait.isZero()) {
                            letThrough++;
                        } else {
                            assertEquals(WINDOW, wait, "a refused guess waits for the window");
                        }
                    }
                    assertEquals(MAX_FAILURES, letThrough, "round " + round + ": " + waits);
                    assertEquals(MAX_FAILURES, failures(store, "p:10.6.6.6 " + user), "round " + round);
                    assertFalse(a.attempt(user, "10.6.6.6").isZero());
                    assertFalse(b.attempt(user, "10.6.6.6").isZero());
                }
            } finally {
                pool.shutdownNow();
                assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void theNodesShareTheDeviceKeySoADeviceKnownToOneIsKnownToTheOther() throws Exception {
        try (TestStore store = TestStore.open(TestStore.Kind.POSTGRESQL, dir)) {
            DataSource poolA = store.database().dataSource();
            DataSource poolB = store.secondPool();

            // Both pools ask for a secret at once, the first time: one is made, and both get it.
            ExecutorService two = Executors.newFixedThreadPool(2);
            byte[] fromA;
            byte[] fromB;
            try {
                CyclicBarrier together = new CyclicBarrier(2);
                Future<byte[]> first = two.submit(() -> {
                    together.await(10, TimeUnit.SECONDS);
                    return new ClusterSecrets(poolA).bytes("device-key", 32);
                });
                Future<byte[]> second = two.submit(() -> {
                    together.await(10, TimeUnit.SECONDS);
                    return new ClusterSecrets(poolB).bytes("device-key", 32);
                });
                fromA = first.get(30, TimeUnit.SECONDS);
                fromB = second.get(30, TimeUnit.SECONDS);
            } finally {
                two.shutdownNow();
            }
            assertEquals(32, fromA.length);
            assertArrayEquals(fromA, fromB, "one key for the cluster");
            assertArrayEquals(fromA, new ClusterSecrets(poolA).bytes("device-key", 32), "asked again on node A");
            assertArrayEquals(fromA, new ClusterSecrets(poolB).bytes("device-key", 32), "asked again on node B");
            assertNotEquals(0, nonZero(fromA), "random bytes, not an empty key");
            byte[] other = new ClusterSecrets(poolB).bytes("another-secret", 32);
            assertFalse(java.util.Arrays.equals(fromA, other), "each secret is its own");

            MutableClock clock = new MutableClock();
            LoginThrottle a = node(poolA, clock);
            LoginThrottle b = node(poolB, clock);

            String device = a.deviceToken("Ana");
            // A guesser locks the account at the owner's address (a shared office), through both nodes.
            for (int i = 0; i < 6; i++) {
                (i % 2 == 0 ? a : b).attempt("ana", "10.0.0.1");
            }
            assertTrue(b.attempt("ana", "10.0.0.1").toMinutes() >= 14, "the address is held for the account");
            assertTrue(a.attempt("ana", "10.0.0.1", device + "x").toMinutes() >= 14, "a forged token is no device");
            String strangers = new KnownDevices().issue("ana");
            assertTrue(b.attempt("ana", "10.0.0.1", strangers).toMinutes() >= 14,
                    "a token signed with another key is no device");

            assertEquals(Duration.ZERO, b.attempt("ana", "10.0.0.1", device),
                    "node B knows the device node A issued: the guesser's failures do not hold it");
            assertEquals(1, deviceFailures(store), "counted against the device alone");

            // The device's own failures add up over the nodes: four more, then it waits, on both.
            for (int i = 0; i < 4; i++) {
                assertEquals(Duration.ZERO, (i % 2 == 0 ? a : b).attempt("ana", "10.0.0.1", device),
                        "the device's failure " + (i + 2));
            }
            assertEquals(5, deviceFailures(store));
            assertTrue(a.attempt("ana", "10.0.0.1", device).toMinutes() >= 14, "the device's five failures (node A)");
            assertTrue(b.attempt("ana", "10.0.0.1", device).toMinutes() >= 14, "the device's five failures (node B)");

            // Signing in on node A clears the device, on node B too.
            a.succeeded("ana", "10.0.0.1", device);
            assertEquals(0, deviceFailures(store));
            assertEquals(Duration.ZERO, b.attempt("ana", "10.0.0.1", device), "the device starts afresh");
        }
    }

    @Test
    void whenTheWindowPassesBothNodesLetAttemptsThroughAgain() {
        try (TestStore store = TestStore.open(TestStore.Kind.POSTGRESQL, dir)) {
            MutableClock clock = new MutableClock();
            LoginThrottle a = node(store.database().dataSource(), clock);
            LoginThrottle b = node(store.secondPool(), clock);
            String device = b.deviceToken("ana");

            // Three failures through node A at the start, two through node B five minutes on.
            for (int i = 0; i < 3; i++) {
                assertEquals(Duration.ZERO, a.attempt("ana", "10.0.0.1"));
                assertEquals(Duration.ZERO, a.attempt("ana", "10.0.0.1", device));
            }
            clock.advance(Duration.ofMinutes(5));
            for (int i = 0; i < 2; i++) {
                assertEquals(Duration.ZERO, b.attempt("ana", "10.0.0.1"));
                assertEquals(Duration.ZERO, b.attempt("ana", "10.0.0.1", device));
            }
            clock.advance(Duration.ofMinutes(1));
            assertEquals(Duration.ofMinutes(9), a.attempt("ana", "10.0.0.1"), "held until the first three leave");
            assertEquals(Duration.ofMinutes(9), b.attempt("ana", "10.0.0.1", device));

            // Sixteen minutes in: the first three have left the window, the last two have not.
            clock.advance(Duration.ofMinutes(10));
            for (int i = 0; i < 3; i++) {
                assertEquals(Duration.ZERO, (i % 2 == 0 ? b : a).attempt("ana", "10.0.0.1"), "try " + (i + 1));
                assertEquals(Duration.ZERO, (i % 2 == 0 ? a : b).attempt("ana", "10.0.0.1", device), "device " + (i + 1));
            }
            assertEquals(Duration.ofMinutes(4), a.attempt("ana", "10.0.0.1"), "the two left of node B's count");
            assertEquals(Duration.ofMinutes(4), b.attempt("ana", "10.0.0.1"));
            assertEquals(Duration.ofMinutes(4), a.attempt("ana", "10.0.0.1", device));

            // Past the window of everything counted: both nodes let attempts through again.
            clock.advance(WINDOW.plusSeconds(1));
            assertEquals(Duration.ZERO, a.attempt("ana", "10.0.0.1"), "node A, after the window");
            assertEquals(Duration.ZERO, b.attempt("ana", "10.0.0.1"), "node B, after the window");
            assertEquals(Duration.ZERO, b.attempt("ana", "10.0.0.1", device), "the device, node B");
            assertEquals(Duration.ZERO, a.attempt("ana", "10.0.0.1", device), "the device, node A");
            // The sweep forgot what left the window: only the four attempts just made remain.
            assertEquals(2, failures(store, "p:10.0.0.1 ana"));
            assertEquals(2, deviceFailures(store));
            assertEquals(2 * 3 + 2, allFailures(store), "pair, account and address of two attempts, and the device's two");
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------

    /** A node of the cluster: its throttle on its own pool, as {@code PlenaryServer} builds it. */
    private static LoginThrottle node(DataSource pool, Clock clock) {
        return new LoginThrottle(MAX_FAILURES, WINDOW, clock, new SignInFailures(pool),
                new KnownDevices(new ClusterSecrets(pool).bytes("device-key", 32)));
    }

    private static int nonZero(byte[] bytes) {
        int n = 0;
        for (byte b : bytes) {
            n += b != 0 ? 1 : 0;
        }
        return n;
    }

    private static long failures(TestStore store, String key) {
        return count(store, "SELECT COUNT(*) FROM sign_in_failures WHERE failure_key = ?", key);
    }

    private static long deviceFailures(TestStore store) {
        return count(store, "SELECT COUNT(*) FROM sign_in_failures WHERE failure_key LIKE ?", "d:%");
    }

    private static long allFailures(TestStore store) {
        return count(store, "SELECT COUNT(*) FROM sign_in_failures WHERE failure_key <> ?", "");
    }

    private static long count(TestStore store, String sql, String parameter) {
        try (Connection c = store.database().dataSource().getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, parameter);
            try (ResultSet rs = q.executeQuery()) {
                assertTrue(rs.next());
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    /** A clock the test moves on (as in {@code PasswordsTest}), shared by both nodes. */
    private static final class MutableClock extends Clock {
        volatile Instant now = Instant.parse("2026-11-27T12:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
