package plenary.security;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import plenary.http.ClientAddress;
import plenary.http.HttpTestClient;
import plenary.http.RunningServer;
import plenary.http.TestPeople;
import plenary.server.Config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15, item 4: the client's address behind a reverse proxy. X-Forwarded-For is believed only
 * from a configured trusted proxy, read from the right, so people behind one proxy are told apart
 * and nobody can choose the address they are counted under. 127.0.0.2 plays the proxy; 127.0.0.3
 * is a client that reaches the server directly.
 */
@Tag("integration")
class ForwardedForTest {
    private static final String PROXY = "127.0.0.2";
    private static final String DIRECT = "127.0.0.3";
    private static final String PASSWORD = "behind-the-proxy-31";

    @Test
    void peopleBehindATrustedProxyAreCountedUnderTheirOwnAddresses(@TempDir Path dir) throws Exception {
        try (RunningServer server = RunningServer.start(dir, "--no-samples", "--trusted-proxy", "127.0.0.2/31,10.9.0.0/16")) {
            member(server, "chair", PASSWORD);
            for (int i = 1; i <= 5; i++) {
                SignInRequests.signIn(server.port(), PROXY, "chair", "proxied-guess-" + i,
                        "X-Forwarded-For", "198.51.100.7").problem(401, "/problems/bad-credentials");
            }
            SignInRequests.signIn(server.port(), PROXY, "chair", PASSWORD, "X-Forwarded-For", "198.51.100.7")
                    .problem(429, "/problems/too-many-attempts");
            // Another person behind the same proxy is another address.
            SignInRequests.Answer other = SignInRequests.signIn(server.port(), PROXY, "chair", PASSWORD,
                    "X-Forwarded-For", "198.51.100.8");
            assertEquals(200, other.status(), other.body());
            // Guesses from fresh addresses of one IPv6 /64 (one subscriber's network) count together.
            for (int i = 1; i <= 5; i++) {
                SignInRequests.signIn(server.port(), PROXY, "chair", "v6-guess-" + i,
                        "X-Forwarded-For", "2001:db8:7:7::" + Integer.toHexString(i)).problem(401, "/problems/bad-credentials");
            }
            SignInRequests.signIn(server.port(), PROXY, "chair", PASSWORD, "X-Forwarded-For", "2001:db8:7:7::99")
                    .problem(429, "/problems/too-many-attempts");
            SignInRequests.Answer nextNetwork = SignInRequests.signIn(server.port(), PROXY, "chair", PASSWORD,
                    "X-Forwarded-For", "2001:db8:7:8::1");
            assertEquals(200, nextNetwork.status(), nextNetwork.body());
            // A chain of trusted proxies (10.9.0.0/16 is trusted too) is walked through.
            SignInRequests.signIn(server.port(), PROXY, "chair", PASSWORD, "X-Forwarded-For", "198.51.100.7, 10.9.3.4")
                    .problem(429, "/problems/too-many-attempts");
        }
    }

    @Test
    void whatAClientWritesIntoXForwardedForIsNeverBelieved(@TempDir Path dir) throws Exception {
        try (RunningServer server = RunningServer.start(dir, "--no-samples", "--trusted-proxy", PROXY)) {
            member(server, "chair", PASSWORD);
            // Straight to the server, a new made-up address for every guess: all counted under 127.0.0.3.
            for (int i = 1; i <= 5; i++) {
                SignInRequests.signIn(server.port(), DIRECT, "chair", "spoofed-guess-" + i,
                        "X-Forwarded-For", "203.0.113." + i).problem(401, "/problems/bad-credentials");
            }
            SignInRequests.signIn(server.port(), DIRECT, "chair", PASSWORD, "X-Forwarded-For", "203.0.113.99")
                    .problem(429, "/problems/too-many-attempts");

            // Through the proxy, a made-up address to the left of the one the proxy wrote is ignored too.
            for (int i = 1; i <= 5; i++) {
                SignInRequests.signIn(server.port(), PROXY, "chair", "left-guess-" + i,
                        "X-Forwarded-For", "203.0.113." + (10 + i) + ", 198.51.100.20").problem(401, "/problems/bad-credentials");
            }
            SignInRequests.signIn(server.port(), PROXY, "chair", PASSWORD,
                    "X-Forwarded-For", "203.0.113.50, 198.51.100.20").problem(429, "/problems/too-many-attempts");
            // Two X-Forwarded-For headers are one list, in order: the right-most untrusted entry counts.
            SignInRequests.signIn(server.port(), PROXY, "chair", PASSWORD,
                    "X-Forwarded-For", "203.0.113.51", "X-Forwarded-For", "198.51.100.20").problem(429, "/problems/too-many-attempts");
            // Text that is no address cannot make a fresh name to be counted under: it stops the walk.
            SignInRequests.Answer garbage = SignInRequests.signIn(server.port(), PROXY, "chair", "garbage-guess",
                    "X-Forwarded-For", "not-an-address");
            garbage.problem(401, "/problems/bad-credentials");
            assertEquals(200, SignInRequests.signIn(server.port(), PROXY, "chair", PASSWORD,
                    "X-Forwarded-For", "198.51.100.21").status(), "someone else behind the proxy");
        }
    }

