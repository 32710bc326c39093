-- Runs on H2 (MODE=PostgreSQL) and on PostgreSQL alike: keep to the types and syntax both share.

-- The head of each document: what lists and look-ups need without reading a snapshot.
CREATE TABLE documents (
    id           VARCHAR(64)              NOT NULL PRIMARY KEY,
    title        TEXT                     NOT NULL,
    status       VARCHAR(20)              NOT NULL,
    revision     BIGINT                   NOT NULL,
    clause_count INTEGER                  NOT NULL,
    meta         TEXT                     NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Whole-document states at chosen revisions (JSON). Revision 0 is the imported draft; later
-- revisions come from the operation log, so loading never replays a whole history.
CREATE TABLE document_snapshots (
    document_id VARCHAR(64)              NOT NULL REFERENCES documents (id),
    revision    BIGINT                   NOT NULL,
    body        TEXT                     NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (document_id, revision)
);
