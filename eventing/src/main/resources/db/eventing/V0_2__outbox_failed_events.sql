-- An event Kafka refuses for good (too large, say) is marked failed rather than retried forever: the
-- events after it under the same key go out, and the service is told (UndeliverableEvents).
ALTER TABLE outbox ADD COLUMN failed_at TIMESTAMPTZ;
ALTER TABLE outbox ADD COLUMN failure VARCHAR(500);

DROP INDEX outbox_unpublished;
CREATE INDEX outbox_unpublished ON outbox (id) WHERE published_at IS NULL AND failed_at IS NULL;
