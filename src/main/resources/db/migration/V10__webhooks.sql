-- Webhooks (Standard Webhooks): an organisation subscribes an endpoint to event types of its own feed.
-- Deliveries are an outbox: written in the transaction that writes the event, claimed by any replica with
-- SKIP LOCKED, retried with backoff, given up after a day (the subscription is then disabled with its reason).

CREATE TABLE webhook_subscription (
    id                    CHAR(36)      NOT NULL,
    organisation_id       VARCHAR(63)   NOT NULL,
    url                   VARCHAR(2048) NOT NULL,
    event_types           VARCHAR(200)  NOT NULL,
    description           VARCHAR(200)  NULL,
    secret                VARCHAR(100)  NOT NULL,
    previous_secret       VARCHAR(100)  NULL,
    previous_secret_until DATETIME(6)   NULL,
    max_in_flight         INT           NOT NULL,
    status                VARCHAR(10)   NOT NULL,
    disabled_reason       VARCHAR(2000) NULL,
    disabled_at           DATETIME(6)   NULL,
    created_at            DATETIME(6)   NOT NULL,
    PRIMARY KEY (id),
    KEY webhook_subscription_by_organisation (organisation_id, status),
    CONSTRAINT webhook_subscription_organisation FOREIGN KEY (organisation_id) REFERENCES organisation (id),
    CONSTRAINT webhook_subscription_status_known CHECK (status IN ('ENABLED', 'DISABLED')),
    CONSTRAINT webhook_subscription_disabled CHECK ((status = 'DISABLED') = (disabled_reason IS NOT NULL)
        AND (status = 'DISABLED') = (disabled_at IS NOT NULL)),
    CONSTRAINT webhook_subscription_rotation CHECK ((previous_secret IS NULL) = (previous_secret_until IS NULL)),
    CONSTRAINT webhook_subscription_in_flight CHECK (max_in_flight BETWEEN 1 AND 50)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE webhook_delivery (
    subscription_id  CHAR(36)     NOT NULL,
    event_seq        BIGINT       NOT NULL,
    status           VARCHAR(10)  NOT NULL,
    attempts         INT          NOT NULL DEFAULT 0,
    next_attempt_at  DATETIME(6)  NOT NULL,
    first_attempt_at DATETIME(6)  NULL,
    last_attempt_at  DATETIME(6)  NULL,
    last_status_code INT          NULL,
    last_latency_ms  INT          NULL,
    last_error       VARCHAR(500) NULL,
    delivered_at     DATETIME(6)  NULL,
    created_at       DATETIME(6)  NOT NULL,
    PRIMARY KEY (subscription_id, event_seq),
    KEY webhook_delivery_due (status, next_attempt_at),
    CONSTRAINT webhook_delivery_subscription FOREIGN KEY (subscription_id) REFERENCES webhook_subscription (id),
    CONSTRAINT webhook_delivery_event FOREIGN KEY (event_seq) REFERENCES event (seq),
    -- HELD: queued for a disabled subscription, waiting for a replay (kept out of the claims' index range).
    CONSTRAINT webhook_delivery_status_known CHECK (status IN ('PENDING', 'HELD', 'DELIVERED', 'FAILED')),
    CONSTRAINT webhook_delivery_delivered CHECK ((status = 'DELIVERED') = (delivered_at IS NOT NULL))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
