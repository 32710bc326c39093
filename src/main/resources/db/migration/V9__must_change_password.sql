-- An account whose password must be changed before it may sign in: the first admin, when its
-- password was generated and printed to the log. Runs on H2 (PostgreSQL mode) and PostgreSQL.
ALTER TABLE users ADD COLUMN must_change_password BOOLEAN DEFAULT FALSE NOT NULL;
