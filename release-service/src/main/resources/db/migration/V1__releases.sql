-- Releases: one row per release, its current state and what DORA needs.
CREATE TABLE release (
    id                 VARCHAR(128) PRIMARY KEY,
    application        VARCHAR(63)  NOT NULL,
    namespace          VARCHAR(63)  NOT NULL,
    image              VARCHAR(512) NOT NULL,
    version            VARCHAR(63),
    strategy           VARCHAR(16)  NOT NULL,
    state              VARCHAR(16)  NOT NULL,
    current_step       INT,
    step_count         INT,
    canary_weight      INT,
    reason             TEXT,
    request            TEXT         NOT NULL,
    requested_event_id UUID         NOT NULL,
    requested_by       VARCHAR(128),
    commit_time        TIMESTAMPTZ,
    requested_at       TIMESTAMPTZ  NOT NULL,
    updated_at         TIMESTAMPTZ  NOT NULL,
    degraded_at        TIMESTAMPTZ,
    finished_at        TIMESTAMPTZ,
    last_health        TEXT,
    row_version        BIGINT       NOT NULL DEFAULT 0
);

CREATE INDEX release_by_application ON release (application, namespace, requested_at DESC);
CREATE INDEX release_by_state ON release (state);
CREATE INDEX release_finished ON release (application, finished_at) WHERE finished_at IS NOT NULL;

-- The audit trail: every event about a release, in the order it was consumed, with its effect.
-- Events for a release not registered yet (topics are ordered independently) wait here as PENDING
-- and are applied when the release is registered.
CREATE TABLE release_event (
    seq         BIGSERIAL    PRIMARY KEY,
    release_id  VARCHAR(128) NOT NULL,
    event_id    UUID         NOT NULL,
    topic       VARCHAR(255) NOT NULL,
    ce_type     VARCHAR(255) NOT NULL,
    source      VARCHAR(256) NOT NULL,
    occurred_at TIMESTAMPTZ  NOT NULL,
    recorded_at TIMESTAMPTZ  NOT NULL,
    effect      VARCHAR(16)  NOT NULL,
    state_after VARCHAR(16),
    note        TEXT,
    data        TEXT         NOT NULL
);

CREATE INDEX release_event_by_release ON release_event (release_id, seq);

-- Idempotency-Key of a create request, per API key: a retried CI call gets the same release.
CREATE TABLE idempotency_key (
    principal       VARCHAR(128) NOT NULL,
    idempotency_key VARCHAR(255) NOT NULL,
    request_hash    VARCHAR(64)  NOT NULL,
    release_id      VARCHAR(128) NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (principal, idempotency_key)
);
