package plenary.bench;

import plenary.live.UptimeKills;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * The long form of {@code UptimeKillTest}: many SIGKILLs at random uptimes (uniform from
 * {@code --min-uptime} to {@code --max-uptime} seconds, 0.2 to 120 by default, seeded), in parallel lanes, each followed by a restart and a check
 * that every acknowledged edit is there exactly once and no revision went back. Prints each kill
 * and a summary; exits 1 on any violation.
 *
 * <pre>mvn -B -q -Pbench test-compile exec:exec -Dbench=KillSoak -Dbench.args="--kills 200 --lanes 4"</pre>
 */
public final class KillSoak {
    private KillSoak() {
    }

    public static void main(String[] args) throws Exception {
        int kills = 200;
        int lanes = 4;
        double minUptime = 0.2;
        double maxUptime = 120;
        long seed = System.nanoTime();
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--kills" -> kills = Integer.parseInt(args[i + 1]);
                case "--lanes" -> lanes = Integer.parseInt(args[i + 1]);
                case "--min-uptime" -> minUptime = Double.parseDouble(args[i + 1]);
                case "--max-uptime" -> maxUptime = Double.parseDouble(args[i + 1]);
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<UptimeKills.Moment> uptimes = new ArrayList<>();
        for (int i = 0; i < kills; i++) {
            uptimes.add(UptimeKills.Moment.atUptime(Math.round(random.nextDouble(minUptime, maxUptime) * 10) / 10.0));
        }
        Path work = Files.createTempDirectory("plenary-killsoak");
        System.out.printf(Locale.ROOT, "== Plenary kill soak: %d kills at uptimes up to %.0f s, %d lanes, seed %d ==%n",
                kills, maxUptime, lanes, seed);
        System.out.println("machine: " + ProcStats.machineFacts());
        long started = System.nanoTime();
        UptimeKills.Report report = UptimeKills.run(uptimes, lanes, null, work, System.out); // H2's own 45 s retention
        double minutes = (System.nanoTime() - started) / 60e9;
        long late = report.kills().stream().filter(k -> k.uptimeSeconds() >= 45).count();
        System.out.printf(Locale.ROOT, "%n%d kills in %.1f min (%d at 45 s of uptime or more); %d edits acknowledged"
                        + " in all lanes; violations: %d%n", report.kills().size(), minutes, late,
                report.acknowledged(), report.violations().size());
        report.violations().forEach(System.out::println);
        try (Stream<Path> paths = Files.walk(work)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        System.exit(report.violations().isEmpty() ? 0 : 1);
    }
}
