-- One history per document, and one writer at a time.
--
-- Each logged commit records who submitted it (duplicates are recognised per submitter, not per
-- client id alone) and a SHA-256 chained over the commit before it, so a client can tell whether
-- the server's history still holds the last commit it saw. V6 fills the hashes of older rows.
ALTER TABLE operations ADD COLUMN author_id VARCHAR(64);
ALTER TABLE operations ADD COLUMN hash VARCHAR(64);

-- The head's negotiation sequence beside its revision: a write states both as it expects them,
-- so a writer that is behind (a second process on the same database) fails instead of writing.
ALTER TABLE documents ADD COLUMN negotiation_seq BIGINT NOT NULL DEFAULT 0;
UPDATE documents SET negotiation_seq = COALESCE(
    (SELECT MAX(seq) FROM negotiation_events WHERE negotiation_events.document_id = documents.id), 0);
