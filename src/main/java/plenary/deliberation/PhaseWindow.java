package plenary.deliberation;

import java.time.Instant;

/**
 * One phase's window: open or closed, and an optional deadline after which it is closed even if the
 * chair did not close it (tabling "until 18:00").
 */
public record PhaseWindow(boolean open, String deadline) {

    public static final PhaseWindow CLOSED = new PhaseWindow(false, null);

    public boolean openAt(Instant now) {
        return open && (deadline == null || now.isBefore(Instant.parse(deadline)));
    }
}
