package plenary.amendment;

import java.util.List;

/** Tabled amendments to one clause whose changes overlap: the rapporteur weighs them side by side. */
public record ConflictGroup(String id, String clauseId, List<String> amendmentIds) {

    public ConflictGroup {
        amendmentIds = List.copyOf(amendmentIds);
    }
}
