-- The scrape source's sliding windows: every scrape of every endpoint of a watched release, kept for
-- little more than one window. In the database rather than in memory, so whichever instance
-- evaluates a release next (another replica, or this one after a restart) judges the same windows.
CREATE TABLE scrape_sample (
    id          BIGSERIAL     PRIMARY KEY,
    release_id  VARCHAR(128)  NOT NULL,
    track       VARCHAR(16)   NOT NULL,
    endpoint    VARCHAR(2048) NOT NULL,
    scraped_at  TIMESTAMPTZ   NOT NULL,
    requests    DOUBLE PRECISION NOT NULL,
    errors      DOUBLE PRECISION NOT NULL,
    -- cumulative latency histogram: JSON object of upper bound -> count
    buckets     TEXT          NOT NULL
);

CREATE INDEX scrape_sample_window ON scrape_sample (release_id, scraped_at);
