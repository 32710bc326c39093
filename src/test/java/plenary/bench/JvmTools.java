package plenary.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** jcmd and jstat, from the JDK that runs this process, against another JVM on this machine. */
final class JvmTools {
    private static final Pattern HISTO_LINE = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+).*$");
    private static final Pattern HISTO_TOTAL = Pattern.compile("^Total\\s+(\\d+)\\s+(\\d+)\\s*$");
    private static final Pattern NMT_LINE = Pattern.compile("^-\\s+(.+?)\\s+\\(reserved=\\d+KB, committed=(\\d+)KB\\)");
    private static final Pattern NMT_TOTAL = Pattern.compile("^Total: reserved=\\d+KB, committed=(\\d+)KB");

    private final Path bin;

    JvmTools() {
        String java = ProcessHandle.current().info().command().orElse("java");
        this.bin = Path.of(java).getParent();
    }

    Path java() {
        return bin.resolve("java");
    }

    String jcmd(long pid, String... command) {
        List<String> args = new ArrayList<>(List.of(bin.resolve("jcmd").toString(), Long.toString(pid)));
        args.addAll(List.of(command));
        return run(args);
    }

    private static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** The live objects of a JVM by class, after the full GC that {@code GC.class_histogram} performs. */
    record Histo(long totalBytes, long totalInstances, Map<String, long[]> byClass) {
        /** The classes that grew most from {@code base} to this, per {@code n}: "name bytes/n (instances/n)". */
        String topGrowth(Histo base, int n, int limit) {
            List<Map.Entry<String, long[]>> grown = new ArrayList<>();
            byClass.forEach((name, v) -> {
                long[] b = base.byClass.getOrDefault(name, new long[2]);
                grown.add(Map.entry(name, new long[]{v[0] - b[0], v[1] - b[1]}));
            });
            grown.sort((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]));
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < Math.min(limit, grown.size()); i++) {
                var e = grown.get(i);
                s.append(String.format(Locale.ROOT, "%n      %-60s %8.0f B  %6.1f objects", e.getKey(),
                        (double) e.getValue()[1] / n, (double) e.getValue()[0] / n));
            }
            return s.toString();
        }
    }

    Histo classHistogram(long pid) {
        String out = jcmd(pid, "GC.class_histogram");
        Map<String, long[]> byClass = new HashMap<>();
        long bytes = -1;
        long instances = -1;
        for (String line : out.lines().toList()) {
            Matcher m = HISTO_LINE.matcher(line);
            if (m.matches()) {
                byClass.merge(m.group(3), new long[]{Long.parseLong(m.group(1)), Long.parseLong(m.group(2))},
                        (a, b) -> new long[]{a[0] + b[0], a[1] + b[1]});
                continue;
            }
            Matcher t = HISTO_TOTAL.matcher(line);
            if (t.matches()) {
                instances = Long.parseLong(t.group(1));
                bytes = Long.parseLong(t.group(2));
            }
        }
        if (bytes < 0) {
            throw new IllegalStateException("jcmd GC.class_histogram gave no total:\n" + out);
        }
        return new Histo(bytes, instances, byClass);
    }

    /** Native memory tracking: committed KiB per category, plus "Total". Empty when NMT is off. */
    Map<String, Long> nativeMemory(long pid) {
        String out = jcmd(pid, "VM.native_memory", "summary");
        Map<String, Long> kib = new HashMap<>();
        for (String line : out.lines().map(String::strip).toList()) {
            Matcher m = NMT_LINE.matcher(line);
            if (m.find()) {
                kib.put(m.group(1), Long.parseLong(m.group(2)));
            }
            Matcher t = NMT_TOTAL.matcher(line);
            if (t.find()) {
                kib.put("Total", Long.parseLong(t.group(1)));
            }
        }
        return kib;
    }

    /** GC counters of {@code jstat -gc}: column name to value (YGC, YGCT, FGC, FGCT, CGC, CGCT, GCT …). */
    Map<String, Double> gcCounters(long pid) {
        String out = run(List.of(bin.resolve("jstat").toString(), "-gc", Long.toString(pid)));
        List<String> lines = out.lines().filter(l -> !l.isBlank()).toList();
        Map<String, Double> values = new HashMap<>();
        if (lines.size() < 2) {
            return values;
        }
        String[] names = lines.get(0).trim().split("\\s+");
        String[] nums = lines.get(1).trim().split("\\s+");
        for (int i = 0; i < Math.min(names.length, nums.length); i++) {
            try {
                values.put(names[i], Double.parseDouble(nums[i]));
            } catch (NumberFormatException e) {
                // "-" for a column that does not apply
            }
        }
        return values;
    }
}
