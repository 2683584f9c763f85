-- A restore whose objects a newer release of the application took over before it was verified ends as
-- SUPERSEDED; this is the release that superseded it.
ALTER TABLE rollback_decision ADD COLUMN superseded_by VARCHAR(128);
