-- Why no metric source judges a release (null: one does), decided when it is registered from its
-- request and the installation's default source. Releases registered before this column are shown
-- as watched: the request alone cannot say what the installation's default was then.
ALTER TABLE release ADD COLUMN unwatched_reason TEXT;
