package plenary.server;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The start-up line about the heap: a bound set by a flag is stated, one left to the JVM is warned about. */
class HeapBoundTest {
    @Test
    void aFlagBoundsTheHeapAndTheMachineDoesNot() {
        assertTrue(HeapBound.of(512L << 20, List.of("-Xmx512m")).explicit());
        assertTrue(HeapBound.of(1L << 30, List.of("-XX:MaxHeapSize=1073741824")).explicit());
        assertTrue(HeapBound.of(1L << 30, List.of("-XX:MaxRAMPercentage=25")).explicit());
        assertFalse(HeapBound.of(6L << 30, List.of("-XX:+UseSerialGC", "-Xms64m")).explicit());
        assertEquals("heap: at most 512 MB", HeapBound.of(512L << 20, List.of("-Xmx512m")).message());
        assertTrue(HeapBound.of(6L << 30, List.of()).message().startsWith("heap: at most 6144 MB, sized by the JVM"));
    }
}
