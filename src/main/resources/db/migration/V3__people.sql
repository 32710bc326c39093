-- Accounts, meetings, roles, sessions and invitations. Runs on H2 (PostgreSQL mode) and PostgreSQL.

CREATE TABLE users (
    id            VARCHAR(64)              NOT NULL PRIMARY KEY,
    username      VARCHAR(64)              NOT NULL UNIQUE,
    display_name  VARCHAR(200)             NOT NULL,
    password_hash VARCHAR(255)             NOT NULL,
    admin         BOOLEAN                  NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE meetings (
    id         VARCHAR(64)              NOT NULL PRIMARY KEY,
    name       VARCHAR(500)             NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- One role per person per meeting; delegates speak for a named delegation.
CREATE TABLE memberships (
    meeting_id VARCHAR(64)              NOT NULL REFERENCES meetings (id),
    user_id    VARCHAR(64)              NOT NULL REFERENCES users (id),
    role       VARCHAR(20)              NOT NULL,
    delegation VARCHAR(200),
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (meeting_id, user_id)
);

-- Only a hash of each session token is stored: a copy of the database logs no one in.
CREATE TABLE sessions (
    token_hash   VARCHAR(64)              NOT NULL PRIMARY KEY,
    user_id      VARCHAR(64)              NOT NULL REFERENCES users (id),
    csrf_token   VARCHAR(64)              NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Single-use, expiring invitations; again only the token's hash is kept.
CREATE TABLE invitations (
    token_hash VARCHAR(64)              NOT NULL PRIMARY KEY,
    meeting_id VARCHAR(64)              NOT NULL REFERENCES meetings (id),
    role       VARCHAR(20)              NOT NULL,
    delegation VARCHAR(200),
    created_by VARCHAR(64)              NOT NULL REFERENCES users (id),
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at    TIMESTAMP WITH TIME ZONE,
    used_by    VARCHAR(64)
);

-- Every document belongs to a meeting. Drafts stored before meetings existed join a first one.
INSERT INTO meetings (id, name, created_at)
SELECT 'first-meeting', 'First meeting', CURRENT_TIMESTAMP FROM documents HAVING COUNT(*) > 0;
ALTER TABLE documents ADD COLUMN meeting_id VARCHAR(64) REFERENCES meetings (id);
UPDATE documents SET meeting_id = 'first-meeting' WHERE meeting_id IS NULL;
