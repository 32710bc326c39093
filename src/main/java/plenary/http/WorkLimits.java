package plenary.http;

/**
 * How much heavy work (imports, exports) may wait for its own threads before more is refused at
 * once with {@code 503} and {@code Retry-After}, rather than held in memory.
 *
 * @param exportsWaiting    exports that may wait beside those being rendered (half the cores run at once)
 * @param importsWaitingMib MiB of Markdown, per import thread, that may be parsed or wait to be
 */
public record WorkLimits(int exportsWaiting, int importsWaitingMib) {
    /**
     * A waiting export holds only its request (the document is read when it runs), so a room's rush
     * may wait; five drafts of 2 MiB may be held per import thread.
     */
    public static final WorkLimits DEFAULTS = new WorkLimits(16, 10);

    public WorkLimits {
        if (exportsWaiting < 0 || importsWaitingMib < 1) {
            throw new IllegalArgumentException("--exports-waiting must not be negative, and --imports-waiting-mib at least 1");
        }
    }
}
