package plenary.live;

/**
 * A clock whose reading can jump, such as a test's adjustable clock. A timer armed for a deadline
 * waits a delay computed from one reading, so after a jump it would still fire at the old moment in
 * real time; whoever arms one by a deadline listens here and arms it again. The system clock never
 * jumps and does not implement this.
 */
public interface ClockJumps {
    /**
     * Calls {@code listener} after every jump, on the thread that moved the clock, until the
     * returned action is run.
     */
    Runnable onJump(Runnable listener);
}
