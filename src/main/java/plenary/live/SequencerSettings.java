package plenary.live;

import plenary.negotiation.Negotiation;

import java.time.Duration;

/**
 * Tuning of the sequencers.
 *
 * @param tickMillis      broadcasts of one document are coalesced into one frame per tick
 * @param snapshotEvery   a snapshot is written every this many revisions, so loading replays at most that many
 * @param catchUpLimit    a reconnecting client further behind than this gets a snapshot instead of the ops
 * @param commentEditWindow how long the author of a comment may still edit it
 * @param idleTimeout     a sequencer with nobody in its document and nothing in flight for this long is
 *                        stopped, and loaded again on the next request; zero: never
 */
public record SequencerSettings(long tickMillis, int snapshotEvery, int catchUpLimit, Duration commentEditWindow,
                                Duration idleTimeout) {
    public static final SequencerSettings DEFAULTS = new SequencerSettings(20, 100, 2_000,
            Negotiation.DEFAULT_EDIT_WINDOW, Duration.ofMinutes(10));

    /** The same with sequencers that are never stopped for idleness. */
    public SequencerSettings(long tickMillis, int snapshotEvery, int catchUpLimit, Duration commentEditWindow) {
        this(tickMillis, snapshotEvery, catchUpLimit, commentEditWindow, Duration.ZERO);
    }
}
