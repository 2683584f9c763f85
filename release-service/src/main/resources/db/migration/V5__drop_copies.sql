-- Copies nothing read: the id of the event that registered a release is in its history (the
-- release.requested entry), and an event's topic follows from its type (ce_type).
ALTER TABLE release DROP COLUMN requested_event_id;
ALTER TABLE release_event DROP COLUMN topic;
