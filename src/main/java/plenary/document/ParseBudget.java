package plenary.document;

import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.sequence.BasedSequence;

import java.time.Duration;

/**
 * How much work parsing one piece of Markdown may take. Flexmark cannot be interrupted, but every
 * one of its paths reads the text, so the text it is given ({@link BudgetedText}) counts the reads
 * and stops the parser by throwing: after {@value #READS_PER_CHAR} reads per character (an outcome
 * document needs 3 to 8; a run of "[a](" needs thousands, since each one scans to the end of its
 * paragraph for a closing parenthesis), at a deadline, or when the work is cancelled (the client
 * left). The read count makes the refusal the same on a busy machine as on an idle one; the
 * deadline is the backstop for a machine so loaded that even allowed work takes too long.
 *
 * <p>Paths of the parser that do not read the text (emphasis matching, rebuilding a paragraph's
 * lines) are kept short by {@link MarkdownGuards} before parsing starts.
 */
public final class ParseBudget {
    static final int READS_PER_CHAR = 64;
    static final long BASE_READS = 1L << 20;

    /** Set at the first check, when the work starts: time spent waiting for a thread is not the draft's. */
    private long deadline;
    private boolean started;
    private final Duration timeout;
    private final long readsPerChar;
    private volatile boolean cancelled;

    ParseBudget(Duration timeout, long readsPerChar) {
        this.timeout = timeout;
        this.readsPerChar = readsPerChar;
    }

    /** A budget whose deadline is {@code timeout} after the work starts (its first {@link #check()}). */
    public static ParseBudget within(Duration timeout) {
        return new ParseBudget(timeout, READS_PER_CHAR);
    }

    /** A budget of reads only: for work that is small by construction, such as one clause. */
    public static ParseBudget readsOnly() {
        return new ParseBudget(null, READS_PER_CHAR);
    }

    /** Stops the work at its next check; safe from any thread. */
    public void cancel() {
        cancelled = true;
    }

    public boolean cancelled() {
        return cancelled;
    }

    /** Throws when the work was cancelled or its deadline has passed. Called by the one thread doing the work. */
    public void check() {
        if (!started) {
            started = true;
            deadline = timeout == null ? 0 : System.nanoTime() + timeout.toNanos();
        }
        if (cancelled) {
            throw new DocumentException("the work was cancelled before it finished");
        }
        if (timeout != null && System.nanoTime() - deadline > 0) {
            throw new DocumentException("the Markdown took longer than " + timeout.toSeconds()
                    + " s to read; simplify it or split it into several drafts");
        }
    }

    /**
     * Parses {@code markdown} within this budget. The tree's text stays readable afterwards without
     * counting. A stack overflow (brackets or parentheses the parser's regular expressions recurse
     * into) is a refusal too.
     */
    public Node parse(Parser parser, String markdown) {
        check();
        BudgetedText text = new BudgetedText(markdown, this, readsPerChar * markdown.length() + BASE_READS);
        try {
            return parser.parse(BasedSequence.of(text));
        } catch (StackOverflowError e) {
            throw new DocumentException("the Markdown nests brackets, parentheses or quotes too deeply to read");
        } finally {
            text.disarm();
        }
    }
}
