-- Each organisation's event feed, and the indexes the deadline sweeps read by range.

-- Like notice_sequence: locked by each writer until commit, so feed positions follow commit order
-- and a poller reading "after N" never misses an event committed later with a lower number.
CREATE TABLE event_sequence (
    id   INT    NOT NULL,
    next BIGINT NOT NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB;
INSERT INTO event_sequence (id, next) VALUES (1, 1);

CREATE TABLE event (
    seq             BIGINT      NOT NULL,
    organisation_id VARCHAR(63) NOT NULL,
    type            VARCHAR(40) NOT NULL,
    order_id        CHAR(36)    NULL,
    notice_id       CHAR(36)    NULL,
    occurred_at     DATETIME(6) NOT NULL,
    payload         LONGTEXT    NOT NULL,
    PRIMARY KEY (seq),
    KEY event_feed (organisation_id, seq)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Overdue sweep: WHERE status IN ('PENDING','RECEIVED') AND overdue = FALSE AND due_at <= now.
CREATE INDEX notice_overdue_sweep ON notice (status, overdue, due_at);
-- Expiry sweep: WHERE status IN (active states) AND measure_ends_at <= now.
CREATE INDEX notice_expiry_sweep ON notice (status, measure_ends_at);
