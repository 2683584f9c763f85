-- One watch per release: what to measure, against which SLOs, when next, and where the breach and
-- warning counting stands. The due time lives here so a restarted or newly assigned instance resumes.
CREATE TABLE watch (
    release_id            VARCHAR(128) PRIMARY KEY,
    state                 VARCHAR(32)  NOT NULL,
    application           VARCHAR(63),
    namespace             VARCHAR(63),
    version               VARCHAR(63),
    -- prometheus, scrape or none; null until the release request arrived
    source_type           VARCHAR(32),
    -- the release's slo.metricSource (or the default) as JSON
    source                TEXT,
    max_error_rate        DOUBLE PRECISION,
    max_p95_latency_ms    DOUBLE PRECISION,
    max_p99_latency_ms    DOUBLE PRECISION,
    max_regression_ratio  DOUBLE PRECISION,
    min_requests          INTEGER,
    interval_ms           BIGINT,
    window_ms             BIGINT,
    consecutive_failures  INTEGER,
    min_error_rate_increase DOUBLE PRECISION,
    min_latency_increase_ms DOUBLE PRECISION,
    canary_weight         INTEGER,
    next_due_at           TIMESTAMPTZ,
    consecutive_degraded  INTEGER      NOT NULL DEFAULT 0,
    breach_started_at     TIMESTAMPTZ,
    breach_reported       BOOLEAN      NOT NULL DEFAULT FALSE,
    breaches              INTEGER      NOT NULL DEFAULT 0,
    unjudged_since        TIMESTAMPTZ,
    warning_raised        BOOLEAN      NOT NULL DEFAULT FALSE,
    last_verdict          VARCHAR(32),
    last_reason           TEXT,
    last_evaluated_at     TIMESTAMPTZ,
    evaluations           BIGINT       NOT NULL DEFAULT 0,
    watching_since        TIMESTAMPTZ,
    end_reason            TEXT,
    ended_at              TIMESTAMPTZ,
    created_at            TIMESTAMPTZ  NOT NULL,
    updated_at            TIMESTAMPTZ  NOT NULL
);

-- The poller's question, asked every few hundred milliseconds.
CREATE INDEX watch_due ON watch (next_due_at) WHERE state = 'WATCHING';

-- Every window's verdict with its evidence: why a release was (or was not) rolled back.
CREATE TABLE window_verdict (
    id            BIGSERIAL    PRIMARY KEY,
    release_id    VARCHAR(128) NOT NULL,
    evaluated_at  TIMESTAMPTZ  NOT NULL,
    window_start  TIMESTAMPTZ  NOT NULL,
    window_end    TIMESTAMPTZ  NOT NULL,
    verdict       VARCHAR(32)  NOT NULL,
    samples       BIGINT       NOT NULL,
    canary_weight INTEGER,
    source_type   VARCHAR(32)  NOT NULL,
    reason        TEXT         NOT NULL,
    -- the checks made, as a JSON array of evidence
    evidence      TEXT         NOT NULL
);

CREATE INDEX window_verdict_release ON window_verdict (release_id, id);
CREATE INDEX window_verdict_evaluated_at ON window_verdict (evaluated_at);
