-- Events written by small, frequent transactions (acknowledgements) without the feed's position lock: they wait
-- here until the relay gives them feed positions, in batches, in the order they were staged.

CREATE TABLE event_staged (
    id              BIGINT      NOT NULL AUTO_INCREMENT,
    organisation_id VARCHAR(63) NOT NULL,
    type            VARCHAR(40) NOT NULL,
    order_id        CHAR(36)    NULL,
    notice_id       CHAR(36)    NULL,
    occurred_at     DATETIME(6) NOT NULL,
    payload         LONGTEXT    NOT NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
