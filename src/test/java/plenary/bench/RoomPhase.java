package plenary.bench;

import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One measured phase of the room benchmark: the server's CPU and every client's wire bytes from its
 * start to its end, the latency of the REST calls made in it, and, once resolved, per kind of
 * script action: how many there were, how many reached every client, the latency from sending each
 * to its arrival at each client, and the bytes each client received for it.
 */
final class RoomPhase {
    /** Per group: observers, delegates, editors (the order of {@link RoomClient.Group}). */
    private static final int GROUPS = RoomClient.Group.values().length;

    /** What one kind of action cost the room. */
    static final class TypeStats {
        int requests;
        int complete;
        long deliveries;
        final Histogram latency = new Histogram();
        final double[] bytes = new double[GROUPS];
    }

    final int index;
    final String name;
    private long startNanos;
    private long endNanos;
    private ProcStats.Cpu cpu0;
    private ProcStats.Cpu cpu1;
    private ProcStats.Cpu self0;
    private ProcStats.Cpu self1;
    private Map<String, Long> threads0;
    private Map<String, Long> threads1;
    private long[] wire0;
    private long[] wire1;
    private int[] groupOf;
    private final Map<String, Histogram> rest = new TreeMap<>();
    private final Map<String, Integer> restFailures = new TreeMap<>();

    final Map<String, TypeStats> types = new LinkedHashMap<>();
    /** Bytes per group of frames that carried no action of this phase, by frame kind. */
    private final Map<String, double[]> unmatched = new TreeMap<>();
    private final int[] groupSize = new int[GROUPS];
    private int open;

    RoomPhase(int index, String name) {
        this.index = index;
        this.name = name;
    }

    /** A REST call of this phase, under {@code label} ("POST comments"). */
    synchronized void rest(String label, RoomHttp.Answer answer) {
        rest.computeIfAbsent(label, l -> new Histogram()).recordNanos(answer.nanos());
        if (!answer.ok()) {
            restFailures.merge(label + " -> " + answer.status(), 1, Integer::sum);
        }
    }

    synchronized Histogram rest(String label) {
        return rest.getOrDefault(label, new Histogram());
    }

    void begin(long pid, List<RoomClient> clients) {
        groupOf = clients.stream().mapToInt(c -> c.group.ordinal()).toArray();
        wire0 = wire(clients);
        threads0 = ProcStats.threadCpu(pid);
        self0 = ProcStats.processCpu(ProcessHandle.current().pid());
        cpu0 = ProcStats.processCpu(pid);
        startNanos = System.nanoTime();
    }

    void end(long pid, List<RoomClient> clients) {
        endNanos = System.nanoTime();
        cpu1 = ProcStats.processCpu(pid);
        self1 = ProcStats.processCpu(ProcessHandle.current().pid());
        threads1 = ProcStats.threadCpu(pid);
        wire1 = wire(clients);
    }

    private static long[] wire(List<RoomClient> clients) {
        long[] out = new long[clients.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = clients.get(i).wireBytes();
        }
        return out;
    }

    double seconds() {
        return (endNanos - startNanos) / 1e9;
    }

    /** Server CPU over the phase, in ticks. */
    long serverTicks() {
        return cpu1.total() - cpu0.total();
    }

    /**
     * Matches what every client received in this phase with the phase's actions: the first frame
     * carrying an action is its arrival at that client; a frame's bytes are shared among the actions
     * it carries, and those of a frame that carries none are kept by its kind.
     */
    void resolve(List<RoomClient> clients, RoomFrames shared) {
        for (RoomFrames.Request r : shared.requests) {
            if (r.phase == index) {
                types.computeIfAbsent(r.type, t -> new TypeStats()).requests++;
            }
        }
        for (RoomClient c : clients) {
            int g = c.group.ordinal();
            groupSize[g]++;
            if (c.closedWith == null) {
                open++;
            }
            BitSet seen = new BitSet();
            for (RoomClient.Receipt receipt : c.drainReceipts()) {
                List<RoomFrames.Request> carried = receipt.frame().requests(shared.byKey);
                if (carried.isEmpty()) {
                    unmatched.computeIfAbsent(receipt.frame().kind, k -> new double[GROUPS])[g] += receipt.bytes();
                    continue;
                }
                double share = (double) receipt.bytes() / carried.size();
                for (RoomFrames.Request r : carried) {
                    TypeStats t = types.computeIfAbsent(r.type, k -> new TypeStats());
                    t.bytes[g] += share;
                    if (r.sentNanos > 0 && !seen.get(r.index)) {
                        seen.set(r.index);
                        r.delivered++;
                        t.deliveries++;
                        t.latency.recordNanos(receipt.nanos() - r.sentNanos);
                    }
                }
            }
        }
        for (RoomFrames.Request r : shared.requests) {
            if (r.phase == index && r.delivered >= clients.size()) {
                types.get(r.type).complete++;
            }
        }
    }

