-- The canary weight whose HEALTHY verdict went out as health.passed: one per weight, which the executor
-- waits for before it widens the new version's exposure.
ALTER TABLE watch ADD COLUMN passed_weight INTEGER;
