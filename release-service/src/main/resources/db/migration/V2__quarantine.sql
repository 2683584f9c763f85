-- Artifacts the rollback-service quarantined (a projection of its rollback.notice events): a new
-- release of one is refused unless the request overrides the quarantine. Keyed by the artifact's
-- identity (its digest, else repository:tag), so another tag of the same digest is refused too.
CREATE TABLE quarantined_artifact (
    image          VARCHAR(512) PRIMARY KEY,
    release_id     VARCHAR(128) NOT NULL,
    reason         TEXT,
    quarantined_at TIMESTAMPTZ  NOT NULL
);
