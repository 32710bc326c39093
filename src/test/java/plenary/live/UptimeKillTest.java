package plenary.live;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No acknowledged edit is lost to a killed process, whatever its uptime: 24 SIGKILLs at uptimes from
 * half a second to two minutes, in four lanes side by side, while three people per lane type and
 * add paragraphs. After every restart each acknowledged edit is there exactly once and the revision
 * never went back. What matters to H2 is the age of the file's dead chunks (it reuses their space
 * once they are older than its 45 s retention time), which grows across the rounds of a lane;
 * with H2's quick recovery (before {@code H2Recovery}) about one kill in five on such a file lost
 * acknowledged commits, so this test fails then. {@code plenary.bench.KillSoak} runs the same
 * with hundreds of kills.
 */
@Tag("integration")
class UptimeKillTest {
    /** Seconds of uptime at each kill: spread over 0–120 s, more of them where it costs little. */
    private static final List<Double> UPTIMES = List.of(0.5, 1.5, 3.0, 5.0, 8.0, 12.0, 17.0, 20.0, 23.0, 27.0, 30.0,
            34.0, 38.0, 42.0, 46.0, 50.0, 55.0, 61.0, 68.0, 76.0, 85.0, 95.0, 107.0, 120.0);

    @TempDir
    Path work;

    @Test
    void everyAcknowledgedEditSurvivesKillsAtAnyUptime() throws Exception {
        UptimeKills.Report report = UptimeKills.run(UPTIMES, 4, work, System.out);
        assertEquals(List.of(), report.violations());
        assertEquals(UPTIMES.size(), report.kills().size());
        assertTrue(report.kills().stream().filter(k -> k.uptimeSeconds() >= 45).count() >= 8, report::toString);
        // Most kills came while people typed (acknowledgements since the lane's kill before): there
        // was something to lose. The others came while the server was still starting.
        long whileTyping = 0;
        for (int i = 0; i < report.kills().size(); i++) {
            UptimeKills.Kill k = report.kills().get(i);
            int before = i > 0 && report.kills().get(i - 1).lane() == k.lane() ? report.kills().get(i - 1).ackedSoFar() : 0;
            whileTyping += k.ackedSoFar() > before ? 1 : 0;
        }
        assertTrue(whileTyping >= 12, () -> "only " + report.kills().size() + " kills came while people typed: " + report);
    }
}
