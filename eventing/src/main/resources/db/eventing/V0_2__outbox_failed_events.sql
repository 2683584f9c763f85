-- An event Kafka refuses for good (too large, say) is marked failed rather than retried forever: the
-- events after it under the same key go out. The service then reacts to it (UndeliverableEvents) in a
-- transaction of its own, recorded in reacted_at, so a reaction that fails is tried again without ever
-- holding the outbox back.
ALTER TABLE outbox ADD COLUMN failed_at TIMESTAMPTZ;
ALTER TABLE outbox ADD COLUMN failure VARCHAR(500);
ALTER TABLE outbox ADD COLUMN reacted_at TIMESTAMPTZ;

DROP INDEX outbox_unpublished;
CREATE INDEX outbox_unpublished ON outbox (id) WHERE published_at IS NULL AND failed_at IS NULL;
CREATE INDEX outbox_unreacted ON outbox (id) WHERE failed_at IS NOT NULL AND reacted_at IS NULL;
