package plenary.search;

import java.util.List;

/**
 * One result. The snippet is a list of parts, each marked as a match or not, rather than HTML,
 * so no client has to trust markup built from what delegates typed.
 */
public record SearchHit(SearchKind kind, String documentId, String documentTitle, String meetingId, String clauseId,
                        String number, String targetId, String label, List<Part> snippet, float score) {

    public SearchHit {
        snippet = List.copyOf(snippet);
    }

    /** A run of snippet text; {@code match} when it is a word the query matched. */
    public record Part(String text, boolean match) {
    }
}
