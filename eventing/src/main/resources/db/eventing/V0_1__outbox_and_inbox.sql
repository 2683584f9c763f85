-- Transactional outbox: every event is written here in the same transaction as the state change it
-- announces; the relay publishes it afterwards. A crash between commit and publish loses nothing.
CREATE TABLE outbox (
    id           BIGSERIAL PRIMARY KEY,
    event_id     UUID         NOT NULL UNIQUE,
    topic        VARCHAR(255) NOT NULL,
    record_key   VARCHAR(255) NOT NULL,
    headers      TEXT         NOT NULL,
    payload      TEXT         NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    published_at TIMESTAMPTZ
);

CREATE INDEX outbox_unpublished ON outbox (id) WHERE published_at IS NULL;

-- Inbox: the ce_id of every event a consumer applied, written in the same transaction as the effect,
-- so a redelivered event is recognised and does nothing.
CREATE TABLE inbox (
    event_id    UUID         PRIMARY KEY,
    topic       VARCHAR(255) NOT NULL,
    received_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE INDEX inbox_received_at ON inbox (received_at);
