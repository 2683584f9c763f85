-- How the release replaces the stable version: which pods and series are the new version's depends on it.
ALTER TABLE watch ADD COLUMN strategy VARCHAR(16);
