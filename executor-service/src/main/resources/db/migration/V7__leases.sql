-- The poller no longer holds a transaction (and the release's row lock) across Kubernetes calls: it
-- leases the release in a short transaction, does the Kubernetes work, and records the outcome in a
-- second short transaction only if the row is still at the version it leased. Consumers change the
-- row (and its version) at once instead of waiting for a step in flight.
ALTER TABLE rollout ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
-- Who works on the release until when; another instance takes the work over once the lease ran out.
ALTER TABLE rollout ADD COLUMN lease_owner VARCHAR(128);
ALTER TABLE rollout ADD COLUMN leased_until TIMESTAMPTZ;
-- A restore pre-empts a step in flight: the step's lease moves here, because its Kubernetes writes can
-- still land after the restore's. The restore is carried out again once that step ended (its worker
-- clears these) or its lease would have run out.
ALTER TABLE rollout ADD COLUMN preempted_owner VARCHAR(128);
ALTER TABLE rollout ADD COLUMN preempted_until TIMESTAMPTZ;
