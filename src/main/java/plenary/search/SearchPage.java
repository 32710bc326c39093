package plenary.search;

import java.util.List;

/** One page of results: {@code total} matches in all, {@code hits} the ones on page {@code page} (from 1). */
public record SearchPage(long total, int page, int size, List<SearchHit> hits) {
    public SearchPage {
        hits = List.copyOf(hits);
    }
}
