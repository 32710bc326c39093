package plenary.bench;

import java.util.Locale;

/**
 * A latency histogram in microseconds with log-linear buckets (about 0.2 % relative error), in the
 * manner of HdrHistogram. Not thread-safe: each recording thread keeps its own (see {@link Recorder})
 * and they are merged for the report.
 */
final class Histogram {
    private static final int SUB_BITS = 10;
    private static final int SUB = 1 << SUB_BITS;
    private static final int HALF = SUB / 2;
    private static final long MAX_MICROS = 1L << 40;

    private final long[] counts = new long[SUB + 40 * HALF];
    private long count;
    private long max;
    private long sum;

    void recordNanos(long nanos) {
        recordMicros(Math.max(0, nanos) / 1_000);
    }

    void recordMicros(long micros) {
        long v = Math.min(Math.max(0, micros), MAX_MICROS - 1);
        counts[index(v)]++;
        count++;
        sum += v;
        if (v > max) {
            max = v;
        }
    }

    private static int index(long v) {
        if (v < SUB) {
            return (int) v;
        }
        int msb = 63 - Long.numberOfLeadingZeros(v);
        int e = msb - SUB_BITS + 1;
        int sub = (int) (v >>> e); // in [HALF, SUB)
        return SUB + (e - 1) * HALF + (sub - HALF);
    }

    /** The middle of the bucket at {@code index}, in microseconds. */
    private static long value(int index) {
        if (index < SUB) {
            return index;
        }
        int e = (index - SUB) / HALF + 1;
        long sub = (index - SUB) % HALF + HALF;
        return (sub << e) + (1L << (e - 1));
    }

    void add(Histogram other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        count += other.count;
        sum += other.sum;
        max = Math.max(max, other.max);
    }

    long count() {
        return count;
    }

    /** The value (µs) at or below which {@code percent} % of the samples lie. */
    long percentileMicros(double percent) {
        if (count == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(percent / 100.0 * count));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(value(i), max);
            }
        }
        return max;
    }

    long maxMicros() {
        return max;
    }

    double meanMicros() {
        return count == 0 ? 0 : (double) sum / count;
    }

    /** "n=… p50=… p95=… p99=… max=… ms". */
    String summary() {
        if (count == 0) {
            return "n=0 (no samples)";
        }
        return String.format(Locale.ROOT, "n=%,d  p50=%s  p95=%s  p99=%s  max=%s  mean=%s ms", count,
                ms(percentileMicros(50)), ms(percentileMicros(95)), ms(percentileMicros(99)), ms(max),
                ms(Math.round(meanMicros())));
    }

    static String ms(long micros) {
        return String.format(Locale.ROOT, "%.2f", micros / 1000.0);
    }
}
