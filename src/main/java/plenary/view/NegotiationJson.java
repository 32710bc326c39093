package plenary.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import plenary.amendment.Amendment;
import plenary.amendment.AmendmentKind;
import plenary.amendment.AmendmentState;
import plenary.amendment.ConflictGroup;
import plenary.amendment.ConflictGroups;
import plenary.amendment.Segment;
import plenary.amendment.Standing;
import plenary.amendment.WordDiff;
import plenary.deliberation.Ballot;
import plenary.deliberation.BallotKind;
import plenary.deliberation.Comment;
import plenary.deliberation.FormalVote;
import plenary.deliberation.IndicativePosition;
import plenary.deliberation.Phase;
import plenary.deliberation.PhaseWindow;
import plenary.deliberation.SilenceProcedure;
import plenary.deliberation.VoteStage;
import plenary.document.Clause;
import plenary.document.Document;
import plenary.negotiation.Actor;
import plenary.negotiation.Event;
import plenary.negotiation.EventJson;
import plenary.negotiation.Negotiation;
import plenary.negotiation.Recorded;
import plenary.negotiation.Visibility;
import plenary.negotiation.Wire;

import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON views of a negotiation, as one person may see it ({@link Visibility}): other delegations'
 * drafts and their threads are left out, and a formal vote's choices are shown only once it is
 * closed (by name only for a roll call).
 * Standings, diffs and conflict groups are computed here against the current text.
 */
