package plenary.store;

import plenary.document.DocumentMeta;
import plenary.document.DocumentStatus;

import java.time.Instant;

/** One line of the document list: what can be shown without loading the text. */
public record DocumentSummary(String id, String meetingId, String title, DocumentStatus status, long revision,
                              int clauseCount, DocumentMeta meta, Instant createdAt, Instant updatedAt) {
}
