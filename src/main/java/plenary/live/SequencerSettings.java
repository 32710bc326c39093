package plenary.live;

/**
 * Tuning of the sequencers.
 *
 * @param tickMillis      broadcasts of one document are coalesced into one frame per tick
 * @param snapshotEvery   a snapshot is written every this many revisions, so loading replays at most that many
 * @param catchUpLimit    a reconnecting client further behind than this gets a snapshot instead of the ops
 */
public record SequencerSettings(long tickMillis, int snapshotEvery, int catchUpLimit) {
    public static final SequencerSettings DEFAULTS = new SequencerSettings(20, 100, 2_000);
}
