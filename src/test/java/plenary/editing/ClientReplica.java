package plenary.editing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A client's copy of clause texts under the protocol's client algorithm: one text submission in
 * flight, later local edits composed per clause in a buffer, both transformed against remote
 * commits. Pure and single-threaded; the WebSocket test client and the property tests share it.
 */
public final class ClientReplica {
    private final Map<String, String> texts = new LinkedHashMap<>();
    private final Map<String, Long> versions = new LinkedHashMap<>();
    private final Map<String, TextOp> buffers = new LinkedHashMap<>();
    private Inflight inflight;
    private long nextSeq = 1;

    /** The submission in flight: which clause, from which version, with which op. */
    public record Inflight(long seq, String clauseId, long version, TextOp op) {
    }

    public void reset(Map<String, String> newTexts, Map<String, Long> newVersions) {
        texts.clear();
        versions.clear();
        buffers.clear();
        inflight = null;
        texts.putAll(newTexts);
        versions.putAll(newVersions);
    }

    public void localEdit(String clauseId, TextOp op) {
        texts.put(clauseId, op.apply(texts.get(clauseId)));
        TextOp buffered = buffers.get(clauseId);
        buffers.put(clauseId, buffered == null ? op : buffered.compose(op));
    }

    /** Moves the next buffered edit in flight, when nothing is; returns it, or null. */
    public Inflight nextSubmission() {
        if (inflight != null || buffers.isEmpty()) {
            return null;
        }
        String clauseId = buffers.keySet().iterator().next();
        inflight = new Inflight(nextSeq++, clauseId, versions.get(clauseId), buffers.remove(clauseId));
        return inflight;
    }

    public Inflight inflight() {
        return inflight;
    }

    public boolean isOwn(String clientId, String commitClientId, long seq) {
        return inflight != null && clientId.equals(commitClientId) && inflight.seq() == seq;
    }

    /** Our in-flight change came back as a commit applied to {@code version}. */
    public void acknowledged(String clauseId, long version) {
        versions.put(clauseId, version + 1);
        inflight = null;
    }

    /** The server refused the in-flight change (the clause was deleted, say): drop it. */
    public void refused() {
        inflight = null;
    }

    /** Someone else's text change, applied by the server to {@code version} of the clause. */
    public void remoteText(String clauseId, long version, TextOp remote) {
        if (!texts.containsKey(clauseId)) {
            return;
        }
        if (inflight != null && inflight.clauseId().equals(clauseId)) {
            TextOp mine = inflight.op();
            inflight = new Inflight(inflight.seq(), clauseId, version + 1, mine.transform(remote, Side.RIGHT));
            remote = remote.transform(mine, Side.LEFT);
        }
        TextOp buffered = buffers.get(clauseId);
        if (buffered != null) {
            buffers.put(clauseId, buffered.transform(remote, Side.RIGHT));
            remote = remote.transform(buffered, Side.LEFT);
        }
        texts.put(clauseId, remote.apply(texts.get(clauseId)));
        versions.put(clauseId, version + 1);
    }

    public void remoteInsert(String clauseId, String text) {
        texts.put(clauseId, text);
        versions.put(clauseId, 0L);
    }

    public void remoteDelete(String clauseId) {
        texts.remove(clauseId);
        versions.remove(clauseId);
        buffers.remove(clauseId);
    }

    public boolean idle() {
        return inflight == null && buffers.isEmpty();
    }

    public Map<String, String> texts() {
        return new LinkedHashMap<>(texts);
    }

    public String text(String clauseId) {
        return texts.get(clauseId);
    }

    public Long version(String clauseId) {
        return versions.get(clauseId);
    }
}
