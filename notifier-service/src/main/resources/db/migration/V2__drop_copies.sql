-- Copies nothing read: a release's request time is in its request, an event's topic follows from its
-- type (ce_type).
ALTER TABLE notified_release DROP COLUMN requested_at;
ALTER TABLE notification_event DROP COLUMN topic;

-- Kept for people who look into a delivery from the database during an incident; nothing reads them.
COMMENT ON COLUMN delivery.last_error IS 'The latest failed attempt of the delivery (diagnostic).';
COMMENT ON COLUMN delivery.created_at IS 'When the delivery was planned (diagnostic).';
