-- Webhook subscriptions and deliveries (SPEC §7).

CREATE TABLE webhook (
    webhook_id             UUID PRIMARY KEY,
    brand_id               UUID NOT NULL REFERENCES brand (brand_id),
    url                    VARCHAR(2000) NOT NULL,
    description            VARCHAR(500),
    events                 VARCHAR(4000) NOT NULL,
    version                VARCHAR(10) NOT NULL,
    status                 VARCHAR(20) NOT NULL,
    secret_enc             VARCHAR(400) NOT NULL,
    previous_secret_enc    VARCHAR(400),
    previous_secret_until  TIMESTAMP WITH TIME ZONE,
    failing_since          TIMESTAMP WITH TIME ZONE,
    deleted_at             TIMESTAMP WITH TIME ZONE,
    date_created           TIMESTAMP WITH TIME ZONE NOT NULL,
    date_updated           TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX webhook_brand ON webhook (brand_id, date_created);

-- One row per (subscription, event); the unique key makes fan-out exactly once.
CREATE TABLE webhook_delivery (
    delivery_id      UUID PRIMARY KEY,
    webhook_id       UUID NOT NULL REFERENCES webhook (webhook_id),
    brand_id         UUID NOT NULL,
    event_id         UUID NOT NULL,
    event_type       VARCHAR(64) NOT NULL,
    status           VARCHAR(20) NOT NULL,
    attempts         INTEGER NOT NULL,
    next_attempt_at  TIMESTAMP WITH TIME ZONE,
    last_status      INTEGER,
    last_attempt_at  TIMESTAMP WITH TIME ZONE,
    date_created     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT webhook_delivery_once UNIQUE (webhook_id, event_id)
);
CREATE INDEX webhook_delivery_due ON webhook_delivery (status, next_attempt_at);
CREATE INDEX webhook_delivery_hook ON webhook_delivery (webhook_id, date_created);

CREATE TABLE webhook_attempt (
    delivery_id    UUID NOT NULL REFERENCES webhook_delivery (delivery_id),
    attempt        INTEGER NOT NULL,
    attempted_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    http_status    INTEGER,
    latency_ms     INTEGER NOT NULL,
    response_body  VARCHAR(1000),
    error          VARCHAR(300),
    next_retry_at  TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (delivery_id, attempt)
);

ALTER TABLE outbox_event ADD COLUMN fanned_out BOOLEAN DEFAULT FALSE NOT NULL;
CREATE INDEX outbox_event_pending ON outbox_event (fanned_out, event_seq);
