-- What the release asked for when its new version cannot be judged (slo.whenUnjudged): null is the
-- default, hold; ROLLBACK makes the warning abort the release instead of pausing it.
ALTER TABLE watch ADD COLUMN when_unjudged VARCHAR(16);
