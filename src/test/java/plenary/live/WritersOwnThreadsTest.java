package plenary.live;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import plenary.negotiation.Negotiation;
import plenary.store.TestStore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A change is made durable on the sequencers' own threads ({@link DocumentSequencer#WRITERS}), not on
 * Vert.x's shared worker pool, which every REST read, search and the rest also use: with that pool
 * taken whole by blocked work, edits and a negotiation decision are still written and acknowledged.
 * (Written through the shared pool, as before, the first answer never came while it was taken.)
 */
@Tag("integration")
class WritersOwnThreadsTest {
    /** Vert.x's default worker pool size: every one of its threads is held. */
    private static final int SHARED_POOL = 20;

    @TempDir
    Path dir;

    @Test
    void changesAreWrittenWhileTheSharedWorkerPoolIsFull() throws Exception {
        SequencerSettings settings = new SequencerSettings(5, 100, 2_000, Negotiation.DEFAULT_EDIT_WINDOW);
        try (SequencerRig rig = new SequencerRig(TestStore.Kind.H2, dir, settings)) {
            SequencerRig.Node node = rig.node(rig.store.database().dataSource());
            String clause = rig.operative.getFirst();
            CountDownLatch held = new CountDownLatch(SHARED_POOL);
            CountDownLatch release = new CountDownLatch(1);
            List<Future<Void>> blockers = new ArrayList<>();
            try {
                for (int i = 0; i < SHARED_POOL; i++) {
                    blockers.add(node.vertx.executeBlocking(() -> {
                        held.countDown();
                        release.await();
                        return null;
                    }, false));
                }
                assertTrue(held.await(30, TimeUnit.SECONDS), "the shared pool's threads were all taken");

                for (int seq = 1; seq <= 3; seq++) {
                    JsonObject applied = node.request(SequencerRig.prepend("c1", "u1", seq, clause, seq - 1, "W" + seq + " "));
                    assertEquals("applied", applied.getString("outcome"), applied.encode());
                    assertEquals(seq, applied.getLong("revision"));
                }
                JsonObject decided = node.request(SequencerRig.negotiate(
                        new plenary.negotiation.Command.SetPhase(plenary.deliberation.Phase.COMMENTS, false, null),
                        SequencerRig.CHAIR));
                assertEquals("applied", decided.getString("outcome"), decided.encode());
                assertEquals(1, release.getCount(), "the shared pool was still held throughout");
            } finally {
                release.countDown();
            }
            for (Future<Void> blocker : blockers) {
                SequencerRig.await(blocker, "a blocker's end");
            }
            assertEquals("W3 W2 W1 " + rig.originalText(clause), rig.textOf(rig.stored(), clause),
                    "the three edits are in the store");
            assertEquals(1, rig.single("SELECT COUNT(*) FROM negotiation_events WHERE document_id = ?"));
        }
    }
}
