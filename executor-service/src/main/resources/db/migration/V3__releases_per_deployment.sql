-- Releases of one Deployment run one at a time, and a rollback of a release that a newer release of the
-- same Deployment has superseded must not undo the newer one: both need to know which Deployment a
-- release works on and when the executor registered it.
ALTER TABLE rollout ADD COLUMN deployment    VARCHAR(253);
ALTER TABLE rollout ADD COLUMN registered_at TIMESTAMPTZ;

-- Releases registered before this column existed: target.deployment, else the application (the
-- contract's default). Placeholders (no request yet) stay null until their request arrives.
UPDATE rollout
   SET deployment    = coalesce(request::jsonb #>> '{target,deployment}', application),
       registered_at = created_at
 WHERE request IS NOT NULL;

CREATE INDEX rollout_by_deployment ON rollout (namespace, deployment, registered_at) WHERE deployment IS NOT NULL;
