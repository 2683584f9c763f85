-- One row per release the executor runs: its progress and its timers. Every timer is a due time, so
-- a restarted (or another) instance resumes the release where it stood.
CREATE TABLE rollout (
    id                   VARCHAR(128) PRIMARY KEY,
    application          VARCHAR(63)  NOT NULL,
    namespace            VARCHAR(63)  NOT NULL,
    image                VARCHAR(512) NOT NULL,
    strategy             VARCHAR(16),
    -- The release.requested payload as JSON (null while only early signals arrived).
    request              TEXT,
    status               VARCHAR(20)  NOT NULL,
    step_index           INT          NOT NULL DEFAULT 0,
    step_count           INT          NOT NULL DEFAULT 0,
    stage                VARCHAR(16)  NOT NULL,
    step_started_at      TIMESTAMPTZ,
    -- When the executor must next act; null when nothing is due (held for an operator, finished).
    due_at               TIMESTAMPTZ,
    deadline_at          TIMESTAMPTZ,
    manual_pause         BOOLEAN      NOT NULL DEFAULT FALSE,
    promote_requested    BOOLEAN      NOT NULL DEFAULT FALSE,
    canary_weight        INT          NOT NULL DEFAULT 0,
    stable_weight        INT          NOT NULL DEFAULT 100,
    -- The stable state recorded before the first change (JSON); what a rollback restores.
    stable               TEXT,
    refusal              TEXT,
    restore_kind         VARCHAR(16),
    restore_reason       TEXT,
    restore_attempt      INT,
    restore_requested_at TIMESTAMPTZ,
    restored_attempt     INT          NOT NULL DEFAULT 0,
    last_error           TEXT,
    requested_at         TIMESTAMPTZ,
    created_at           TIMESTAMPTZ  NOT NULL,
    updated_at           TIMESTAMPTZ  NOT NULL
);

-- The poller's query: due work, oldest first.
CREATE INDEX rollout_due ON rollout (due_at) WHERE due_at IS NOT NULL;

-- Artifacts the rollback-service quarantined (rollback.notice artifactQuarantined): a new release of
-- one is refused unless it says quarantineOverride.
CREATE TABLE quarantined_artifact (
    image          VARCHAR(512) PRIMARY KEY,
    release_id     VARCHAR(128) NOT NULL,
    quarantined_at TIMESTAMPTZ  NOT NULL,
    message        TEXT
);
