-- A delivery a rate-limited target keeps answering with 429 is dead-lettered after a bounded total
-- wait (rollwatch.notifier.dispatch.max-rate-limited), counted from its first rate limit.
ALTER TABLE delivery ADD COLUMN rate_limited_since TIMESTAMPTZ;

-- Attempts in flight per receiver (rate_key: a webhook origin, a Slack channel, a status page), counted
-- at every claim so that one slow receiver holds at most max-in-flight-per-receiver dispatch slots.
CREATE INDEX delivery_in_flight ON delivery (rate_key) WHERE status = 'PENDING' AND lease_until IS NOT NULL;
