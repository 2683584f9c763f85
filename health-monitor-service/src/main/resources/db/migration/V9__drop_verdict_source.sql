-- A window's source was its watch's (watch.source_type), and nothing read the copy.
ALTER TABLE window_verdict DROP COLUMN source_type;
