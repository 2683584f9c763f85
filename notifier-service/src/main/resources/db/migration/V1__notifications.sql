-- Releases the notifier knows: what people need to recognise them, where to tell them, and what
-- their parent message shows. Written when release.requested is consumed.
CREATE TABLE notified_release (
    release_id   VARCHAR(128) PRIMARY KEY,
    facts        TEXT         NOT NULL,
    targets      TEXT         NOT NULL,
    view_state   TEXT         NOT NULL,
    requested_at TIMESTAMPTZ  NOT NULL,
    updated_at   TIMESTAMPTZ  NOT NULL
);

CREATE INDEX notified_release_updated ON notified_release (updated_at);

-- Every consumed event of a release, in structured CloudEvents form (the webhook body and the
-- dead-letter record come from here). Events of a release not known yet (topics are ordered
-- independently) wait unplanned and are planned when its release.requested arrives.
CREATE TABLE notification_event (
    seq         BIGSERIAL    PRIMARY KEY,
    event_id    UUID         NOT NULL UNIQUE,
    release_id  VARCHAR(128) NOT NULL,
    topic       VARCHAR(255) NOT NULL,
    ce_type     VARCHAR(255) NOT NULL,
    occurred_at TIMESTAMPTZ  NOT NULL,
    received_at TIMESTAMPTZ  NOT NULL,
    structured  TEXT         NOT NULL,
    planned     BOOLEAN      NOT NULL
);

CREATE INDEX notification_event_unplanned ON notification_event (release_id, occurred_at, seq) WHERE NOT planned;
CREATE INDEX notification_event_received ON notification_event (received_at);

-- The delivery log: one row per (event, target, kind), written in the consumer's transaction before
-- the Kafka offset is committed, sent by the dispatcher in id order per ordering key (release +
-- target), retried from due_at, leased while in flight.
CREATE TABLE delivery (
    id           BIGSERIAL     PRIMARY KEY,
    event_id     UUID          NOT NULL,
    release_id   VARCHAR(128)  NOT NULL,
    channel      VARCHAR(32)   NOT NULL,
    target_key   VARCHAR(512)  NOT NULL,
    target       TEXT          NOT NULL,
    kind         VARCHAR(32)   NOT NULL,
    ordering_key VARCHAR(700)  NOT NULL,
    rate_key     VARCHAR(600),
    payload      TEXT          NOT NULL,
    status       VARCHAR(16)   NOT NULL,
    attempts     INT           NOT NULL DEFAULT 0,
    due_at       TIMESTAMPTZ   NOT NULL,
    lease_until  TIMESTAMPTZ,
    last_error   TEXT,
    created_at   TIMESTAMPTZ   NOT NULL,
    finished_at  TIMESTAMPTZ,
    CONSTRAINT delivery_once UNIQUE (event_id, target_key, kind)
);

CREATE INDEX delivery_due ON delivery (due_at, id) WHERE status = 'PENDING';
CREATE INDEX delivery_in_order ON delivery (ordering_key, id) WHERE status = 'PENDING';
CREATE INDEX delivery_by_release ON delivery (release_id, id);
CREATE INDEX delivery_finished ON delivery (finished_at) WHERE finished_at IS NOT NULL;

-- What a release's conversation at one target is called remotely: the Slack channel id and parent
-- ts, or the Statuspage incident id. Replies, updates and incident changes go to it.
CREATE TABLE delivery_thread (
    release_id  VARCHAR(128) NOT NULL,
    target_key  VARCHAR(512) NOT NULL,
    channel_ref VARCHAR(255),
    thread_ref  VARCHAR(255),
    updated_at  TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (release_id, target_key)
);

-- Rate limits shared by every instance: the earliest time the next message with this key may go
-- (one Slack channel, one status page). Also pushed back by a 429's Retry-After.
CREATE TABLE rate_slot (
    rate_key VARCHAR(600) PRIMARY KEY,
    next_at  TIMESTAMPTZ  NOT NULL
);
