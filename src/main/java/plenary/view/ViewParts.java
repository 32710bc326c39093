package plenary.view;

import plenary.amendment.Amendment;
import plenary.amendment.ConflictGroup;
import plenary.amendment.ConflictGroups;
import plenary.amendment.Segment;
import plenary.amendment.Standing;
import plenary.document.Document;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The costly parts of a document's negotiation views, kept from one view to the next while the text
 * stays the same: each amendment's standing and word diff, and the conflict groups. A ballot, a
 * comment or a phase changes none of them, yet makes every view new; with 300 amendments they were
 * most of a state's 29 ms. Amendments and documents are immutable, so they are known by identity:
 * a changed amendment is another object, a changed text another document, which drops all.
 * Safe for the views' threads at once; two of them may compute the same part, and either is right.
 */
public final class ViewParts {
    /** Computing every part every time: for views built once (frames, tests). */
    static final ViewParts NONE = new ViewParts(false);

    private final boolean keeps;
    private Document document;
    private final Map<Amendment, Standing> standings = new IdentityHashMap<>();
    private final Map<Amendment, List<Segment>> diffs = new IdentityHashMap<>();
    private List<Amendment> groupedFrom = List.of();
    private List<ConflictGroup> groups;

    private ViewParts(boolean keeps) {
        this.keeps = keeps;
    }

    /** Parts kept for one document's views. */
    public static ViewParts kept() {
        return new ViewParts(true);
    }

    Standing standing(Amendment a, Document on) {
        if (!keeps) {
            return Standing.of(a, on);
        }
        Standing known;
        synchronized (this) {
            known = current(on) ? standings.get(a) : null;
        }
        if (known != null) {
            return known;
        }
        Standing computed = Standing.of(a, on);
        synchronized (this) {
            if (current(on)) {
                standings.put(a, computed);
            }
        }
        return computed;
    }

    List<Segment> diff(Amendment a, Standing standing, Document on) {
        if (!keeps) {
            return NegotiationJson.diff(a, standing, on);
        }
        List<Segment> known;
        synchronized (this) {
            known = current(on) ? diffs.get(a) : null;
        }
        if (known != null) {
            return known;
        }
        List<Segment> computed = List.copyOf(NegotiationJson.diff(a, standing, on));
        synchronized (this) {
            if (current(on)) {
                diffs.put(a, computed);
            }
        }
        return computed;
    }

    List<ConflictGroup> conflictGroups(Collection<Amendment> amendments, Document on) {
        if (!keeps) {
            return ConflictGroups.of(amendments, on);
        }
        List<Amendment> now = new ArrayList<>(amendments);
        synchronized (this) {
            if (current(on) && groups != null && sameObjects(groupedFrom, now)) {
                return groups;
            }
        }
        List<ConflictGroup> computed = List.copyOf(ConflictGroups.of(now, on));
        synchronized (this) {
            if (current(on)) {
                groupedFrom = now;
                groups = computed;
            }
        }
        return computed;
    }

    /**
     * Whether what is kept was computed on {@code on}; a view of a newer text drops it all (and a
     * view of an older one, built late, keeps nothing).
     */
    private boolean current(Document on) {
        if (document == on) {
            return true;
        }
        if (document == null || on.revision() >= document.revision()) {
            document = on;
            standings.clear();
            diffs.clear();
            groupedFrom = List.of();
            groups = null;
            return true;
        }
        return false;
    }

    private static boolean sameObjects(List<Amendment> a, List<Amendment> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }
}
