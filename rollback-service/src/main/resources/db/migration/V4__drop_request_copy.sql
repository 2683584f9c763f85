-- requested_at copied the stored request's own field (tracked_release.request), and nothing read it.
ALTER TABLE tracked_release DROP COLUMN requested_at;

-- Kept for people who look into a rollback from the database during an incident; nothing reads them.
COMMENT ON COLUMN tracked_release.updated_at IS 'When the row last changed (diagnostic).';
COMMENT ON COLUMN rollback_decision.updated_at IS 'When the decision last changed (diagnostic).';
