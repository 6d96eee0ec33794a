-- Agents under mandate: an AGENT organisation files for a rights holder (its principal), for all of the
-- principal's orders or a list of them, from an instant until an optional end, until revoked.

ALTER TABLE organisation
    DROP CONSTRAINT organisation_kind_known,
    ADD CONSTRAINT organisation_kind_known CHECK (kind IN
        ('RIGHTS_HOLDER', 'SEARCH_ENGINE', 'AUDITOR', 'AUTHORITY', 'OPERATOR', 'AGENT'));

CREATE TABLE mandate (
    id                 CHAR(36)     NOT NULL,
    agent_id           VARCHAR(63)  NOT NULL,
    principal_id       VARCHAR(63)  NOT NULL,
    all_orders         BOOLEAN      NOT NULL,
    valid_from         DATETIME(6)  NOT NULL,
    valid_until        DATETIME(6)  NULL,
    granted_at         DATETIME(6)  NOT NULL,
    -- The organisation that granted or revoked: the principal, or the operator (which a token names and the
    -- organisation table need not hold), as in the audit log.
    granted_by         VARCHAR(63)  NOT NULL,
    revoked_at         DATETIME(6)  NULL,
    revoked_by         VARCHAR(63)  NULL,
    revocation_reason  VARCHAR(2000) NULL,
    PRIMARY KEY (id),
    KEY mandate_by_agent (agent_id, principal_id),
    KEY mandate_by_principal (principal_id, agent_id),
    CONSTRAINT mandate_agent FOREIGN KEY (agent_id) REFERENCES organisation (id),
    CONSTRAINT mandate_principal FOREIGN KEY (principal_id) REFERENCES organisation (id),
    CONSTRAINT mandate_not_to_itself CHECK (agent_id <> principal_id),
    CONSTRAINT mandate_ends_after_start CHECK (valid_until IS NULL OR valid_until > valid_from),
    CONSTRAINT mandate_revocation_complete CHECK ((revoked_at IS NULL) = (revoked_by IS NULL)
        AND (revoked_at IS NULL) = (revocation_reason IS NULL))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The orders of a mandate that does not cover all of the principal's orders.
CREATE TABLE mandate_order (
    mandate_id CHAR(36) NOT NULL,
    order_id   CHAR(36) NOT NULL,
    PRIMARY KEY (mandate_id, order_id),
    KEY mandate_order_by_order (order_id),
    CONSTRAINT mandate_order_mandate FOREIGN KEY (mandate_id) REFERENCES mandate (id),
    CONSTRAINT mandate_order_order FOREIGN KEY (order_id) REFERENCES court_order (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Who filed a request as an organisation: the claimant itself, or the agent filing on its behalf.
-- Requests filed before agents existed were filed by their claimant.
ALTER TABLE delisting_request
    ADD COLUMN filed_by_organisation VARCHAR(63) NULL;
UPDATE delisting_request SET filed_by_organisation = claimant_id;
ALTER TABLE delisting_request
    MODIFY filed_by_organisation VARCHAR(63) NOT NULL,
    ADD CONSTRAINT request_filed_by_organisation FOREIGN KEY (filed_by_organisation) REFERENCES organisation (id),
    ADD KEY request_by_filer (filed_by_organisation, filed_at, id);
