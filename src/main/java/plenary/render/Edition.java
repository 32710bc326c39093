package plenary.render;

import plenary.amendment.Amendment;
import plenary.amendment.AmendmentState;
import plenary.amendment.ConflictGroups;
import plenary.deliberation.FormalVote;
import plenary.deliberation.VoteStage;
import plenary.document.Document;
import plenary.document.DocumentStatus;
import plenary.negotiation.Negotiation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything an export shows, taken at one moment: the text, the amendments pending on it, the
 * record of closed formal votes and the adoption. A plain value, so it is taken on the document's
 * sequencer (where text and negotiation agree) and rendered elsewhere, on a worker thread.
 *
 * @param pending        tabled amendments, in the order they were written; never drafts, which stay private
 * @param conflictGroups amendment id → the id of its conflict group, for those in one
 * @param votes          formal votes that are closed, in the order they were called
 * @param adoption       null until the document is adopted
 * @param voteSubjects   amendment id → how the vote annex names an amendment voted on that is no
 *                       longer pending ("amendment A4 of City of Graz to paragraph 3 (accepted)")
 * @param labels         amendment id → its number as the room cites it ("A7"), for every amendment
 *                       ever tabled ({@link Negotiation#label})
 */
public record Edition(Document document, List<Amendment> pending, Map<String, String> conflictGroups,
                      List<FormalVote> votes, AdoptionStamp adoption, Map<String, String> voteSubjects,
                      Map<String, String> labels) {

    public Edition {
        Objects.requireNonNull(document, "document");
        pending = List.copyOf(pending);
        conflictGroups = Map.copyOf(conflictGroups);
        votes = List.copyOf(votes);
        voteSubjects = Map.copyOf(voteSubjects);
        labels = Map.copyOf(labels);
    }

    public Edition(Document document, List<Amendment> pending, Map<String, String> conflictGroups,
                   List<FormalVote> votes, AdoptionStamp adoption) {
        this(document, pending, conflictGroups, votes, adoption, Map.of(), Map.of());
    }

    public Edition(Document document, List<Amendment> pending, Map<String, String> conflictGroups,
                   List<FormalVote> votes, AdoptionStamp adoption, Map<String, String> voteSubjects) {
        this(document, pending, conflictGroups, votes, adoption, voteSubjects, Map.of());
    }

    /** A text with no negotiation around it, as the command-line export reads it from a file. */
    public static Edition of(Document document) {
        return new Edition(document, List.of(), Map.of(), List.of(), null);
    }

    /** The text with its negotiation, as everyone with read access may see it. */
    public static Edition of(Document document, Negotiation negotiation) {
        List<Amendment> pending = negotiation.amendments().stream()
                .filter(a -> a.state() == AmendmentState.TABLED).toList();
        Map<String, String> groups = ConflictGroups.byAmendment(negotiation.amendments(), document);
        List<FormalVote> closed = negotiation.votes().stream().filter(v -> v.stage() == VoteStage.CLOSED).toList();
        AdoptionStamp stamp = negotiation.adoption()
                .map(a -> new AdoptionStamp(a.revision(), a.sha256(), a.at())).orElse(null);
        Map<String, String> labels = new LinkedHashMap<>();
        for (Amendment a : negotiation.amendments()) {
            String label = negotiation.label(a.id());
            if (label != null) {
                labels.put(a.id(), label);
            }
        }
        Map<String, String> subjects = new LinkedHashMap<>();
        for (FormalVote vote : closed) {
            if (vote.subject() == plenary.deliberation.VoteSubject.AMENDMENT && vote.subjectId() != null) {
                negotiation.amendment(vote.subjectId())
                        .ifPresent(a -> subjects.put(a.id(), describe(a, labels.get(a.id()), document)));
            }
        }
        return new Edition(document, pending, groups, closed, stamp, subjects, labels);
    }

    /** "amendment A4 of City of Graz to paragraph 3 (accepted)": an amendment named by its number, not its id. */
    private static String describe(Amendment a, String label, Document document) {
        int at = document.indexOf(a.clauseId());
        String number = at < 0 ? null : document.numbers().get(at);
        return (label == null ? "the amendment" : "amendment " + label)
                + (a.sponsor() == null ? " of the rapporteurs (a compromise)" : " of " + a.sponsor())
                + (number == null ? "" : " to paragraph " + number)
                + " (" + a.state().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ")";
    }

    public boolean adopted() {
        return adoption != null || document.status() == DocumentStatus.ADOPTED;
    }
}
