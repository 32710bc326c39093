package plenary.live;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import plenary.document.RandomIds;
import plenary.negotiation.Negotiation;
import plenary.store.OperationLog;
import plenary.store.TestStore;
import plenary.view.NegotiationSnapshot;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A request that meets a retiring sequencer waits for its undeployment and then starts a new one.
 * That undeployment completes on the retiring sequencer's own context, whose deployment is gone
 * by then; a sequencer deployed from there failed ("Could not be added as child of parent
 * deployment", a 500 on {@code GET …/negotiation} once in CI). Here a stand-in for the retiring
 * sequencer holds its undeployment open until a request is waiting, then lets it finish: the
 * request gets a new sequencer.
 */
@Tag("integration")
class RetirementRaceTest {
    @TempDir
    Path dir;

    /** Retires as a sequencer does, on its own context, and stops only when the test says so. */
    private static final class Retiring extends VerticleBase {
        final Promise<Void> mayStop = Promise.promise();
        final CountDownLatch stopping = new CountDownLatch(1);
        volatile Context own;

        @Override
        public Future<?> start() {
            own = context;
            return Future.succeededFuture();
        }

        @Override
        public Future<?> stop() {
            stopping.countDown();
            return mayStop.future();
        }
    }

    @Test
    void aRequestWaitingForARetirementGetsANewSequencer() throws Exception {
        SequencerSettings settings = new SequencerSettings(5, 100, 2_000, Negotiation.DEFAULT_EDIT_WINDOW);
        try (SequencerRig rig = new SequencerRig(TestStore.Kind.H2, dir, settings)) {
            Vertx vertx = Vertx.vertx();
            try {
                OperationLog log = new OperationLog(rig.store.database().dataSource(), rig.store.database().durability());
                Sequencers sequencers = new Sequencers(vertx, log, settings, RandomIds.seeded(3), Clock.systemUTC());
                Retiring old = new Retiring();
                String oldId = vertx.deployVerticle(old).await(30, TimeUnit.SECONDS);

                // The old one retires on its own context, as DocumentSequencer.retireIfIdle does.
                old.own.runOnContext(v -> sequencers.retire(rig.documentId, oldId));
                assertTrue(old.stopping.await(30, TimeUnit.SECONDS), "the retirement began");
                Future<Void> ensured = sequencers.ensure(rig.documentId); // waits for the retirement
                old.mayStop.complete();

                ensured.await(30, TimeUnit.SECONDS);
                NegotiationSnapshot snapshot = vertx.eventBus().<NegotiationSnapshot>request(
                        LiveAddresses.requests(rig.documentId), new SequencerRequest.View()).await(30, TimeUnit.SECONDS).body();
                assertEquals(rig.documentId, snapshot.document().id(), "the new sequencer answers");
                JsonObject joined = vertx.eventBus().<JsonObject>request(LiveAddresses.requests(rig.documentId),
                        SequencerRig.join("c1", "u1", -1, null)).await(30, TimeUnit.SECONDS).body();
                assertEquals(0L, joined.getLong("revision"));
            } finally {
                vertx.close().await(30, TimeUnit.SECONDS);
            }
        }
    }
}
