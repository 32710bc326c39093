package plenary.search;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The index on its own: closing it while its background refresh is writing must neither fail nor lose writes. */
class SearchIndexTest {
    private static final int ROUNDS = 40;

    @TempDir
    Path dir;

    @Test
    void closingWhileTheRefreshIsFlushingKeepsTheIndexWhole() throws Exception {
        long seed = System.nanoTime();
        SplittableRandom random = new SplittableRandom(seed);
        for (int round = 0; round < ROUNDS; round++) {
            SearchIndex index = SearchIndex.open(dir);
            assertEquals(round == 0, index.fresh(), "seed " + seed + ", round " + round + ": the last close lost the index");
            index.replace("doc-" + round, new SearchIndex.Marker(round, 0), entries(round, 300));
            // Close at a random point of the refresh cycle, often in the middle of a flush.
            Thread.sleep(random.nextInt((int) SearchIndex.REFRESH_MILLIS * 2));
            index.close();
        }
        SearchIndex index = SearchIndex.open(dir);
        try {
            assertFalse(index.fresh());
            assertEquals(ROUNDS, index.markers().size(), "every round's document survived its close");
        } finally {
            index.close();
        }
    }

    private static List<Entry> entries(int round, int count) {
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(new Entry("clause:doc-" + round + ":c" + i, SearchKind.CLAUSE, "doc-" + round, "m1", "Round " + round,
                    "c" + i, Integer.toString(i + 1), null, null, "*Calls upon* cities of round " + round + " to act " + i,
                    Set.of(Entry.PUBLIC)));
        }
        return out;
    }
}