public final class NegotiationJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private NegotiationJson() {
    }

    /**
     * Everything at once: what a client loads before following the live frames. The costly parts
     * (standings, diffs, conflict groups) come from, and are kept in, {@code parts}.
     */
    static ObjectNode state(Negotiation n, Document document, Actor viewer, Instant now, ViewParts parts) {
        ObjectNode out = NODES.objectNode();
        out.put("documentId", document.id());
        out.put("revision", document.revision());
        out.put("seq", n.seq());
        out.put("documentStatus", document.status().wireName());
        out.set("phases", phases(n, now));
        // Found once: each pair of tabled amendments on a clause is compared, rebased on today's text.
        List<ConflictGroup> found = parts.conflictGroups(n.amendments(), document);
        Map<String, String> groups = ConflictGroups.byAmendment(found);
        ArrayNode amendments = out.putArray("amendments");
        for (Amendment a : listed(n)) {
            if (visible(a, viewer)) {
                amendments.add(amendment(a, n, document, groups.get(a.id()), true, parts));
            }
        }
        ArrayNode conflictGroups = out.putArray("conflictGroups");
        for (ConflictGroup g : found) {
            conflictGroups.add(group(g));
        }
        ArrayNode comments = out.putArray("comments");
        for (Comment c : n.comments()) {
            if (commentVisible(c, n, viewer)) {
                comments.add(comment(c));
            }
        }
        ArrayNode votes = out.putArray("votes");
        n.votes().forEach(v -> votes.add(vote(v)));
        ArrayNode silences = out.putArray("silences");
        n.silences().forEach(s -> silences.add(silence(s)));
        out.set("adoption", adoption(n));
        return out;
    }

    /**
     * The amendments by when they were drafted, then by id: an order a live client can keep when an
     * amendment becomes visible to it long after (a draft tabled), whatever else it saw meanwhile.
     */
    public static List<Amendment> listed(Negotiation n) {
        return n.amendments().stream().sorted(BY_CREATION).toList();
    }

    private static final Comparator<Amendment> BY_CREATION = Comparator
            .comparing((Amendment a) -> Instant.parse(a.createdAt())).thenComparing(Amendment::id);

    /** Each phase open or closed as of {@code now}, with its deadline while open. */
    public static ObjectNode phases(Negotiation n, Instant now) {
        ObjectNode phases = NODES.objectNode();
        for (Phase phase : Phase.values()) {
            PhaseWindow window = n.phases().get(phase);
            // An adopted text is closed to everything, whatever the windows said before.
            boolean open = window.openAt(now) && n.adoption().isEmpty();
            phases.putObject(Wire.name(phase)).put("open", open).put("deadline", open ? window.deadline() : null);
        }
        return phases;
    }

    /** The adoption record, or null. */
    public static JsonNode adoption(Negotiation n) {
        return n.adoption().<JsonNode>map(a -> NODES.objectNode().put("revision", a.revision())
                .put("sha256", a.sha256()).put("adoptedAt", a.at())).orElse(NODES.nullNode());
    }

    /**
     * Just the conflict groups ({@code GET …/conflicts}): they hold tabled amendments only, which
     * everyone may see, so the answer is the same for every reader and needs none of the rest.
     */
    static ObjectNode conflicts(Negotiation n, Document document, ViewParts parts) {
        ObjectNode out = NODES.objectNode();
        ArrayNode groups = out.putArray("groups");
        for (ConflictGroup g : parts.conflictGroups(n.amendments(), document)) {
            groups.add(group(g));
        }
        return out;
    }

    /** {@link Visibility#amendment}: every view asks the one rule. */
    public static boolean visible(Amendment a, Actor viewer) {
        return Visibility.amendment(a, viewer);
    }

    /** {@link Visibility#comment}. */
    public static boolean commentVisible(Comment c, Negotiation n, Actor viewer) {
        return Visibility.comment(n, c, viewer);
    }

    /** Which conflict group each tabled amendment is in, if any. */
    static Map<String, String> groupOf(Negotiation n, Document document, ViewParts parts) {
        return ConflictGroups.byAmendment(parts.conflictGroups(n.amendments(), document));
    }

    static ObjectNode amendment(Amendment a, Negotiation n, Document document, String group, ViewParts parts) {
        return amendment(a, n, document, group, true, parts);
    }

    /**
     * An amendment as a live frame carries it: without its {@code diff}, without its
     * {@code proposal} when that is its {@code text}, and, while pending, without its {@code baseText}
     * when that is the clause's text now. The reader works them out from the clause's text it holds
     * (web/docs/negotiation-api.md, "Live frames"): they repeated the paragraph up to four times, to
     * every socket, for each amendment tabled (issue 17: 4.5 KB per observer, 2 KB the target).
     */
    public static ObjectNode inFrame(Amendment a, Negotiation n, Document document, String group) {
        ObjectNode out = amendment(a, n, document, group, false, ViewParts.NONE);
        if (out.has("proposal") && out.get("proposal").equals(out.get("text"))) {
            out.remove("proposal");
        }
        if (a.state().pending() && a.baseText() != null
                && document.clause(a.clauseId()).map(Clause::text).filter(a.baseText()::equals).isPresent()) {
            out.remove("baseText");
        }
        return out;
    }

    private static ObjectNode amendment(Amendment a, Negotiation n, Document document, String group, boolean diff,
                                        ViewParts parts) {
        ObjectNode out = NODES.objectNode();
        out.put("id", a.id());
        // Its number from its tabling on, for good ("A7"): the room cites it; null for a draft.
        out.put("number", n.number(a.id()));
        out.put("kind", Wire.name(a.kind()));
        out.put("clauseId", a.clauseId());
        out.put("clauseNumber", number(document, a.clauseId()));
        out.put("after", a.afterId());
        out.put("clauseKind", a.newKind() == null ? null : a.newKind().wireName());
        out.put("baseVersion", a.baseVersion());
        out.put("baseText", a.baseText());
        out.put("text", a.proposed());
        out.put("sponsor", a.sponsor());
        out.set("cosponsors", EventJson.tree(a.cosponsors()));
        out.put("rationale", a.rationale());
        out.put("author", a.authorName());
        out.put("state", Wire.name(a.state()));
        out.put("reason", a.state() == AmendmentState.REJECTED ? a.outcome() : null);
        out.put("supersededBy", a.state() == AmendmentState.SUPERSEDED ? a.outcome() : null);
        out.set("lineage", EventJson.tree(a.lineage()));
        out.put("createdAt", a.createdAt());
        if (a.state().pending()) {
            Standing standing = parts.standing(a, document);
            out.put("standing", Wire.name(standing.kind()));
            out.put("stale", standing.stale());
            out.put("proposal", standing.proposal());
            out.set("conflicts", EventJson.tree(standing.conflicts()));
            if (diff) {
                out.set("diff", segments(parts.diff(a, standing, document)));
            }
        }
        out.put("conflictGroup", group);
        out.set("indicative", indicative(n.indicative(a.id())));
        return out;
    }

    /** The amendment against the clause as it is now, word by word. */
    public static List<Segment> diff(Amendment a, Standing standing, Document document) {
        String current = document.clause(a.clauseId()).map(Clause::text).orElse("");
        return switch (a.kind()) {
            case MODIFY -> standing.proposal() == null ? WordDiff.between(a.baseText(), a.proposed())
                    : WordDiff.between(current, standing.proposal());
            case INSERT -> List.of(new Segment(Segment.Kind.INSERT, a.proposed()));
            case DELETE -> List.of(new Segment(Segment.Kind.DELETE, current));
            case MOVE -> List.of(new Segment(Segment.Kind.EQUAL, current));
        };
    }

    public static ArrayNode segments(List<Segment> segments) {
        ArrayNode out = NODES.arrayNode();
        segments.forEach(s -> out.addObject().put("kind", Wire.name(s.kind())).put("text", s.text()));
        return out;
    }

    public static ObjectNode indicative(Map<String, IndicativePosition> positions) {
        Map<IndicativePosition, Integer> counts = new EnumMap<>(IndicativePosition.class);
        for (IndicativePosition p : IndicativePosition.values()) {
            counts.put(p, 0);
        }
        positions.values().forEach(p -> counts.merge(p, 1, Integer::sum));
        ObjectNode out = NODES.objectNode();
        counts.forEach((p, count) -> out.put(Wire.name(p), count));
        ObjectNode by = out.putObject("positions");
        positions.forEach((delegation, p) -> by.put(delegation, Wire.name(p)));
        return out;
    }

    public static ObjectNode group(ConflictGroup g) {
        ObjectNode out = NODES.objectNode().put("id", g.id()).put("clauseId", g.clauseId());
        out.set("amendments", EventJson.tree(g.amendmentIds()));
        return out;
    }

    public static ObjectNode comment(Comment c) {
        ObjectNode out = NODES.objectNode();
        out.put("id", c.id());
        out.put("target", Wire.name(c.target()));
        out.put("targetId", c.targetId());
        out.put("parentId", c.parentId());
        out.put("stance", Wire.name(c.stance()));
        out.put("body", c.body());
        out.put("author", c.authorName());
        out.put("authorId", c.authorId());
        out.put("delegation", c.delegation());
        out.put("postedAt", c.postedAt());
        out.put("editedAt", c.editedAt());
        out.put("deleted", c.deleted());
        out.put("resolved", c.resolved());
        return out;
    }

    public static ObjectNode vote(FormalVote v) {
        ObjectNode out = NODES.objectNode();
        out.put("id", v.id());
        out.put("subject", Wire.name(v.subject()));
        out.put("subjectId", v.subjectId());
        out.put("question", v.question());
        out.put("majority", Wire.name(v.rule()));
        out.put("ballot", Wire.name(v.ballot()));
        out.put("quorum", v.quorum());
        out.set("electorate", EventJson.tree(v.electorate()));
        out.put("stage", Wire.name(v.stage()));
        out.set("present", EventJson.tree(v.present()));
        out.put("ballotsCast", v.ballots().size());
        out.set("voted", EventJson.tree(v.ballots().stream().map(Ballot::delegation).toList()));
        out.put("calledAt", v.calledAt());
        out.put("closedAt", v.closedAt());
        if (v.stage() == VoteStage.CLOSED) {
            out.set("result", EventJson.tree(v.result()));
            if (v.ballot() == BallotKind.ROLL_CALL) {
                ArrayNode roll = out.putArray("rollCall");
                v.ballots().forEach(b -> roll.addObject().put("delegation", b.delegation()).put("voter", b.voter())
                        .put("choice", Wire.name(b.choice())));
            }
        } else {
            out.putNull("result");
        }
        return out;
    }

    /**
     * A vote as a live frame carries it: its {@code electorate}, fixed when it is called, only in the
     * frame of its call, and its {@code present} only when that changed; the reader keeps the lists it
     * has. Each ballot of a roll call resent 200 delegations' names twice, to every socket.
     */
    public static ObjectNode voteInFrame(FormalVote v, boolean called, boolean presenceChanged) {
        ObjectNode out = vote(v);
        if (!called) {
            out.remove("electorate");
            if (!presenceChanged) {
                out.remove("present");
            }
        }
        return out;
    }

    public static ObjectNode silence(SilenceProcedure s) {
        ObjectNode out = NODES.objectNode();
        out.put("id", s.id());
        out.set("clauseIds", EventJson.tree(s.clauseIds()));
        out.put("deadline", s.deadline());
        out.put("concluded", s.concluded());
        out.set("breaks", EventJson.tree(s.breaks()));
        out.set("held", EventJson.tree(s.held()));
        out.set("broken", EventJson.tree(s.brokenClauses()));
        return out;
    }

    /**
     * One logged entry as {@code seen} allows, in the audit log and the live frames alike: a hidden
     * one says only that something happened, a ballot without its choice says who voted.
     */
    public static ObjectNode entry(Recorded r, Visibility.Seen seen) {
        return switch (seen) {
            case HIDDEN -> NODES.objectNode().put("seq", r.seq()).put("at", r.at()).put("revision", r.revision())
                    .put("hidden", true);
            case WITHOUT_CHOICE -> recorded(r, r.event() instanceof Event.BallotCast cast
                    ? NODES.objectNode().put("type", "ballot-cast").put("voteId", cast.voteId())
                            .put("delegation", cast.ballot().delegation())
                    : EventJson.encode(r.event()));
            case WHOLE -> recorded(r, EventJson.encode(r.event()));
        };
    }

    /**
     * An entry as a live frame carries it: as {@link #entry}, but a drafting seen whole names its
     * amendment, which comes whole in the same frame's changes, instead of repeating it.
     */
    public static ObjectNode entryInFrame(Recorded r, Visibility.Seen seen) {
        if (seen == Visibility.Seen.WHOLE && r.event() instanceof Event.AmendmentDrafted drafted) {
            return recorded(r, NODES.objectNode().put("type", "amendment-drafted")
                    .put("amendmentId", drafted.amendment().id()).put("clauseId", drafted.amendment().clauseId()));
        }
        return entry(r, seen);
    }

    /** One logged entry with {@code detail}: only through {@link #entry} and {@link #entryInFrame}, so no path shows one unjudged. */
    private static ObjectNode recorded(Recorded r, JsonNode detail) {
        ObjectNode out = NODES.objectNode();
        out.put("seq", r.seq());
        out.put("at", r.at());
        out.putObject("actor").put("id", r.actorId()).put("name", r.actorName()).put("delegation", r.delegation());
        out.put("revision", r.revision());
        out.put("action", detail.get("type").asText());
        out.put("subject", r.transition().subject());
        out.put("before", r.transition().before());
        out.put("after", r.transition().after());
        out.set("detail", detail);
        return out;
    }

    private static String number(Document document, String clauseId) {
        int i = document.indexOf(clauseId);
        return i < 0 ? null : document.numbers().get(i);
    }
}
