package plenary.editing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The identity of a document's history: each commit's SHA-256 covers the hash of the commit before
 * it and what this one did (revision, change, submitter), so two histories that agree on the hash
 * at a revision agree on everything up to it. A client that kept the hash of the last commit it saw
 * can tell whether a server still has that commit, after a restore from an older backup, say.
 * The change is hashed in its canonical JSON, so a commit read back from the log hashes the same.
 */
public final class CommitHash {
    private CommitHash() {
    }

    /** The hash "before revision 1" of a document: its id, so no two documents share a history. */
    public static String genesis(String documentId) {
        return sha256("plenary-history\n" + documentId);
    }

    /** The hash of {@code commit} following {@code previous}. */
    public static String next(String previous, Commit commit) {
        return sha256(previous + "\n" + commit.revision() + "\n" + ChangeJson.encode(commit.change()) + "\n"
                + nullToEmpty(commit.clientId()) + "\n" + commit.seq() + "\n" + nullToEmpty(commit.authorId()));
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
