package plenary.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Linux /proc readings: CPU time of a process and of its threads, machine load, memory, machine facts. */
final class ProcStats {
    private ProcStats() {
    }

    /** Clock ticks per second of /proc CPU times; 100 on every usual Linux. */
    static final long CLK_TCK = clockTicks();

    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            p.waitFor();
            return Long.parseLong(out);
        } catch (Exception e) {
            return 100;
        }
    }

    /** utime and stime of a process, in clock ticks. */
    record Cpu(long user, long system) {
        long total() {
            return user + system;
        }
    }

    static Cpu processCpu(long pid) {
        return parseStat(read(Path.of("/proc", Long.toString(pid), "stat")));
    }

    private static Cpu parseStat(String stat) {
        if (stat == null) {
            return new Cpu(0, 0);
        }
        // Fields after "(comm)": state is field 3, utime 14, stime 15.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new Cpu(Long.parseLong(f[11]), Long.parseLong(f[12]));
    }

    /** CPU ticks per thread group (thread name with digits folded), summed over the threads alive now. */
    static Map<String, Long> threadCpu(long pid) {
        Map<String, Long> out = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                String stat = read(task.resolve("stat"));
                if (stat == null) {
                    continue;
                }
                String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String group = comm.replaceAll("[0-9]+", "#");
                out.merge(group + "\u0000" + task.getFileName(), parseStat(stat).total(), Long::sum);
            }
        } catch (IOException e) {
            // the process is gone
        }
        return out;
    }

    /** Per thread group, the CPU ticks used between two {@link #threadCpu} readings (threads that ended are lost). */
    static Map<String, Long> threadDelta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> groups = new TreeMap<>();
        after.forEach((key, ticks) -> {
            long delta = ticks - before.getOrDefault(key, 0L);
            groups.merge(key.substring(0, key.indexOf('\u0000')), delta, Long::sum);
        });
        return groups;
    }

    /** "name 12.3%, …" of the busiest groups, as % of one core over {@code seconds}. */
    static String topThreads(Map<String, Long> delta, double seconds, int limit) {
        List<Map.Entry<String, Long>> entries = new ArrayList<>(delta.entrySet());
        entries.sort((a, b) -> Long.compare(b.getValue(), a.getValue()));
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(limit, entries.size()); i++) {
            Map.Entry<String, Long> e = entries.get(i);
            if (e.getValue() == 0) {
                break;
            }
            if (!s.isEmpty()) {
                s.append(", ");
            }
            s.append('"').append(e.getKey()).append("\" ").append(pct(e.getValue(), seconds));
        }
        return s.toString();
    }

    static String pct(long ticks, double seconds) {
        return String.format(Locale.ROOT, "%.1f%%", 100.0 * ticks / CLK_TCK / seconds);
    }

    /** Machine-wide: busy and total jiffies from the first line of /proc/stat. */
    record Machine(long busy, long total) {
    }

    static Machine machine() {
        String stat = read(Path.of("/proc/stat"));
        if (stat == null) {
            return new Machine(0, 0);
        }
        String[] f = stat.lines().findFirst().orElseThrow().trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < Math.min(f.length, 9); i++) { // user..steal; guest is inside user
            total += Long.parseLong(f[i]);
        }
        long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
        return new Machine(total - idle, total);
    }

    /** Resident set size of a process in KiB. */
    static long rssKiB(long pid) {
        String status = read(Path.of("/proc", Long.toString(pid), "status"));
        if (status == null) {
            return 0;
        }
        return status.lines().filter(l -> l.startsWith("VmRSS:")).findFirst()
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).orElse(0L);
    }

    static String machineFacts() {
        String cpuinfo = read(Path.of("/proc/cpuinfo"));
        String model = cpuinfo == null ? "?" : cpuinfo.lines().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("?");
        String meminfo = read(Path.of("/proc/meminfo"));
        long memKiB = meminfo == null ? 0 : meminfo.lines().filter(l -> l.startsWith("MemTotal:")).findFirst()
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).orElse(0L);
        return String.format(Locale.ROOT, "%d cores (%s), %.1f GiB RAM, %s %s, %s", Runtime.getRuntime()
                .availableProcessors(), model, memKiB / 1024.0 / 1024.0, System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), System.getProperty("os.name") + " "
                        + System.getProperty("os.version"));
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            return null;
        }
    }
}
