-- The release's own pod-health limits (slo.podHealth), resolved against the defaults and hard limits
-- when it was requested; null on watches from before, which take the installation's.
ALTER TABLE watch ADD COLUMN pod_max_failures INTEGER;
ALTER TABLE watch ADD COLUMN pod_failure_window_ms BIGINT;
