package plenary.amendment;

import java.util.List;

/** One change to a token list: tokens {@code [start, end)} of the base become {@code replacement}. */
record Hunk(int start, int end, List<String> replacement) {

    /** Two changes overlap, or touch so closely that their order would be a guess. */
    boolean clashesWith(Hunk other) {
        return start <= other.end && other.start <= end;
    }
}
