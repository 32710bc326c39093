package plenary.render;

import java.util.Objects;

/** What the adopted PDF certifies: the revision adopted, when, and the SHA-256 of its Markdown text. */
public record AdoptionStamp(long revision, String sha256, String adoptedAt) {
    public AdoptionStamp {
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(adoptedAt, "adoptedAt");
    }
}
