-- Invariants the database holds itself, whatever the application does: known status values, the
-- foreign keys a record needs to make sense, one active notice per order, addressee and URL derived
-- from the status (never left to the code), and one pending mirror proposal per order and domain.

-- A notice that was rejected and later reported delisted went back to an active status with no
-- active-URL hash. A rejection now closes a notice (later acknowledgements are kept as evidence but
-- do not move it); rows left in that state take the status the rule gives them.
UPDATE notice SET status = 'REJECTED'
WHERE status IN ('PENDING_NOTIFICATION', 'PENDING', 'RECEIVED', 'DELISTED') AND active_url_hash IS NULL;

-- The active-URL hash is derived from the status by the database: an active notice always has it,
-- a closed one never does, so the unique key below holds the "one active notice" rule by itself.
ALTER TABLE notice DROP INDEX notice_active;
ALTER TABLE notice DROP COLUMN active_url_hash;
ALTER TABLE notice ADD COLUMN active_url_hash CHAR(64)
    AS (IF(status IN ('PENDING_NOTIFICATION', 'PENDING', 'RECEIVED', 'DELISTED'), SHA2(canonical_url, 256), NULL))
    STORED;
ALTER TABLE notice ADD UNIQUE KEY notice_active (order_id, addressee_id, active_url_hash);

ALTER TABLE notice
    ADD CONSTRAINT notice_status_known CHECK (status IN
        ('PENDING_NOTIFICATION', 'PENDING', 'RECEIVED', 'DELISTED', 'REJECTED', 'EXPIRED', 'CANCELLED')),
    -- A notice the engine must act on has its deadline.
    ADD CONSTRAINT notice_pending_has_deadline CHECK (status <> 'PENDING' OR due_at IS NOT NULL),
    ADD CONSTRAINT notice_claimant FOREIGN KEY (claimant_id) REFERENCES organisation (id),
    ADD CONSTRAINT notice_addressee FOREIGN KEY (addressee_id) REFERENCES organisation (id);

ALTER TABLE acknowledgement
    ADD CONSTRAINT acknowledgement_status_known CHECK (status IN ('RECEIVED', 'DELISTED', 'REJECTED')),
    ADD CONSTRAINT acknowledgement_reason CHECK ((status = 'REJECTED') = (reason_code IS NOT NULL)),
    ADD CONSTRAINT acknowledgement_organisation FOREIGN KEY (organisation_id) REFERENCES organisation (id);

ALTER TABLE event
    ADD CONSTRAINT event_organisation FOREIGN KEY (organisation_id) REFERENCES organisation (id);

ALTER TABLE court_order
    ADD CONSTRAINT court_order_status_known CHECK (status IN ('ACTIVE', 'SUSPENDED', 'LIFTED', 'EXPIRED')),
    ADD CONSTRAINT court_order_version_positive CHECK (version >= 1);

ALTER TABLE organisation
    ADD CONSTRAINT organisation_kind_known CHECK (kind IN
        ('RIGHTS_HOLDER', 'SEARCH_ENGINE', 'AUDITOR', 'AUTHORITY', 'OPERATOR'));

ALTER TABLE mirror_proposal
    ADD CONSTRAINT mirror_status_known CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED')),
    ADD CONSTRAINT mirror_decided CHECK ((status = 'PENDING') = (decided_at IS NULL)),
    ADD CONSTRAINT mirror_proposer FOREIGN KEY (proposed_by) REFERENCES organisation (id),
    ADD COLUMN pending_domain VARCHAR(255) AS (IF(status = 'PENDING', domain, NULL)) STORED,
    ADD UNIQUE KEY mirror_one_pending (order_id, pending_domain);

-- Requests with the same Idempotency-Key queue on one of these rows (chosen by a hash of the
-- organisation, operation and key) before claiming the key: racing retries then wait for each other
-- instead of deadlocking on the key's own insert.
CREATE TABLE idempotency_lock (
    stripe INT NOT NULL,
    PRIMARY KEY (stripe)
) ENGINE = InnoDB;
INSERT INTO idempotency_lock (stripe) VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9), (10), (11), (12), (13), (14), (15), (16), (17), (18), (19), (20), (21), (22), (23), (24), (25), (26), (27), (28), (29), (30), (31), (32), (33), (34), (35), (36), (37), (38), (39), (40), (41), (42), (43), (44), (45), (46), (47), (48), (49), (50), (51), (52), (53), (54), (55), (56), (57), (58), (59), (60), (61), (62), (63);
