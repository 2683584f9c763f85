-- A rollback decision that reaches a release which already ended (promoted, or failed) is answered
-- with a rollback step saying why nothing was restored, once per attempt: answered_attempt is the last
-- attempt answered that way. restore_failed says whether the last restore left the stable state in
-- force, so the answer for a failed release tells the truth about it.
ALTER TABLE rollout ADD COLUMN restore_failed   BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE rollout ADD COLUMN answered_attempt INT     NOT NULL DEFAULT 0;
