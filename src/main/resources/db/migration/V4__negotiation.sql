-- The negotiation log: every state change of a document's negotiation (amendments, comments,
-- votes, phases, silence, adoption), in order. The negotiation is rebuilt by folding it, and it is
-- the audit log: rows are appended, never updated or deleted.
CREATE TABLE negotiation_events (
    document_id  VARCHAR(64)              NOT NULL REFERENCES documents (id),
    seq          BIGINT                   NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    actor_id     VARCHAR(64),
    actor_name   VARCHAR(200),
    delegation   VARCHAR(200),
    revision     BIGINT                   NOT NULL,
    event_type   VARCHAR(40)              NOT NULL,
    subject      VARCHAR(300),
    before_state VARCHAR(1000),
    after_state  VARCHAR(1000),
    payload      TEXT                     NOT NULL,
    PRIMARY KEY (document_id, seq)
);
