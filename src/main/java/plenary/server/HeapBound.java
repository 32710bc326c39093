package plenary.server;

import java.util.List;

/**
 * How the heap was bounded: by a flag, or by the JVM from the machine's memory (a quarter of it),
 * which on a large host lets the resident size grow far past what the live data needs.
 *
 * @param maxMb    the heap's maximum, in MB
 * @param explicit whether a flag (-Xmx, -XX:MaxHeapSize, -XX:MaxRAM…) set it
 */
record HeapBound(long maxMb, boolean explicit) {

    static HeapBound of(long maxBytes, List<String> jvmArguments) {
        boolean explicit = jvmArguments.stream().anyMatch(a -> a.startsWith("-Xmx") || a.startsWith("-XX:MaxHeapSize=")
                || a.startsWith("-XX:MaxRAM"));
        return new HeapBound(maxBytes >> 20, explicit);
    }

    String message() {
        return explicit ? "heap: at most " + maxMb + " MB"
                : "heap: at most " + maxMb + " MB, sized by the JVM from this machine's memory; bound it with -Xmx"
                        + " (the README runs Plenary with -Xmx512m)";
    }
}
