-- Mirrors: a claimant proposes a domain as a mirror of an in-scope site; the authority decides.
CREATE TABLE mirror_proposal (
    id              CHAR(36)      NOT NULL,
    order_id        CHAR(36)      NOT NULL,
    domain          VARCHAR(255)  NOT NULL,
    proposed_by     VARCHAR(63)   NOT NULL,
    evidence        TEXT          NOT NULL,
    links           TEXT          NOT NULL,
    status          VARCHAR(20)   NOT NULL,
    decided_by      VARCHAR(63)   NULL,
    decision_reason VARCHAR(2000) NULL,
    decided_at      DATETIME(6)   NULL,
    created_at      DATETIME(6)   NOT NULL,
    PRIMARY KEY (id),
    KEY mirror_by_order (order_id, status, domain),
    CONSTRAINT mirror_order FOREIGN KEY (order_id) REFERENCES court_order (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
