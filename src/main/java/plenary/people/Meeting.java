package plenary.people;

import java.time.Instant;

/** A conference (or one of its bodies) whose documents are negotiated together. */
public record Meeting(String id, String name, Instant createdAt) {
}
