-- One definition of the quarantine table in every schema that keeps it (eventing's
-- QuarantinedArtifact): the rollback-service's own record gains the reason the projections keep.
ALTER TABLE quarantined_artifact ADD COLUMN reason TEXT;
