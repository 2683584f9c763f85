-- No step without a verdict: the latest HEALTHY verdict the health monitor gave the new version (its
-- weight and when it arrived) and when the exposure in force began. A step that widens a watched
-- release's exposure waits for a verdict given after that.
ALTER TABLE rollout ADD COLUMN passed_weight INTEGER;
ALTER TABLE rollout ADD COLUMN passed_at TIMESTAMPTZ;
ALTER TABLE rollout ADD COLUMN exposed_at TIMESTAMPTZ;
