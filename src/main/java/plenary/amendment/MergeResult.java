package plenary.amendment;

import java.util.List;

/** The outcome of rebasing an amendment: merged text, or the places where the two changes collide. */
public sealed interface MergeResult {

    record Merged(String text) implements MergeResult {
    }

    /** {@code base} text of each colliding region, so the rapporteur sees what both sides touched. */
    record Conflict(List<String> regions) implements MergeResult {
    }
}
