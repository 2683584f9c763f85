-- application, image, strategy and requested_at copied fields of the stored request (rollout.request)
-- that nothing read: the request is the one record of them.
ALTER TABLE rollout DROP COLUMN application;
ALTER TABLE rollout DROP COLUMN image;
ALTER TABLE rollout DROP COLUMN strategy;
ALTER TABLE rollout DROP COLUMN requested_at;

-- Kept for people who look into a release from the database during an incident; nothing reads them.
COMMENT ON COLUMN rollout.last_error IS 'The latest failure or wait reason of the step in progress (diagnostic).';
COMMENT ON COLUMN rollout.updated_at IS 'When the row last changed (diagnostic).';
