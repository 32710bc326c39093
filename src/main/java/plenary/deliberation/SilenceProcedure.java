package plenary.deliberation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Text put under silence until a deadline: any delegation may break silence on a paragraph, with a
 * reason; at the deadline the paragraphs where silence held become agreed.
 *
 * @param versions the version of each paragraph when silence began (aligned with {@code clauseIds}):
 *                 silence holds only on the text that was put under it
 * @param held   filled in at the deadline: the paragraphs agreed by silence
 */
public record SilenceProcedure(String id, List<String> clauseIds, List<Long> versions, String deadline,
                               List<SilenceBreak> breaks, boolean concluded, List<String> held) {

    public SilenceProcedure {
        Objects.requireNonNull(id, "id");
        clauseIds = List.copyOf(clauseIds);
        versions = versions == null ? List.of() : List.copyOf(versions);
        breaks = List.copyOf(breaks);
        held = List.copyOf(held);
    }

    public SilenceProcedure broken(SilenceBreak b) {
        List<SilenceBreak> more = new ArrayList<>(breaks);
        more.add(b);
        return new SilenceProcedure(id, clauseIds, versions, deadline, more, concluded, held);
    }

    public SilenceProcedure concluded(List<String> heldClauses) {
        return new SilenceProcedure(id, clauseIds, versions, deadline, breaks, true, heldClauses);
    }

    /** The version a paragraph had when silence began, or -1 when unknown. */
    public long versionOf(String clauseId) {
        int i = clauseIds.indexOf(clauseId);
        return i >= 0 && i < versions.size() ? versions.get(i) : -1;
    }

    public List<String> brokenClauses() {
        return breaks.stream().map(SilenceBreak::clauseId).distinct().toList();
    }

    /** One break of silence: which paragraph, by whom, and why. */
    public record SilenceBreak(String clauseId, String delegation, String by, String reason, String at) {
    }
}
