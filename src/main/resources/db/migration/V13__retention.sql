-- Retention: idempotency keys and feed events are kept for a configured time, then removed in batches,
-- both found by age. For each organisation the feed position of its last removed event is kept, so that a feed
-- read from an older cursor is told that events it has not read are gone (and a reader that had read them all
-- is not).
CREATE INDEX idempotency_by_age ON idempotency_key (created_at);
CREATE INDEX event_by_age ON event (occurred_at);

CREATE TABLE event_retention (
    organisation_id VARCHAR(63) NOT NULL,
    purged_through  BIGINT      NOT NULL,
    purged_at       DATETIME(6) NOT NULL,
    PRIMARY KEY (organisation_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
