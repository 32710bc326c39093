package plenary.live;

import org.junit.jupiter.api.Tag;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import plenary.deliberation.Phase;
import plenary.document.ClauseStatus;
import plenary.document.Document;
import plenary.negotiation.Command;
import plenary.negotiation.Negotiation;
import plenary.store.FailingDataSource;
import plenary.store.TestStore;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fail-stop on a write failure, on H2 and on PostgreSQL. The store fails on demand underneath a
 * real sequencer ({@link FailingDataSource} in front of the real database); the sequencer is
 * spoken to over the event bus as the live socket and the negotiation routes speak to it.
 *
 * <p>What went wrong before: with the store failing for a moment, change 2 was refused
 * {@code not-saved} but stayed applied in the sequencer's memory, change 3 was logged at revision
 * 3, the log held revisions [1, 3] and the document could never be loaded again ("log gap").
 */
@Tag("integration")
class SequencerWriteFailureTest {
    /** A snapshot every 2 revisions: the failed write carried one, so a kept half of it would collide. */
    private static final SequencerSettings SETTINGS = new SequencerSettings(5, 2, 2_000,
            Negotiation.DEFAULT_EDIT_WINDOW);
    private static final Duration FRAME_WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestStore.Kind.class)
    void aRefusedChangeIsDroppedAndTheNextOneTakesItsRevision(TestStore.Kind kind) throws Exception {
        try (SequencerRig rig = new SequencerRig(kind, dir, SETTINGS)) {
            FailingDataSource failing = new FailingDataSource(rig.store.database().dataSource());
            SequencerRig.Node node = rig.node(failing);
            String clause = rig.operative.get(0);

            assertEquals(0, node.request(SequencerRig.join("c1", "u1", -1, null)).getLong("revision"));
            JsonObject one = node.request(SequencerRig.prepend("c1", "u1", 1, clause, 0, "One "));
            assertEquals("applied", one.getString("outcome"), one.encode());
            assertEquals(1, one.getLong("revision"));
            assertEquals("One " + rig.originalText(clause), rig.textOf(rig.stored(), clause), "change 1 is durable");
            assertEquals(List.of(1L), rig.loggedRevisions());

            failing.failCommits(1);
            JsonObject two = node.request(SequencerRig.prepend("c1", "u1", 2, clause, 1, "Two "));
            assertEquals("rejected", two.getString("outcome"), two.encode());
            assertEquals("not-saved", two.getString("code"), two.encode());
            assertEquals(1, failing.injectedFailures());
            node.awaitFrame("resync", FRAME_WAIT);

            JsonObject three = node.request(SequencerRig.prepend("c1", "u1", 3, clause, 1, "Three "));
            assertEquals("applied", three.getString("outcome"), three.encode());
            assertEquals(2, three.getLong("revision"), "change 3 takes the revision change 2 could not keep");

            assertEquals(List.of(1L, 2L), rig.loggedRevisions(), "no gap in the log");
            rig.assertHashChainIntact();
            assertEquals(2, rig.head("revision"));
            String expected = "Three One " + rig.originalText(clause);
            Document fresh = rig.stored();
            assertEquals(2, fresh.revision());
            assertEquals(expected, rig.textOf(fresh, clause), "a fresh load has changes 1 and 3, not 2");
            for (JsonObject frame : node.frames) {
                assertFalse(frame.encode().contains("Two "), "the refused change was never broadcast: " + frame);
            }

            // A new sequencer (after undeploying this one) loads the same: snapshot, hashes, client marks.
            node.restart();
            JsonObject rejoined = node.request(SequencerRig.join("c2", "u2", -1, null));
            assertEquals(2, rejoined.getLong("revision"));
            assertEquals(rig.repository.log().hashAt(rig.documentId, 2), rejoined.getString("hash"));
            assertEquals(expected, clauseText(rejoined, clause));
            JsonObject again = node.request(SequencerRig.prepend("c1", "u1", 3, clause, 2, "Three "));
            assertEquals("duplicate", again.getString("outcome"), "change 3 is known after a restart: " + again);
            assertEquals(2, again.getLong("revision"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestStore.Kind.class)
    void requestsThatArriveDuringTheReloadAreAnsweredAgainstTheReloadedState(TestStore.Kind kind) throws Exception {
        try (SequencerRig rig = new SequencerRig(kind, dir, SETTINGS)) {
            FailingDataSource failing = new FailingDataSource(rig.store.database().dataSource());
            SequencerRig.Node node = rig.node(failing);
            String first = rig.operative.get(0);
            String second = rig.operative.get(1);
            String third = rig.operative.get(2);
            assertEquals("applied", node.request(SequencerRig.prepend("c1", "u1", 1, first, 0, "One "))
                    .getString("outcome"));
            String hashAtOne = rig.repository.log().hashAt(rig.documentId, 1);

            // Change 2 fails; the reload that follows then waits for a connection until the gate opens.
            FailingDataSource.Gate gate = failing.holdAfterNextFailure();
            failing.failCommits(1);
            JsonObject two = node.request(SequencerRig.prepend("c1", "u1", 2, second, 0, "Two "));
            assertEquals("not-saved", two.getString("code"), two.encode());
            assertTrue(gate.awaitHeld(Duration.ofSeconds(10)), "the reload is waiting for the store");

            Future<JsonObject> joining = node.send(SequencerRig.join("c2", "u2", 1, hashAtOne));
            Future<JsonObject> view = node.viewState(SequencerRig.CHAIR);
            // The same change 2 again (its seq was never saved): the abandoned state would call it a duplicate.
            Future<JsonObject> resent = node.send(SequencerRig.prepend("c1", "u1", 2, second, 0, "Two "));
            Future<JsonObject> three = node.send(SequencerRig.prepend("c1", "u1", 3, third, 0, "Three "));
            Thread.sleep(300);
            assertFalse(joining.isComplete() || resent.isComplete() || three.isComplete() || view.isComplete(),
                    "requests wait while the state is reloaded");
            assertTrue(node.framesOf("resync").isEmpty(), "no resync before the reload is done");

            gate.open();
            JsonObject joined = SequencerRig.await(joining, "join");
            assertEquals(1, joined.getLong("revision"), "the join sees the reloaded state: " + joined);
            assertEquals(hashAtOne, joined.getString("hash"));
            assertNull(joined.getValue("diverged"), joined.encode());
            assertEquals(0, joined.getJsonArray("ops").size(), joined.encode());
            JsonObject resentReply = SequencerRig.await(resent, "resent change 2");
            assertEquals("applied", resentReply.getString("outcome"), resentReply.encode());
            assertEquals(2, resentReply.getLong("revision"));
            JsonObject threeReply = SequencerRig.await(three, "change 3");
            assertEquals("applied", threeReply.getString("outcome"), threeReply.encode());
            assertEquals(3, threeReply.getLong("revision"));
            JsonObject state = SequencerRig.await(view, "view");
            assertEquals(1, state.getLong("revision"), "the view was computed on the reloaded state: " + state);
            node.awaitFrame("resync", FRAME_WAIT);

            assertEquals(List.of(1L, 2L, 3L), rig.loggedRevisions());
            rig.assertHashChainIntact();
            Document fresh = rig.stored();
            assertEquals("One " + rig.originalText(first), rig.textOf(fresh, first));
            assertEquals("Two " + rig.originalText(second), rig.textOf(fresh, second), "change 2 once, not twice");
            assertEquals("Three " + rig.originalText(third), rig.textOf(fresh, third));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestStore.Kind.class)
    void aNegotiationCommandThatCannotBeSavedIsRefusedWhole(TestStore.Kind kind) throws Exception {
        try (SequencerRig rig = new SequencerRig(kind, dir, SETTINGS)) {
            FailingDataSource failing = new FailingDataSource(rig.store.database().dataSource());
            SequencerRig.Node node = rig.node(failing);
            String clause = rig.operative.get(0);
            assertEquals("applied", node.request(SequencerRig.prepend("c1", "u1", 1, clause, 0, "One "))
                    .getString("outcome"));

            // A status change: a text commit and an event, in one write that fails.
            Command agree = new Command.SetClauseStatus(clause, ClauseStatus.AGREED);
            failing.failCommits(1);
            JsonObject refused = node.request(SequencerRig.negotiate(agree, SequencerRig.CHAIR));
            assertEquals("rejected", refused.getString("outcome"), refused.encode());
            assertEquals("not-saved", refused.getString("code"), refused.encode());
            node.awaitFrame("resync", FRAME_WAIT);
            JsonObject state = state(node);
            assertEquals(0, state.getLong("seq"), "no event kept in memory: " + state);
            assertEquals(1, state.getLong("revision"), "no commit kept in memory: " + state);
            assertEquals(ClauseStatus.BRACKETED, rig.stored().clause(clause).orElseThrow().status());
            assertEquals(List.of(1L), rig.loggedRevisions());
            assertEquals(0, rig.single("SELECT COUNT(*) FROM negotiation_events WHERE document_id = ?"));
            assertEquals(0, rig.head("negotiation_seq"));
            // The reloaded sequencer takes the same command: the paragraph can be edited until then.
            JsonObject typed = node.request(SequencerRig.prepend("c1", "u1", 2, clause, 1, "Still "));
            assertEquals("applied", typed.getString("outcome"), "the paragraph is not agreed: " + typed);
            JsonObject agreed = node.request(SequencerRig.negotiate(agree, SequencerRig.CHAIR));
            assertEquals("applied", agreed.getString("outcome"), agreed.encode());
            assertEquals(1, agreed.getLong("seq"));
            assertEquals(3, agreed.getLong("revision"));

            // An event-only command (the voting window) that fails: nothing of it stays either.
            Command voting = new Command.SetPhase(Phase.VOTING, true, null);
            failing.failCommits(1);
            JsonObject refusedPhase = node.request(SequencerRig.negotiate(voting, SequencerRig.CHAIR));
            assertEquals("not-saved", refusedPhase.getString("code"), refusedPhase.encode());
            node.awaitFrame("resync", FRAME_WAIT);
            state = state(node);
            assertEquals(1, state.getLong("seq"), state.encode());
            assertFalse(state.getJsonObject("phases").getJsonObject("voting").getBoolean("open"), state.encode());
            assertEquals(1, rig.single("SELECT COUNT(*) FROM negotiation_events WHERE document_id = ?"));
            assertEquals(1, rig.head("negotiation_seq"));
            JsonObject opened = node.request(SequencerRig.negotiate(voting, SequencerRig.CHAIR));
            assertEquals("applied", opened.getString("outcome"), opened.encode());
            assertEquals(2, opened.getLong("seq"));
            assertEquals(3, opened.getLong("revision"));

            node.restart();
            state = state(node);
            assertEquals(2, state.getLong("seq"), state.encode());
            assertEquals(3, state.getLong("revision"), state.encode());
            assertTrue(state.getJsonObject("phases").getJsonObject("voting").getBoolean("open"), state.encode());
            assertEquals(ClauseStatus.AGREED, rig.stored().clause(clause).orElseThrow().status());
            assertEquals("Still One " + rig.originalText(clause), rig.textOf(rig.stored(), clause));
            assertEquals(2, rig.head("negotiation_seq"));
            assertEquals(List.of(1L, 2L, 3L), rig.loggedRevisions());
            rig.assertHashChainIntact();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestStore.Kind.class)
    void aReloadThatFailsIsRetriedUntilTheStoreIsBack(TestStore.Kind kind) throws Exception {
        try (SequencerRig rig = new SequencerRig(kind, dir, SETTINGS)) {
            FailingDataSource failing = new FailingDataSource(rig.store.database().dataSource());
            SequencerRig.Node node = rig.node(failing);
            String clause = rig.operative.get(0);
            assertEquals("applied", node.request(SequencerRig.prepend("c1", "u1", 1, clause, 0, "One "))
                    .getString("outcome"));

            failing.down();
            JsonObject two = node.request(SequencerRig.prepend("c1", "u1", 2, clause, 1, "Two "));
            assertEquals("not-saved", two.getString("code"), two.encode());
            // The write failed, then the reload: it is retried while the store stays down.
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (failing.injectedFailures() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(failing.injectedFailures() >= 3, "the reload was tried again: " + failing.injectedFailures());
            // A request meanwhile waits for the next attempt, and is refused with a reason when it fails too.
            JsonObject meanwhile = node.request(SequencerRig.prepend("c1", "u1", 3, clause, 1, "Three "));
            assertEquals("rejected", meanwhile.getString("outcome"), meanwhile.encode());
            assertEquals("unavailable", meanwhile.getString("code"), meanwhile.encode());
            assertTrue(node.framesOf("resync").isEmpty(), "no resync before a reload succeeded");

            failing.up();
            node.awaitFrame("resync", FRAME_WAIT);
            JsonObject three = node.request(SequencerRig.prepend("c1", "u1", 3, clause, 1, "Three "));
            assertEquals("applied", three.getString("outcome"), three.encode());
            assertEquals(2, three.getLong("revision"));
            assertEquals(List.of(1L, 2L), rig.loggedRevisions());
            rig.assertHashChainIntact();
            assertEquals("Three One " + rig.originalText(clause), rig.textOf(rig.stored(), clause));
            node.restart();
            JsonObject rejoined = node.request(SequencerRig.join("c2", "u2", -1, null));
            assertEquals("Three One " + rig.originalText(clause),
                    clauseText(rejoined, clause));
        }
    }

    /**
     * A commit whose outcome the writer cannot know (the connection was lost during it): the change
     * is refused as not saved, but the reload finds it durable, and its resubmission is recognised
     * as the same change: applied once, never twice, and no revision skipped.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(TestStore.Kind.class)
    void aCommitReportedFailedThatWasDurableIsFoundByTheReloadAndNotAppliedTwice(TestStore.Kind kind)
            throws Exception {
        try (SequencerRig rig = new SequencerRig(kind, dir, SETTINGS)) {
            FailingDataSource failing = new FailingDataSource(rig.store.database().dataSource());
            SequencerRig.Node node = rig.node(failing);
            String clause = rig.operative.get(0);
            assertEquals("applied", node.request(SequencerRig.prepend("c1", "u1", 1, clause, 0, "One "))
                    .getString("outcome"));

            failing.failAfterCommits(1);
            JsonObject two = node.request(SequencerRig.prepend("c1", "u1", 2, clause, 1, "Two "));
            assertEquals("not-saved", two.getString("code"), two.encode());
            node.awaitFrame("resync", FRAME_WAIT);
            assertEquals(List.of(1L, 2L), rig.loggedRevisions(), "the commit did reach the store");

            JsonObject resent = node.request(SequencerRig.prepend("c1", "u1", 2, clause, 1, "Two "));
            assertEquals("duplicate", resent.getString("outcome"), resent.encode());
            assertEquals(2, resent.getLong("revision"));
            JsonObject three = node.request(SequencerRig.prepend("c1", "u1", 3, clause, 2, "Three "));
            assertEquals(3, three.getLong("revision"), three.encode());
            assertEquals(List.of(1L, 2L, 3L), rig.loggedRevisions());
            rig.assertHashChainIntact();
            assertEquals("Three Two One " + rig.originalText(clause), rig.textOf(rig.stored(), clause));
        }
    }

    private static JsonObject state(SequencerRig.Node node) {
        return SequencerRig.await(node.viewState(SequencerRig.CHAIR), "the state");
    }

    /** A clause's text in a join reply's whole document. */
    private static String clauseText(JsonObject joinReply, String clauseId) {
        JsonObject document = new JsonObject(joinReply.encode()).getJsonObject("document");
        for (Object c : document.getJsonArray("clauses")) {
            JsonObject clause = (JsonObject) c;
            if (clauseId.equals(clause.getString("id"))) {
                return clause.getString("text");
            }
        }
        throw new AssertionError("no clause " + clauseId + " in " + document.encode());
    }
}
