-- The notice gauges (notices by addressee and state) are fed by the notices' changes instead of being counted
-- again on every replica at every refresh (at 10 million notices that count outlasted the socket timeout).
-- Changes are appended to notice_tally_change: +n per addressee and state for the notices a filing inserts (the
-- gateway's one insert path writes them beside its batch, a few rows a filing), and -1 for what a notice was and
-- +1 for what it is whenever its state or addressee changes or it is deleted (the triggers below, so no writer,
-- the gateway's entities, batches and sweeps or an operator's SQL, can forget it). Appends, so concurrent writers
-- never wait for each other on a shared counter. A fold (NoticeTally, every few seconds, one replica at a time)
-- adds the committed changes to notice_tally and removes them; the gauges read notice_tally, a few rows per
-- addressee. notice_tally starts uncounted (counted_at NULL): the first fold counts the notices from one
-- consistent snapshot, with the changes that snapshot sees, so notices written while this migration runs are
-- counted once. Setting counted_at back to NULL has the next fold count them again (after a bulk load by SQL).

CREATE TABLE notice_tally (
    addressee_id VARCHAR(63) NOT NULL,
    status       VARCHAR(30) NOT NULL,
    notices      BIGINT      NOT NULL,
    PRIMARY KEY (addressee_id, status)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE notice_tally_change (
    id           BIGINT      NOT NULL AUTO_INCREMENT,
    addressee_id VARCHAR(63) NOT NULL,
    status       VARCHAR(30) NOT NULL,
    delta        INT         NOT NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- One row, locked by the fold while it moves changes into the tally: replicas fold in turns, each change once.
CREATE TABLE notice_tally_fold (
    id         INT         NOT NULL,
    counted_at DATETIME(6) NULL,
    folded_at  DATETIME(6) NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB;
INSERT INTO notice_tally_fold (id) VALUES (1);

-- A compound body with a plain multi-row VALUES: a simple insert, which takes InnoDB's light auto-increment
-- mutex rather than the table-level lock an INSERT ... SELECT would hold to the end of the statement.
DELIMITER //
CREATE TRIGGER notice_tally_update AFTER UPDATE ON notice FOR EACH ROW
BEGIN
    IF NOT (OLD.status = NEW.status AND OLD.addressee_id = NEW.addressee_id) THEN
        INSERT INTO notice_tally_change (addressee_id, status, delta)
        VALUES (OLD.addressee_id, OLD.status, -1), (NEW.addressee_id, NEW.status, 1);
    END IF;
END//

CREATE TRIGGER notice_tally_delete AFTER DELETE ON notice FOR EACH ROW
BEGIN
    INSERT INTO notice_tally_change (addressee_id, status, delta) VALUES (OLD.addressee_id, OLD.status, -1);
END//
DELIMITER ;
