package plenary.amendment;

import plenary.document.Clause;
import plenary.document.Document;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Groups the tabled amendments of each clause that cannot all be taken as they are: modifications
 * whose (rebased) changes touch the same words, a deletion against anything else on its clause,
 * and two moves of one clause. Insertions after one clause do not compete: both can be added.
 */
public final class ConflictGroups {
    private ConflictGroups() {
    }

    /** Amendment id → the id of its conflict group, for those in one. */
    public static Map<String, String> byAmendment(Collection<Amendment> amendments, Document document) {
        return byAmendment(of(amendments, document));
    }

    /** Amendment id → the id of its conflict group, from groups found already. */
    public static Map<String, String> byAmendment(List<ConflictGroup> groups) {
        Map<String, String> out = new LinkedHashMap<>();
        for (ConflictGroup g : groups) {
            g.amendmentIds().forEach(id -> out.put(id, g.id()));
        }
        return out;
    }

    public static List<ConflictGroup> of(Collection<Amendment> amendments, Document document) {
        Map<String, List<Amendment>> byClause = new TreeMap<>();
        for (Amendment a : amendments) {
            if (a.state() == AmendmentState.TABLED && a.kind() != AmendmentKind.INSERT) {
                byClause.computeIfAbsent(a.clauseId(), k -> new ArrayList<>()).add(a);
            }
        }
        List<ConflictGroup> groups = new ArrayList<>();
        byClause.forEach((clauseId, list) -> document.clause(clauseId)
                .ifPresent(clause -> groups.addAll(groupsOf(clause, list, document))));
        return groups;
    }

    private static List<ConflictGroup> groupsOf(Clause clause, List<Amendment> list, Document document) {
        int n = list.size();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        List<Standing> standings = list.stream().map(a -> Standing.of(a, document)).toList();
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (compete(clause, list.get(i), standings.get(i), list.get(j), standings.get(j))) {
                    parent[find(parent, i)] = find(parent, j);
                }
            }
        }
        Map<Integer, List<String>> members = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            members.computeIfAbsent(find(parent, i), k -> new ArrayList<>()).add(list.get(i).id());
        }
        List<ConflictGroup> groups = new ArrayList<>();
        for (List<String> ids : members.values()) {
            if (ids.size() > 1) {
                groups.add(new ConflictGroup("group-" + ids.getFirst(), clause.id(), ids));
            }
        }
        return groups;
    }

    private static boolean compete(Clause clause, Amendment a, Standing sa, Amendment b, Standing sb) {
        if (a.kind() == AmendmentKind.DELETE || b.kind() == AmendmentKind.DELETE) {
            return true;
        }
        if (a.kind() == AmendmentKind.MOVE || b.kind() == AmendmentKind.MOVE) {
            return a.kind() == b.kind();
        }
        // Two modifications: compare what each would do to the text as it is now.
        if (sa.proposal() == null || sb.proposal() == null) {
            return false; // a conflicting one is flagged on its own; it has no place in today's text yet
        }
        return Overlap.between(clause.text(), sa.proposal(), sb.proposal());
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }
}
