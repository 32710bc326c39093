package plenary.live;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import plenary.editing.TextOp;
import plenary.http.AdjustableClock;
import plenary.http.RunningServer;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 17: sequencers were never stopped, so every document ever opened kept its state in memory.
 * Now one idle past {@code --sequencer-idle-seconds} (nobody in the document, nothing in flight)
 * retires, and the next request, live or REST, loads the document again where it was: no edit lost,
 * the revision goes on. Time is the server's injected clock; the test moves it on.
 */
@Tag("integration")
class SequencerEvictionTest {
    private static final String TOKEN = "scrape-token-for-the-eviction-test";
    private static final Duration IDLE = Duration.ofSeconds(60);

    @TempDir
    Path dir;


    @Test
    void anIdleSequencerRetiresAndTheNextRequestLoadsTheDocumentAgain() throws Exception {
        AdjustableClock clock = new AdjustableClock();
        try (RunningServer server = RunningServer.startWith(dir.resolve("data"), Map.of("PLENARY_METRICS_TOKEN", TOKEN),
                clock, "--no-samples", "--sequencer-idle-seconds", Long.toString(IDLE.toSeconds()));
             LiveFixture fixture = new LiveFixture(server)) {
            String clause = fixture.clauseIds.getFirst();
            LiveTestClient writer = fixture.client("writer");
            // Three words, one an edit: each durable write marks the document for the search feed.
            for (String word : List.of("quokka ", "wombat ", "numbat ")) {
                writer.edit(clause, TextOp.builder().insert(word).build());
                writer.await(writer::idle, 30_000, "the edit acknowledged");
            }
            long before = fixture.storedRevision();
            assertEquals(1.0, meter(server, "plenary_sequencers"));
            // The search feed asks the sequencer for the edited text at each flush after a write; once
            // the index has the last word, nothing more will ask, and the counts below are the
            // retirement's alone. (Waiting for the first word let a later flush, slow on a busy
            // machine, start the retired sequencer again.)
            awaitIndexed(server, "numbat", fixture.documentId);

            // Someone is in the document: however long it stays quiet, its sequencer stays.
            clock.advance(IDLE.multipliedBy(2));
            assertEquals(200, negotiation(server, fixture.documentId), "a request after the clock's jump");
            assertEquals(0.0, meter(server, "plenary_sequencers_retired_total"), "retired with a writer in the room");

            writer.close();
            retireBy(clock, server, 1);
            assertEquals(0.0, meter(server, "plenary_sequencers"));

            // A new draft is indexed from the store: the search feed starts no sequencer for it
            // (it used to start one for every document it re-indexed).
            var imported = server.postMarkdown("# Dugong draft\n\n1. *Decides* to protect the dugong;\n");
            assertEquals(201, imported.statusCode(), imported::body);
            String draftId = plenary.http.HttpTestClient.json(imported).path("id").asText();
            awaitIndexed(server, "dugong", draftId);
            assertEquals(0.0, meter(server, "plenary_sequencers"), "the search feed started a sequencer");

            // A live client comes back: the document is loaded again and editing goes on from where it was.
            LiveTestClient back = fixture.client("back");
            back.await(() -> back.revision() == before, 30_000, "joined at the revision before the retirement");
            back.edit(clause, TextOp.builder().insert("b").build());
            back.await(back::idle, 30_000, "the edit after the reload acknowledged");
            assertEquals(before + 1, fixture.storedRevision());
            assertTrue(fixture.storedTexts().get(clause).startsWith("bnumbat wombat quokka "),
                    fixture.storedTexts()::toString);
            assertEquals(1.0, meter(server, "plenary_sequencers"));

            // And a REST request alone brings it back too.
            back.close();
            retireBy(clock, server, 2);
            assertEquals(200, negotiation(server, fixture.documentId));
            assertEquals(1.0, meter(server, "plenary_sequencers"));
            assertEquals(before + 1, fixture.storedRevision());
        }
    }

    /**
     * Moves the clock past the idle timeout until the sequencer has retired: the last leave may still
     * be in its next tick at the first jump, and each jump makes it look again.
     */
    private void retireBy(AdjustableClock clock, RunningServer server, int retiredSoFar) throws Exception {
        for (int jumps = 0; meter(server, "plenary_sequencers_retired_total") < retiredSoFar; jumps++) {
            assertTrue(jumps < 200, "the sequencer never retired");
            clock.advance(IDLE.plusSeconds(1));
            Thread.sleep(20);
        }
    }

    private static void awaitIndexed(RunningServer server, String word, String documentId) throws Exception {
        for (int tries = 0; !server.get("/api/search?q=" + word).body().contains(documentId); tries++) {
            assertTrue(tries < 1_000, () -> word + " never reached the search index");
            Thread.sleep(20);
        }
    }

    private int negotiation(RunningServer server, String documentId) throws Exception {
        return server.http().get("/api/documents/" + documentId + "/negotiation").statusCode();
    }

    private double meter(RunningServer server, String name) throws Exception {
        HttpResponse<String> scraped = server.scrapeMetrics("Bearer " + TOKEN);
        assertEquals(200, scraped.statusCode());
        Matcher m = Pattern.compile("^" + name + "(\\{[^}]*})? (\\S+)$", Pattern.MULTILINE).matcher(scraped.body());
        assertTrue(m.find(), () -> name + " is not in the scrape");
        return Double.parseDouble(m.group(2));
    }
}
