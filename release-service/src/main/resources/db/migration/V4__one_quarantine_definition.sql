-- One definition of the quarantine projection in every schema that keeps it (eventing's
-- QuarantinedArtifact): the key column is the artifact's identity, the image is kept as released.
ALTER TABLE quarantined_artifact RENAME COLUMN image TO artifact;
ALTER TABLE quarantined_artifact ADD COLUMN image VARCHAR(512);
UPDATE quarantined_artifact SET image = artifact;
ALTER TABLE quarantined_artifact ALTER COLUMN image SET NOT NULL;