    @Test
    void addressesAndRangesAreParsedAndMatchedExactly() {
        ClientAddress trusting = ClientAddress.trusting(List.of("10.0.0.0/8", "192.0.2.1", "2001:db8::/32", "::ffff:172.16.0.0/108"));
        assertTrue(trusting.trusted("10.255.1.2"));
        assertFalse(trusting.trusted("11.0.0.1"));
        assertTrue(trusting.trusted("192.0.2.1"));
        assertFalse(trusting.trusted("192.0.2.2"));
        assertTrue(trusting.trusted("2001:db8:0:0:0:0:0:7"));
        assertFalse(trusting.trusted("2001:db9::7"));
        assertTrue(trusting.trusted("172.16.9.9"), "an IPv4-mapped range holds IPv4 addresses");
        assertTrue(trusting.trusted("::ffff:10.1.1.1"), "an IPv4-mapped peer is its IPv4 address");
        assertFalse(trusting.trusted("example.org"), "names are never looked up");
        assertEquals("198.51.100.7", trusting.resolve("10.0.0.5", List.of("203.0.113.9, 198.51.100.7, 192.0.2.1")));
        assertEquals("2001:db9::1", trusting.resolve("::ffff:10.0.0.5", List.of("[2001:db9::1]:4431")));
        assertEquals("198.51.100.7", trusting.resolve("10.0.0.5", List.of("198.51.100.7:5000")));
        assertEquals("10.0.0.5", trusting.resolve("10.0.0.5", List.of()), "no header: the proxy itself");
        assertEquals("192.0.2.1", trusting.resolve("10.0.0.5", List.of("unknown, 192.0.2.1")),
                "a hop that is no address stops the walk at the last that was");
        assertEquals("203.0.113.9", trusting.resolve("203.0.113.9", List.of("10.0.0.1")),
                "an untrusted peer's header is not read");
        assertEquals("127.0.0.1", ClientAddress.direct().resolve("127.0.0.1", List.of("198.51.100.7")));
        assertEquals("198.51.100.7", ClientAddress.network("198.51.100.7"));
        assertEquals("2001:db8:1:2::/64", ClientAddress.network("2001:db8:1:2:aaaa:bbbb:cccc:dddd"));
        assertEquals(ClientAddress.network("2001:db8:1:2::1"), ClientAddress.network("2001:db8:1:2:ffff::9"));
        assertEquals("10.1.1.1", ClientAddress.network("::ffff:10.1.1.1"));

        for (String bad : List.of("10.0.0.0/33", "proxy.example.org", "10.0.0/8", "2001:db8::/129", "10.0.0.0/x")) {
            assertThrows(IllegalArgumentException.class, () -> ClientAddress.trusting(List.of(bad)), bad);
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> Config.from(List.of("--trusted-proxy", bad), Map.of()), bad);
            assertTrue(refused.getMessage().contains(bad), refused.getMessage());
        }
    }

    private static void member(RunningServer server, String username, String password) {
        HttpTestClient http = server.http();
        String admin = TestPeople.signIn(http, "admin", TestPeople.ADMIN_PASSWORD);
        String meeting = TestPeople.withToken(http, admin, () -> HttpTestClient.json(
                http.postJson("/api/meetings", "{\"name\":\"Proxy " + username + "\"}")).get("id").asText());
        TestPeople.invite(http, admin, meeting, "chair", null, username, password, "Person " + username);
    }
}