    /** Bytes per client of {@code group} per action of kind {@code t}. */
    double bytesPerEvent(TypeStats t, RoomClient.Group group) {
        int n = groupSize[group.ordinal()];
        return n == 0 || t.requests == 0 ? 0 : t.bytes[group.ordinal()] / n / t.requests;
    }

    void print(long targetP99Micros) {
        double seconds = seconds();
        int events = types.values().stream().mapToInt(t -> t.requests).sum();
        System.out.printf(Locale.ROOT, "%n== phase %d: %s (%.1f s, %d actions, %d of %d sockets open) ==%n", index, name,
                seconds, events, open, wire0.length);
        System.out.printf(Locale.ROOT, "  %-22s %6s %15s  %-28s %-9s %s%n", "action", "n", "reached all",
                "sent -> every client, ms", "p99<=100", "bytes per client per action");
        System.out.printf(Locale.ROOT, "  %-22s %6s %15s  %-28s %-9s %s%n", "", "", "(deliveries)", "p50 / p99 / max",
                "", "observer / delegate / editor");
        for (Map.Entry<String, TypeStats> e : types.entrySet()) {
            TypeStats t = e.getValue();
            Histogram h = t.latency;
            String latency = h.count() == 0 ? "-" : String.format(Locale.ROOT, "%s / %s / %s",
                    Histogram.ms(h.percentileMicros(50)), Histogram.ms(h.percentileMicros(99)), Histogram.ms(h.maxMicros()));
            String met = h.count() == 0 ? "-" : h.percentileMicros(99) <= targetP99Micros ? "MET" : "NOT MET";
            System.out.printf(Locale.ROOT, "  %-22s %6d %15s  %-28s %-9s %,.0f / %,.0f / %,.0f B%n", e.getKey(), t.requests,
                    t.complete + "/" + t.requests + " (" + String.format(Locale.ROOT, "%,d", t.deliveries) + ")", latency,
                    met, bytesPerEvent(t, RoomClient.Group.OBSERVER), bytesPerEvent(t, RoomClient.Group.DELEGATE),
                    bytesPerEvent(t, RoomClient.Group.EDITOR));
        }
        unmatched.forEach((kind, bytes) -> System.out.printf(Locale.ROOT,
                "  %-22s bytes per client over the phase: %s (frames carrying none of the script's actions)%n",
                kind + " frames", perGroup(bytes, 1)));
        double[] wire = new double[GROUPS];
        for (int i = 0; i < wire0.length; i++) {
            wire[groupOf[i]] += wire1[i] - wire0[i];
        }
        System.out.printf(Locale.ROOT, "  wire bytes per client over the phase: %s (%s per second)%n",
                perGroup(wire, 1), perGroup(wire, seconds));
        long ticks = serverTicks();
        System.out.printf(Locale.ROOT, "  server CPU: %s of one core; %.2f ms of CPU per action; busiest threads: %s%n",
                ProcStats.pct(ticks, seconds), events == 0 ? 0 : ticks * 1000.0 / ProcStats.CLK_TCK / events,
                ProcStats.topThreads(ProcStats.threadDelta(threads0, threads1), seconds, 5));
        System.out.printf(Locale.ROOT, "  load generator CPU: %s of one core (it shares the machine with the server)%n",
                ProcStats.pct(self1.total() - self0.total(), seconds));
        printRest();
    }

    void printRest() {
        Map<String, Histogram> copy;
        synchronized (this) {
            copy = new TreeMap<>(rest);
        }
        copy.forEach((label, h) -> System.out.printf(Locale.ROOT, "  REST %-28s n=%-5d p50 %s  p99 %s  max %s ms%n", label,
                h.count(), Histogram.ms(h.percentileMicros(50)), Histogram.ms(h.percentileMicros(99)),
                Histogram.ms(h.maxMicros())));
        synchronized (this) {
            if (!restFailures.isEmpty()) {
                System.out.println("  REST failures: " + restFailures);
            }
        }
    }

    private String perGroup(double[] bytes, double per) {
        StringBuilder s = new StringBuilder();
        for (RoomClient.Group g : RoomClient.Group.values()) {
            int n = groupSize[g.ordinal()];
            if (!s.isEmpty()) {
                s.append(" / ");
            }
            s.append(n == 0 ? "-" : kb(bytes[g.ordinal()] / n / per));
        }
        return s + " (observer / delegate / editor)";
    }

    static String kb(double bytes) {
        return bytes < 10_000 ? String.format(Locale.ROOT, "%,.0f B", bytes)
                : String.format(Locale.ROOT, "%,.1f KB", bytes / 1024);
    }
}
