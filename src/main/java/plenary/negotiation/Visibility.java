package plenary.negotiation;

import plenary.amendment.Amendment;
import plenary.deliberation.BallotKind;
import plenary.deliberation.Comment;
import plenary.deliberation.CommentTarget;
import plenary.deliberation.VoteStage;
import plenary.people.Role;

import java.util.Optional;

/**
 * The one rule for what of a negotiation a person sees, asked by every path: the views, the
 * commands, the live socket, search and the audit log.
 *
 * <p>A delegation's own business is its draft (a draft, or a draft withdrawn without ever being
 * tabled) and every comment of a thread begun on it while it was one, for good. Only the delegates
 * of that delegation, as they are now, see it; to everyone else, chair and admins included, it does
 * not exist. A ballot's choice is seen where the vote shows it: by name, once a roll-call vote is
 * closed.
 */
public final class Visibility {
    /** The whole room at once, as the live socket addresses it: it speaks for no delegation. */
    public static final Actor ROOM = new Actor(null, "the room", null, null);

    /** How much of a logged entry a person may read. */
    public enum Seen {
        WHOLE,
        /** A ballot without its choice: who voted, not how. */
        WITHOUT_CHOICE,
        /** Only that something happened: seq, time, revision. */
        HIDDEN
    }

    private Visibility() {
    }

    /** True when the viewer is a delegate of {@code delegation}. */
    public static boolean speaksFor(Actor viewer, String delegation) {
        return viewer.is(Role.DELEGATE) && delegation != null && delegation.equals(viewer.delegation());
    }

    public static boolean amendment(Amendment a, Actor viewer) {
        return !a.restricted() || viewer.is(Role.DELEGATE) && a.sponsoredBy(viewer.delegation());
    }

    public static boolean comment(Negotiation n, Comment c, Actor viewer) {
        Optional<String> privateTo = n.privateTo(c.id());
        if (privateTo.isPresent()) {
            return speaksFor(viewer, privateTo.get());
        }
        return c.target() != CommentTarget.AMENDMENT
                || n.amendment(c.targetId()).map(a -> amendment(a, viewer)).orElse(false);
    }

    /** An amendment the actor may see, or a refusal that reads the same as for one that does not exist. */
    static Amendment visibleAmendment(Negotiation n, String id, Actor actor) {
        Amendment a = n.amendments.get(id);
        if (a == null || !amendment(a, actor)) {
            throw NegotiationException.notFound("no amendment " + id);
        }
        return a;
    }

    /** A comment the actor may see, or the same refusal as for one that does not exist. */
    static Comment visibleComment(Negotiation n, String id, Actor actor) {
        Comment c = n.comments.get(id);
        if (c == null || !comment(n, c, actor)) {
            throw NegotiationException.notFound("no comment " + id);
        }
        return c;
    }

    /** The readers who see no delegation's own business: every role outside the delegations, and most delegates. */
    public static final String ROOM_READERS = "room";

    /**
     * Which readers see exactly what {@code viewer} sees of {@code n}: {@link #ROOM_READERS}, unless
     * the viewer is a delegate whose delegation has a draft or a private thread now, which only its
     * own delegates see. A view built for one reader of a class is the view of every one of them.
     */
    public static String readers(Negotiation n, Actor viewer) {
        if (!viewer.is(Role.DELEGATE) || viewer.delegation() == null) {
            return ROOM_READERS;
        }
        String own = "delegation:" + viewer.delegation();
        for (Amendment a : n.amendments()) {
            if (a.restricted() && amendment(a, viewer)) {
                return own;
            }
        }
        for (Comment c : n.comments()) {
            if (n.privateTo(c.id()).isPresent() && comment(n, c, viewer)) {
                return own;
            }
        }
        return ROOM_READERS;
    }

    /** How much of a logged entry the viewer may read, judged against the negotiation as it is now. */
    public static Seen entry(Negotiation n, Recorded r, Actor viewer) {
        return switch (r.event()) {
            case Event.AmendmentDrafted e -> amendmentEntry(n, e.amendment().id(), viewer);
            case Event.AmendmentWithdrawn e -> amendmentEntry(n, e.id(), viewer);
            case Event.CommentPosted e -> commentEntry(n, e.comment().id(), viewer);
            case Event.CommentEdited e -> commentEntry(n, e.id(), viewer);
            case Event.CommentDeleted e -> commentEntry(n, e.id(), viewer);
            case Event.ThreadResolved e -> commentEntry(n, e.id(), viewer);
            case Event.BallotCast e -> n.vote(e.voteId())
                    .filter(v -> v.stage() == VoteStage.CLOSED && v.ballot() == BallotKind.ROLL_CALL).isPresent()
                    ? Seen.WHOLE : Seen.WITHOUT_CHOICE;
            default -> Seen.WHOLE;
        };
    }

    private static Seen amendmentEntry(Negotiation n, String id, Actor viewer) {
        return n.amendment(id).filter(a -> amendment(a, viewer)).isPresent() ? Seen.WHOLE : Seen.HIDDEN;
    }

    private static Seen commentEntry(Negotiation n, String id, Actor viewer) {
        return n.comment(id).filter(c -> comment(n, c, viewer)).isPresent() ? Seen.WHOLE : Seen.HIDDEN;
    }
}
