-- The operation log: every change to a document, in revision order, written before it is
-- acknowledged. History, reconnect catch-up and audit all read it.
CREATE TABLE operations (
    document_id VARCHAR(64)              NOT NULL REFERENCES documents (id),
    revision    BIGINT                   NOT NULL,
    clause_id   VARCHAR(64)              NOT NULL,
    change_type VARCHAR(20)              NOT NULL,
    payload     TEXT                     NOT NULL,
    client_id   VARCHAR(64),
    client_seq  BIGINT,
    author      VARCHAR(200),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (document_id, revision)
);

-- Each client's last applied sequence number at the snapshot, so exactly-once survives a restart.
ALTER TABLE document_snapshots ADD COLUMN clients TEXT NOT NULL DEFAULT '{}';
