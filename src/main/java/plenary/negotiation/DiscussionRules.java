package plenary.negotiation;

import plenary.amendment.Amendment;
import plenary.amendment.AmendmentState;
import plenary.deliberation.Comment;
import plenary.deliberation.CommentTarget;
import plenary.deliberation.IndicativePosition;
import plenary.deliberation.Phase;
import plenary.document.Document;
import plenary.people.Role;

import java.time.Instant;

/** Comment threads with a stance, and the straw poll on amendments. */
final class DiscussionRules {
    static final int MAX_COMMENT = 10_000;

    private DiscussionRules() {
    }

    static Verdict post(Negotiation n, Command.PostComment c, Actor actor, Instant now, Document document) {
        requireCommentsOpen(n, now);
        if (n.comments.containsKey(c.id())) {
            throw NegotiationException.conflict("duplicate-id", "comment " + c.id() + " exists");
        }
        String body = requireBody(c.body());
        CommentTarget target = c.target();
        String targetId = c.targetId();
        if (c.parentId() != null) {
            Comment parent = n.comments.get(c.parentId());
            // A thread you may not see has nothing to answer: refused, and nothing stored.
            if (parent == null || !Visibility.comment(n, parent, actor)) {
                throw NegotiationException.notFound("no comment " + c.parentId() + " to answer");
            }
            // A reply belongs to its parent's thread, whatever the request said.
            target = parent.target();
            targetId = parent.targetId();
            if (root(n, parent).resolved()) {
                throw NegotiationException.conflict("thread-resolved", "this thread is resolved");
            }
        } else if (target == CommentTarget.CLAUSE) {
            if (document.clause(targetId).isEmpty()) {
                throw NegotiationException.notFound("no clause " + targetId + " in this document");
            }
        } else {
            Visibility.visibleAmendment(n, targetId, actor);
        }
        Comment comment = new Comment(c.id(), target, targetId, c.parentId(), c.stance(), body, actor.userId(),
                actor.name(), actor.delegation(), now.toString(), null, false, false);
        return Verdict.of(new Event.CommentPosted(comment));
    }

    static Verdict edit(Negotiation n, Command.EditComment c, Actor actor, Instant now) {
        Comment comment = live(n, c.id(), actor);
        if (!own(comment, actor)) {
            throw NegotiationException.forbidden("only its author can edit a comment");
        }
        if (now.isAfter(Instant.parse(comment.postedAt()).plus(n.editWindow))) {
            long seconds = n.editWindow.toSeconds();
            throw NegotiationException.conflict("edit-window-closed", "comments can be edited for "
                    + (seconds % 60 == 0 ? seconds / 60 + " minutes" : seconds + " seconds") + " after posting");
        }
        requireCommentsOpen(n, now);
        return Verdict.of(new Event.CommentEdited(comment.id(), requireBody(c.body()), now.toString()));
    }

    static Verdict delete(Negotiation n, Command.DeleteComment c, Actor actor) {
        Comment comment = live(n, c.id(), actor);
        if (!own(comment, actor) && !actor.is(Role.CHAIR)) {
            throw NegotiationException.forbidden("only its author or the chair can delete a comment");
        }
        return Verdict.of(new Event.CommentDeleted(comment.id()));
    }

    static Verdict resolve(Negotiation n, Command.ResolveThread c, Actor actor) {
        Comment comment = Visibility.visibleComment(n, c.id(), actor);
        Comment root = root(n, comment);
        if (!own(root, actor) && !actor.is(Role.CHAIR) && !actor.is(Role.RAPPORTEUR)) {
            throw NegotiationException.forbidden("the thread's author, a rapporteur or the chair resolves a thread");
        }
        if (root.resolved()) {
            throw NegotiationException.conflict("thread-resolved", "this thread is already resolved");
        }
        return Verdict.of(new Event.ThreadResolved(root.id()));
    }

    static Verdict indicative(Negotiation n, Command.IndicativeVote c, Actor actor) {
        if (actor.delegation() == null) {
            throw NegotiationException.forbidden("indicative votes are cast by delegations, and you speak for none");
        }
        Amendment a = n.amendments.get(c.amendmentId());
        if (a == null || a.restricted()) {
            throw NegotiationException.notFound("no tabled amendment " + c.amendmentId());
        }
        if (a.state() != AmendmentState.TABLED) {
            throw NegotiationException.conflict("amendment-closed", "amendment " + a.id() + " is already "
                    + Wire.name(a.state()));
        }
        IndicativePosition before = n.indicative(a.id()).get(actor.delegation());
        if (before == c.position()) {
            throw NegotiationException.conflict("already-voted", actor.delegation() + " already indicated "
                    + Wire.name(c.position()) + " on " + a.id());
        }
        // One position per delegation: a later one replaces it, as in a show of hands taken again.
        return Verdict.of(new Event.IndicativeCast(a.id(), actor.delegation(), c.position()));
    }

    private static Comment live(Negotiation n, String id, Actor actor) {
        Comment comment = Visibility.visibleComment(n, id, actor);
        if (comment.deleted()) {
            throw NegotiationException.conflict("comment-deleted", "comment " + id + " was deleted");
        }
        return comment;
    }

    private static Comment root(Negotiation n, Comment comment) {
        Comment at = comment;
        while (at.parentId() != null && n.comments.containsKey(at.parentId())) {
            at = n.comments.get(at.parentId());
        }
        return at;
    }

    private static boolean own(Comment comment, Actor actor) {
        return actor.userId() != null && actor.userId().equals(comment.authorId());
    }

    private static void requireCommentsOpen(Negotiation n, Instant now) {
        if (!n.phases.get(Phase.COMMENTS).openAt(now)) {
            throw NegotiationException.conflict("comments-closed", "the chair has closed comments");
        }
    }

    private static String requireBody(String body) {
        if (body == null || body.isBlank()) {
            throw NegotiationException.invalid("a comment must not be empty");
        }
        if (body.length() > MAX_COMMENT) {
            throw NegotiationException.invalid("a comment holds at most " + MAX_COMMENT + " characters");
        }
        return body;
    }
}
