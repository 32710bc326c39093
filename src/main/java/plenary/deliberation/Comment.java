package plenary.deliberation;

import java.util.Objects;

/**
 * One comment in a thread. A deleted comment stays as a tombstone (body null) so the replies under
 * it keep their place.
 *
 * @param parentId the comment it answers; null for the first of a thread
 * @param resolved set on the first comment of a thread when the thread is resolved
 */
public record Comment(String id, CommentTarget target, String targetId, String parentId, Stance stance, String body,
                      String authorId, String authorName, String delegation, String postedAt, String editedAt,
                      boolean deleted, boolean resolved) {

    public Comment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(targetId, "targetId");
        Objects.requireNonNull(stance, "stance");
    }

    public Comment edited(String newBody, String at) {
        return new Comment(id, target, targetId, parentId, stance, newBody, authorId, authorName, delegation, postedAt,
                at, false, resolved);
    }

    public Comment tombstone() {
        return new Comment(id, target, targetId, parentId, stance, null, authorId, authorName, delegation, postedAt,
                editedAt, true, resolved);
    }

    public Comment resolvedThread() {
        return new Comment(id, target, targetId, parentId, stance, body, authorId, authorName, delegation, postedAt,
                editedAt, deleted, true);
    }
}
