-- The notice gauges (notices by addressee, state and overdue flag) are fed by the changes themselves instead
-- of being counted again on every replica at every refresh (at 10 million notices that count outlasted the
-- socket timeout). Every insert, delete, and change of a notice's state, addressee or overdue flag appends a
-- -1 for what the notice was and a +1 for what it is to notice_tally_change: a trigger, so no writer (the
-- gateway's batches, its entities, its sweeps, an operator's SQL) can forget it, and an append, so concurrent
-- writers never wait for each other on a shared counter. A fold (NoticeTally, every few seconds, one replica
-- at a time) adds the committed changes to notice_tally and removes them; the gauges read notice_tally, a
-- few rows per addressee.

CREATE TABLE notice_tally (
    addressee_id VARCHAR(63) NOT NULL,
    status       VARCHAR(30) NOT NULL,
    overdue      BOOLEAN     NOT NULL,
    notices      BIGINT      NOT NULL,
    PRIMARY KEY (addressee_id, status, overdue)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE notice_tally_change (
    id           BIGINT      NOT NULL AUTO_INCREMENT,
    addressee_id VARCHAR(63) NOT NULL,
    status       VARCHAR(30) NOT NULL,
    overdue      BOOLEAN     NOT NULL,
    delta        TINYINT     NOT NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- One row, locked by the fold while it moves changes into the tally: replicas fold in turns, each change once.
CREATE TABLE notice_tally_fold (
    id        INT         NOT NULL,
    folded_at DATETIME(6) NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB;
INSERT INTO notice_tally_fold (id) VALUES (1);

CREATE TRIGGER notice_tally_insert AFTER INSERT ON notice FOR EACH ROW
    INSERT INTO notice_tally_change (addressee_id, status, overdue, delta)
    VALUES (NEW.addressee_id, NEW.status, NEW.overdue, 1);

CREATE TRIGGER notice_tally_update AFTER UPDATE ON notice FOR EACH ROW
    INSERT INTO notice_tally_change (addressee_id, status, overdue, delta)
    SELECT OLD.addressee_id, OLD.status, OLD.overdue, -1 FROM DUAL
    WHERE NOT (OLD.status = NEW.status AND OLD.overdue = NEW.overdue AND OLD.addressee_id = NEW.addressee_id)
    UNION ALL
    SELECT NEW.addressee_id, NEW.status, NEW.overdue, 1 FROM DUAL
    WHERE NOT (OLD.status = NEW.status AND OLD.overdue = NEW.overdue AND OLD.addressee_id = NEW.addressee_id);

CREATE TRIGGER notice_tally_delete AFTER DELETE ON notice FOR EACH ROW
    INSERT INTO notice_tally_change (addressee_id, status, overdue, delta)
    VALUES (OLD.addressee_id, OLD.status, OLD.overdue, -1);

-- The notices already stored, counted once. Notices written by another replica while this migration runs
-- (between the triggers' creation and this count) would be counted twice: run it with the gateway stopped.
INSERT INTO notice_tally (addressee_id, status, overdue, notices)
SELECT addressee_id, status, overdue, COUNT(*) FROM notice GROUP BY addressee_id, status, overdue;
