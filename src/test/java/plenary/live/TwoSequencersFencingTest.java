package plenary.live;

import org.junit.jupiter.api.Tag;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import plenary.deliberation.Phase;
import plenary.document.Document;
import plenary.negotiation.Command;
import plenary.negotiation.Negotiation;
import plenary.store.TestStore;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two sequencers of one document in two Vert.x instances on two connection pools, as two server
 * processes on one database would be (the mistake a cluster must never make, and the one the
 * fenced log survives): whichever writes second from a stale head is refused by the store, answers
 * {@code not-saved}, reloads and resynchronises its clients. No write is lost once acknowledged,
 * none is applied on top of a state the store never had, and the log stays one history.
 */
@Tag("integration")
class TwoSequencersFencingTest {
    private static final SequencerSettings SETTINGS = new SequencerSettings(5, 100, 2_000,
            Negotiation.DEFAULT_EDIT_WINDOW);
    private static final Duration FRAME_WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestStore.Kind.class)
    void theSecondWriterOfARevisionIsFencedAndReloads(TestStore.Kind kind) throws Exception {
        try (SequencerRig rig = new SequencerRig(kind, dir, SETTINGS)) {
            SequencerRig.Node a = rig.node(rig.store.database().dataSource());
            SequencerRig.Node b = rig.node(rig.store.secondPool());
            String first = rig.operative.get(0);
            String second = rig.operative.get(1);

            JsonObject a1 = a.request(SequencerRig.prepend("ca", "ua", 1, first, 0, "A1 "));
            assertEquals("applied", a1.getString("outcome"), a1.encode());
            assertEquals(1, a1.getLong("revision"));

            // B loaded revision 0: its change would be a second revision 1.
            JsonObject b1 = b.request(SequencerRig.prepend("cb", "ub", 1, second, 0, "B1 "));
            assertEquals("not-saved", b1.getString("code"), b1.encode());
            b.awaitFrame("resync", FRAME_WAIT);
            assertEquals(List.of(1L), rig.loggedRevisions());
            JsonObject b1again = b.request(SequencerRig.prepend("cb", "ub", 1, second, 0, "B1 "));
            assertEquals("applied", b1again.getString("outcome"), b1again.encode());
            assertEquals(2, b1again.getLong("revision"), "B reloaded A's revision 1 and follows it");

            // Now A is the one behind.
            JsonObject a2 = a.request(SequencerRig.prepend("ca", "ua", 2, first, 1, "A2 "));
            assertEquals("not-saved", a2.getString("code"), a2.encode());
            a.awaitFrame("resync", FRAME_WAIT);
            JsonObject a2again = a.request(SequencerRig.prepend("ca", "ua", 2, first, 1, "A2 "));
            assertEquals(3, a2again.getLong("revision"), a2again.encode());

            assertEquals(List.of(1L, 2L, 3L), rig.loggedRevisions());
            rig.assertHashChainIntact();
            Document stored = rig.stored();
            assertEquals("A2 A1 " + rig.originalText(first), rig.textOf(stored, first));
            assertEquals("B1 " + rig.originalText(second), rig.textOf(stored, second));

            // B still holds revision 2. An event-only write from it collides with no key: the head's revision fences it.
            JsonObject voting = b.request(SequencerRig.negotiate(new Command.SetPhase(Phase.VOTING, true, null),
                    SequencerRig.CHAIR));
            assertEquals("not-saved", voting.getString("code"), voting.encode());
            b.awaitFrame("resync", FRAME_WAIT);
            assertEquals(0, rig.single("SELECT COUNT(*) FROM negotiation_events WHERE document_id = ?"));
            assertEquals(3, rig.head("revision"), "the head did not go back to B's revision");

            // A records event 1 (no text). B, reloaded before it, types: right revision, older event: fenced.
            JsonObject comments = a.request(SequencerRig.negotiate(new Command.SetPhase(Phase.COMMENTS, false, null),
                    SequencerRig.CHAIR));
            assertEquals("applied", comments.getString("outcome"), comments.encode());
            assertEquals(1, comments.getLong("seq"));
            JsonObject b2 = b.request(SequencerRig.prepend("cb", "ub", 2, second, 1, "B2 "));
            assertEquals("not-saved", b2.getString("code"), "B's revision 4 follows event 0, not 1: " + b2.encode());
            b.awaitFrame("resync", FRAME_WAIT);
            assertEquals(List.of(1L, 2L, 3L), rig.loggedRevisions());
            assertEquals(1, rig.head("negotiation_seq"), "the head's event did not go back to B's");
            JsonObject b2again = b.request(SequencerRig.prepend("cb", "ub", 2, second, 1, "B2 "));
            assertEquals(4, b2again.getLong("revision"), b2again.encode());

            // And A, now behind on the revision, cannot record an event at its old one.
            JsonObject late = a.request(SequencerRig.negotiate(new Command.SetPhase(Phase.VOTING, true, null),
                    SequencerRig.CHAIR));
            assertEquals("not-saved", late.getString("code"), late.encode());
            a.awaitFrame("resync", FRAME_WAIT);
            assertEquals(1, rig.single("SELECT COUNT(*) FROM negotiation_events WHERE document_id = ?"));
            assertEquals(List.of(1L, 2L, 3L, 4L), rig.loggedRevisions());
            assertEquals(4, rig.head("revision"));
            rig.assertHashChainIntact();
            Document last = rig.stored();
            assertEquals("A2 A1 " + rig.originalText(first), rig.textOf(last, first));
            assertEquals("B2 B1 " + rig.originalText(second), rig.textOf(last, second));
        }
    }
}
