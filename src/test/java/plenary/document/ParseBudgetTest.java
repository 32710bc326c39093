package plenary.document;

import com.vladsch.flexmark.parser.Parser;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The parser stopped from outside: past its allowance of reads, at its deadline, and when cancelled
 * from another thread. The input is flexmark's slowest known path, "[a](" repeated, where every
 * opening parenthesis is followed by a scan to the end of the paragraph: quadratic, 40 s for 256 KiB
 * on the project's machine and minutes for 2 MiB. Each stop is measured against that.
 */
class ParseBudgetTest {
    private static final Parser PARSER = Parser.builder().build();
    /** 256 KiB of the slow path: 65,536 scans of up to 256 KiB each. */
    private static final String SLOW = "[a](".repeat(64 * 1024);

    @Test
    void realDraftsNeedAFractionOfTheAllowance() throws Exception {
        String sample = java.nio.file.Files.readString(java.nio.file.Path.of("samples", "hrgl-2022-outcome-draft.md"));
        // A budget of an eighth of the reads still reads the sample: the allowance has room to spare.
        ParseBudget tight = new ParseBudget(null, ParseBudget.READS_PER_CHAR / 8);
        assertDoesNotThrow(() -> tight.parse(PARSER, sample));
    }

    @Test
    void theAllowanceOfReadsStopsTheSlowPath() {
        long started = System.nanoTime();
        DocumentException e = assertThrows(DocumentException.class, () -> ParseBudget.readsOnly().parse(PARSER, SLOW));
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("256 KiB of \"[a](\": refused after its allowance of reads in %d ms%n", millis);
        assertTrue(e.getMessage().contains("needs more work to read"), e.getMessage());
        // 64 reads a character is 17 M reads: well under a second of CPU, against 40 s unbounded.
        assertTrue(millis < 20_000, "took " + millis + " ms");
    }

    @Test
    void theDeadlineStopsTheSlowPath() {
        // Reads without limit, so only the deadline can stop it.
        ParseBudget budget = new ParseBudget(Duration.ofMillis(200), Long.MAX_VALUE / (1 << 20));
        long started = System.nanoTime();
        DocumentException e = assertThrows(DocumentException.class, () -> budget.parse(PARSER, SLOW));
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("256 KiB of \"[a](\": stopped at a 200 ms deadline after %d ms%n", millis);
        assertTrue(e.getMessage().contains("took longer than"), e.getMessage());
        assertTrue(millis < 20_000, "took " + millis + " ms");
    }

    @Test
    void cancellingFromAnotherThreadStopsTheSlowPath() throws Exception {
        ParseBudget budget = new ParseBudget(Duration.ofHours(1), Long.MAX_VALUE / (1 << 20));
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread parsing = Thread.ofPlatform().start(() -> {
            try {
                budget.parse(PARSER, SLOW);
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        // Cancel once it is surely deep in the parser: it has spent 200 ms of CPU there.
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        while (!outcome.isDone() && threads.getThreadCpuTime(parsing.threadId()) < 200_000_000L) {
            Thread.onSpinWait();
        }
        long started = System.nanoTime();
        budget.cancel();
        Throwable failure = outcome.get(60, TimeUnit.SECONDS);
        System.out.printf("256 KiB of \"[a](\": cancelled, stopped %d ms later%n", (System.nanoTime() - started) / 1_000_000);
        assertTrue(failure instanceof DocumentException && failure.getMessage().contains("cancelled"), String.valueOf(failure));
    }

    @Test
    void aStackOverflowInTheParserIsARefusal() {
        DocumentException e = assertThrows(DocumentException.class,
                () -> ParseBudget.readsOnly().parse(PARSER, "[ (](".repeat(20_000)));
        assertTrue(e.getMessage().contains("too deeply"), e.getMessage());
    }

    @Test
    void theTreeIsReadableAfterParsing() {
        // The tree's text is the budgeted text; reading it afterwards never counts against the budget.
        String text = "# Title\n\nSome *text*.";
        var chars = ParseBudget.readsOnly().parse(PARSER, text).getChars();
        long sum = 0;
        for (long i = 0; i < 4 * ParseBudget.BASE_READS; i++) {
            sum += chars.charAt((int) (i % text.length()));
        }
        assertTrue(sum > 0);
        assertEquals(text, chars.toString());
    }
}
