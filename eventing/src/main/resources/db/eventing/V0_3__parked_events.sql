-- Parked events: valid events whose handler kept failing for a reason no retry in line could fix (a bug, a
-- constraint, an unexpected state). The record is acknowledged, and the event waits here, with the failure,
-- to be replayed automatically (capped backoff) or by an operator (ParkedEventsTool). Later events of the
-- same release (record key) on the same topic are parked behind it in arrival order, so a release's events
-- are never applied out of order; other releases go on. A resolved row (replayed, discarded, refused) is
-- kept for the inbox's retention as the record of what happened, then purged.
CREATE TABLE parked_events (
    id              BIGSERIAL    PRIMARY KEY,
    event_id        UUID         NOT NULL UNIQUE,
    topic           VARCHAR(255) NOT NULL,
    channel         VARCHAR(255) NOT NULL,
    record_key      TEXT         NOT NULL,
    event_type      VARCHAR(255) NOT NULL,
    -- The record's headers as a JSON object, and its value: a replay is the record delivered again.
    headers         TEXT         NOT NULL,
    payload         TEXT         NOT NULL,
    source_partition INT         NOT NULL,
    source_offset   BIGINT       NOT NULL,
    parked_at       TIMESTAMPTZ  NOT NULL,
    -- The last failure of its handler; null for an event parked behind another that has not been tried yet.
    failure         TEXT,
    attempts        INT          NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ  NOT NULL,
    resolved_at     TIMESTAMPTZ,
    -- replayed, discarded (by an operator) or refused (its handler refused it as malformed on replay).
    resolution      VARCHAR(20),
    resolution_note TEXT
);

CREATE INDEX parked_events_waiting ON parked_events (topic, record_key, id) WHERE resolved_at IS NULL;
CREATE INDEX parked_events_resolved ON parked_events (resolved_at) WHERE resolved_at IS NOT NULL;
