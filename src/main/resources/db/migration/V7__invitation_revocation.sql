-- Invitations can be listed and revoked. Each gets a public id (its token is shown once and only its
-- hash is kept, so the token cannot name it) and a revocation: by the chair or an admin, or by the
-- server when its inviter is demoted or removed.
ALTER TABLE invitations ADD COLUMN id VARCHAR(64);
ALTER TABLE invitations ADD COLUMN revoked_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE invitations ADD COLUMN revoked_by VARCHAR(64);

-- Older rows are named after part of their hash: the hash of a random token tells nothing of it.
UPDATE invitations SET id = 'i' || SUBSTRING(token_hash, 1, 24) WHERE id IS NULL;
ALTER TABLE invitations ALTER COLUMN id SET NOT NULL;
ALTER TABLE invitations ADD CONSTRAINT invitations_id_unique UNIQUE (id);
CREATE INDEX invitations_by_inviter ON invitations (meeting_id, created_by);

-- Open invitations whose inviter may no longer invite (demoted or removed before this version:
-- neither an admin nor the meeting's chair, as plenary.people.PermissionPolicy has it) are void.
UPDATE invitations SET revoked_at = CURRENT_TIMESTAMP
WHERE used_at IS NULL AND revoked_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM users u WHERE u.id = invitations.created_by AND u.admin = TRUE)
  AND NOT EXISTS (SELECT 1 FROM memberships s WHERE s.meeting_id = invitations.meeting_id
                  AND s.user_id = invitations.created_by AND s.role = 'chair');
