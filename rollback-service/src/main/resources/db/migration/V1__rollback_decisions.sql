-- What the rollback-service knows about each release: its request (policy, artifact, the objects to
-- verify) from release.requested, and its phase and stable state from the executor's steps. Either
-- part can arrive first: topics are consumed independently.
CREATE TABLE tracked_release (
    release_id            VARCHAR(128) PRIMARY KEY,
    request               TEXT,
    image                 VARCHAR(512),
    artifact              VARCHAR(512),
    quarantine_override   BOOLEAN      NOT NULL DEFAULT FALSE,
    quarantine_flagged_at TIMESTAMPTZ,
    phase                 VARCHAR(16),
    stable                TEXT,
    requested_at          TIMESTAMPTZ,
    updated_at            TIMESTAMPTZ  NOT NULL,
    row_version           BIGINT       NOT NULL DEFAULT 0
);

CREATE INDEX tracked_release_by_artifact ON tracked_release (artifact) WHERE artifact IS NOT NULL;

-- The one rollback decision of a release. The primary key is the exactly-once guarantee: however many
-- signals and aborts arrive, concurrently or redelivered, a release has one row, and rollback.triggered
-- is written in the same transaction as the row that decided it (outbox).
CREATE TABLE rollback_decision (
    release_id        VARCHAR(128) PRIMARY KEY,
    status            VARCHAR(16)  NOT NULL,
    policy            VARCHAR(16)  NOT NULL,
    reason            VARCHAR(24),
    cause_event_id    UUID         NOT NULL,
    triggered_by      VARCHAR(128),
    evidence          TEXT,
    summary           TEXT,
    degraded_at       TIMESTAMPTZ,
    decided_at        TIMESTAMPTZ  NOT NULL,
    decision_deadline TIMESTAMPTZ,
    triggered_at      TIMESTAMPTZ,
    attempt           INT          NOT NULL DEFAULT 0 CHECK (attempt BETWEEN 0 AND 2),
    last_triggered_at TIMESTAMPTZ,
    confirmed_at      TIMESTAMPTZ,
    executor_report   TEXT,
    verify_due_at     TIMESTAMPTZ,
    next_check_at     TIMESTAMPTZ,
    last_finding      TEXT,
    verified_at       TIMESTAMPTZ,
    alerted_at        TIMESTAMPTZ,
    give_up_at        TIMESTAMPTZ,
    note              TEXT,
    updated_at        TIMESTAMPTZ  NOT NULL,
    row_version       BIGINT       NOT NULL DEFAULT 0
);

-- Due work the poller looks for: manual-policy deadlines and restore checks.
CREATE INDEX rollback_decision_deadline ON rollback_decision (decision_deadline) WHERE status = 'RECOMMENDED';
CREATE INDEX rollback_decision_check ON rollback_decision (next_check_at) WHERE next_check_at IS NOT NULL;

-- Every degraded signal and abort command received, with what became of it: the audit trail of the
-- decision (signals for finished releases are only recorded here). A signal that arrived before its
-- release's request waits here as DEFERRED until due_at.
CREATE TABLE decision_input (
    seq         BIGSERIAL    PRIMARY KEY,
    release_id  VARCHAR(128) NOT NULL,
    event_id    UUID         NOT NULL UNIQUE,
    kind        VARCHAR(24)  NOT NULL,
    source      VARCHAR(256) NOT NULL,
    occurred_at TIMESTAMPTZ  NOT NULL,
    received_at TIMESTAMPTZ  NOT NULL,
    effect      VARCHAR(16)  NOT NULL,
    note        TEXT         NOT NULL,
    due_at      TIMESTAMPTZ,
    data        TEXT         NOT NULL
);

CREATE INDEX decision_input_by_release ON decision_input (release_id, seq);
CREATE INDEX decision_input_deferred ON decision_input (due_at) WHERE effect = 'DEFERRED';

-- Artifacts rolled back for their health. New releases of them are flagged (rollback.notice
-- artifactQuarantined) unless they ask for quarantineOverride.
CREATE TABLE quarantined_artifact (
    artifact       VARCHAR(512) PRIMARY KEY,
    image          VARCHAR(512) NOT NULL,
    release_id     VARCHAR(128) NOT NULL,
    quarantined_at TIMESTAMPTZ  NOT NULL
);
