package plenary.search;

import java.util.Objects;
import java.util.Set;

/**
 * One searchable thing, as the index holds it.
 *
 * @param key        unique in the index: kind and the ids that name it
 * @param number     the paragraph's number where it has one ("PP2", "4", "(b)"), else null
 * @param targetId   the amendment or comment id for those kinds, else null
 * @param label      an amendment's number as the room cites it ("A7"), once tabled; else null
 * @param readers    who may find it: {@link #PUBLIC} for every member of the meeting, else the
 *                   tokens of the delegation and author a draft belongs to (see {@link Scope})
 */
public record Entry(String key, SearchKind kind, String documentId, String meetingId, String documentTitle,
                    String clauseId, String number, String targetId, String label, String text,
                    Set<String> readers) {
    public static final String PUBLIC = "public";

    public Entry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(documentId, "documentId");
        Objects.requireNonNull(meetingId, "meetingId");
        Objects.requireNonNull(text, "text");
        readers = Set.copyOf(readers);
    }
}
