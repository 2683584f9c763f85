-- The quarantine table as every schema that keeps it has it after its migrations (see
-- QuarantinedArtifact): created here in one step for the library's own tests.
CREATE TABLE quarantined_artifact (
    artifact       VARCHAR(512) PRIMARY KEY,
    image          VARCHAR(512) NOT NULL,
    release_id     VARCHAR(128) NOT NULL,
    reason         TEXT,
    quarantined_at TIMESTAMPTZ  NOT NULL
);
