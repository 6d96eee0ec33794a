-- Filing: delisting requests and their items; what engines see: notices and acknowledgements;
-- idempotency keys; the audit log (made tamper-evident by a later migration).

CREATE TABLE delisting_request (
    id               CHAR(36)      NOT NULL,
    order_id         CHAR(36)      NOT NULL,
    order_version    INT           NOT NULL,
    claimant_id      VARCHAR(63)   NOT NULL,
    filed_by         VARCHAR(255)  NOT NULL,
    client_reference VARCHAR(200)  NULL,
    addressees       VARCHAR(2000) NOT NULL,
    filed_at         DATETIME(6)   NOT NULL,
    url_count        INT           NOT NULL,
    notice_count     INT           NOT NULL,
    PRIMARY KEY (id),
    KEY request_by_order (order_id, filed_at, id),
    KEY request_by_claimant (claimant_id, filed_at, id),
    CONSTRAINT request_order FOREIGN KEY (order_id) REFERENCES court_order (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE request_item (
    request_id    CHAR(36)      NOT NULL,
    position      INT           NOT NULL,
    filed_url     VARCHAR(2048) NOT NULL,
    canonical_url VARCHAR(2048) NOT NULL,
    matched_kind  VARCHAR(20)   NOT NULL,
    matched_value VARCHAR(2048) NOT NULL,
    PRIMARY KEY (request_id, position),
    CONSTRAINT request_item_request FOREIGN KEY (request_id) REFERENCES delisting_request (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- One row, locked by each filing while it numbers its notices: numbers are handed out in commit
-- order, so a poller reading "after N" never skips a notice that commits later with a lower number.
CREATE TABLE notice_sequence (
    id   INT    NOT NULL,
    next BIGINT NOT NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB;
INSERT INTO notice_sequence (id, next) VALUES (1, 1);

CREATE TABLE notice (
    id               CHAR(36)      NOT NULL,
    seq              BIGINT        NOT NULL,
    order_id         CHAR(36)      NOT NULL,
    request_id       CHAR(36)      NOT NULL,
    claimant_id      VARCHAR(63)   NOT NULL,
    addressee_id     VARCHAR(63)   NOT NULL,
    filed_url        VARCHAR(2048) NOT NULL,
    canonical_url    VARCHAR(2048) NOT NULL,
    matched_kind     VARCHAR(20)   NOT NULL,
    matched_value    VARCHAR(2048) NOT NULL,
    status           VARCHAR(30)   NOT NULL,
    created_at       DATETIME(6)   NOT NULL,
    due_at           DATETIME(6)   NULL,
    measure_ends_at  DATETIME(6)   NULL,
    overdue          BOOLEAN       NOT NULL DEFAULT FALSE,
    late             BOOLEAN       NOT NULL DEFAULT FALSE,
    -- SHA-256 of the canonical URL while the notice is active, NULL once it no longer is: at most
    -- one active notice per order, addressee and URL.
    active_url_hash  CHAR(64)      NULL,
    version          INT           NOT NULL,
    updated_at       DATETIME(6)   NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY notice_seq (seq),
    UNIQUE KEY notice_active (order_id, addressee_id, active_url_hash),
    KEY notice_feed_addressee (addressee_id, seq),
    KEY notice_feed_claimant (claimant_id, seq),
    KEY notice_feed_order (order_id, seq),
    KEY notice_request (request_id, seq),
    CONSTRAINT notice_order FOREIGN KEY (order_id) REFERENCES court_order (id),
    CONSTRAINT notice_request FOREIGN KEY (request_id) REFERENCES delisting_request (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE acknowledgement (
    id              BIGINT        NOT NULL AUTO_INCREMENT,
    notice_id       CHAR(36)      NOT NULL,
    status          VARCHAR(20)   NOT NULL,
    effective_at    DATETIME(6)   NOT NULL,
    recorded_at     DATETIME(6)   NOT NULL,
    territories     VARCHAR(500)  NOT NULL,
    front_ends      VARCHAR(1000) NOT NULL,
    reason_code     VARCHAR(40)   NULL,
    comment         VARCHAR(2000) NULL,
    late            BOOLEAN       NOT NULL,
    organisation_id VARCHAR(63)   NOT NULL,
    subject         VARCHAR(255)  NOT NULL,
    PRIMARY KEY (id),
    KEY acknowledgement_by_notice (notice_id, id),
    CONSTRAINT acknowledgement_notice FOREIGN KEY (notice_id) REFERENCES notice (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE idempotency_key (
    organisation_id VARCHAR(63)  NOT NULL,
    operation       VARCHAR(40)  NOT NULL,
    idempotency_key VARCHAR(200) NOT NULL,
    request_hash    CHAR(64)     NOT NULL,
    status_code     INT          NULL,
    response        LONGTEXT     NULL,
    created_at      DATETIME(6)  NOT NULL,
    PRIMARY KEY (organisation_id, operation, idempotency_key)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The audit log is a hash chain: each entry's hash covers its fields, the digest of its detail and
-- the previous entry's hash. Appends are serialised on the chain head row, in the same transaction as
-- the change they record.
CREATE TABLE audit_event (
    seq             BIGINT        NOT NULL,
    occurred_at     DATETIME(6)   NOT NULL,
    organisation_id VARCHAR(63)   NOT NULL,
    subject         VARCHAR(255)  NOT NULL,
    action          VARCHAR(60)   NOT NULL,
    record_type     VARCHAR(40)   NOT NULL,
    record_id       VARCHAR(64)   NOT NULL,
    order_id        CHAR(36)      NULL,
    detail          LONGTEXT      NOT NULL,
    digest          CHAR(64)      NOT NULL,
    prev_hash       CHAR(64)      NOT NULL,
    hash            CHAR(64)      NOT NULL,
    PRIMARY KEY (seq),
    KEY audit_by_order (order_id, seq),
    KEY audit_by_record (record_type, record_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE audit_chain (
    id        INT      NOT NULL,
    last_seq  BIGINT   NOT NULL,
    last_hash CHAR(64) NOT NULL,
    last_at   DATETIME(6) NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB;
INSERT INTO audit_chain (id, last_seq, last_hash, last_at)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000', NULL);

-- Append-only, whoever connects: the application's own account cannot rewrite the record either.
CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_event is append-only';
CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_event is append-only';
