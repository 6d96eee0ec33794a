-- Organisations (tenants) and court orders with their parties, scope, territory and versions.

CREATE TABLE organisation (
    id            VARCHAR(63)  NOT NULL,
    name          VARCHAR(200) NOT NULL,
    kind          VARCHAR(20)  NOT NULL,
    registered_at DATETIME(6) NOT NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE court_order (
    id              CHAR(36)     NOT NULL,
    reference       VARCHAR(500) NOT NULL,
    court           VARCHAR(500) NOT NULL,
    case_number     VARCHAR(500) NOT NULL,
    decision_date   DATE         NOT NULL,
    legal_basis     VARCHAR(500) NOT NULL,
    final_decision  BOOLEAN      NOT NULL,
    compliance_days INT          NOT NULL,
    duration        VARCHAR(40)  NOT NULL,
    timezone        VARCHAR(64)  NOT NULL,
    status          VARCHAR(20)  NOT NULL,
    version         INT          NOT NULL,
    created_at      DATETIME(6) NOT NULL,
    PRIMARY KEY (id),
    KEY court_order_created (created_at, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE order_party (
    id              BIGINT      NOT NULL AUTO_INCREMENT,
    order_id        CHAR(36)    NOT NULL,
    organisation_id VARCHAR(63) NOT NULL,
    role            VARCHAR(20) NOT NULL,
    notified_on     DATE        NULL,
    cost_bearer     VARCHAR(20) NULL,
    PRIMARY KEY (id),
    UNIQUE KEY order_party_unique (order_id, role, organisation_id),
    KEY order_party_by_organisation (organisation_id, order_id),
    CONSTRAINT order_party_order FOREIGN KEY (order_id) REFERENCES court_order (id),
    CONSTRAINT order_party_organisation FOREIGN KEY (organisation_id) REFERENCES organisation (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE order_scope_entry (
    order_id        CHAR(36)      NOT NULL,
    position        INT           NOT NULL,
    kind            VARCHAR(20)   NOT NULL,
    value           VARCHAR(2048) NOT NULL,
    override_reason VARCHAR(1000) NULL,
    PRIMARY KEY (order_id, position),
    CONSTRAINT order_scope_entry_order FOREIGN KEY (order_id) REFERENCES court_order (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE order_territory (
    order_id CHAR(36) NOT NULL,
    country  CHAR(2)  NOT NULL,
    PRIMARY KEY (order_id, country),
    CONSTRAINT order_territory_order FOREIGN KEY (order_id) REFERENCES court_order (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE order_version (
    id                 BIGINT       NOT NULL AUTO_INCREMENT,
    order_id           CHAR(36)     NOT NULL,
    version            INT          NOT NULL,
    effective_at       DATETIME(6) NOT NULL,
    recorded_at        DATETIME(6) NOT NULL,
    decision_reference VARCHAR(500) NOT NULL,
    change_kind        VARCHAR(100) NOT NULL,
    snapshot           LONGTEXT     NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY order_version_unique (order_id, version),
    CONSTRAINT order_version_order FOREIGN KEY (order_id) REFERENCES court_order (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE auditor_appointment (
    id            BIGINT       NOT NULL AUTO_INCREMENT,
    order_id      CHAR(36)     NOT NULL,
    auditor_id    VARCHAR(63)  NOT NULL,
    mandate_from  DATETIME(6) NOT NULL,
    mandate_until DATETIME(6) NOT NULL,
    appointed_at  DATETIME(6) NOT NULL,
    PRIMARY KEY (id),
    KEY auditor_appointment_by_auditor (auditor_id, order_id),
    CONSTRAINT auditor_appointment_order FOREIGN KEY (order_id) REFERENCES court_order (id),
    CONSTRAINT auditor_appointment_auditor FOREIGN KEY (auditor_id) REFERENCES organisation (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
