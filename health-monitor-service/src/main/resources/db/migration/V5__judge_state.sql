-- The statistical judge's evidence between evaluations: per check, its sequential test (CUSUM charts)
-- and the counts of the current step, as JSON. Kept with the watch so any instance goes on with the
-- same evidence and no request is counted twice. NULL: nothing judged yet.
ALTER TABLE watch ADD COLUMN judge_state TEXT;
