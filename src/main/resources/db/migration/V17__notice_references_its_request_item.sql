-- A notice no longer copies its URL: the filed URL, its canonical form and the scope entry that admitted it are
-- stored once, in the request item the notice was issued for (request_id, item_position), instead of once for
-- each addressee. What the notice keeps of the URL is the SHA-256 of its canonical form (url_hash), the key of
-- the one-active-notice rule and of a co-claimant's lookup by URL.
-- InnoDB rebuilds the notice table for this change: on a large existing table, run it in a maintenance window.

-- Every notice must find the request item with its canonical URL: if one does not, stop here, before any change
-- (the CHECK refuses the count, "Check constraint ... failed").
CREATE TEMPORARY TABLE v17_notices_without_item (notices BIGINT NOT NULL, CHECK (notices = 0));
INSERT INTO v17_notices_without_item
SELECT COUNT(*) FROM notice n
WHERE NOT EXISTS (SELECT 1 FROM request_item i WHERE i.request_id = n.request_id AND i.canonical_url = n.canonical_url);
DROP TEMPORARY TABLE v17_notices_without_item;

ALTER TABLE notice
    ADD COLUMN item_position INT NULL AFTER request_id,
    ADD COLUMN url_hash VARCHAR(64) NULL AFTER item_position;

-- Each notice stored so far was issued for the first item of its request with its canonical URL (the request's
-- later items with the same canonical URL are duplicates and have no notices of their own).
UPDATE notice n
    JOIN (SELECT request_id, canonical_url, MIN(position) AS position
          FROM request_item GROUP BY request_id, canonical_url) i
      ON i.request_id = n.request_id AND i.canonical_url = n.canonical_url
SET n.item_position = i.position, n.url_hash = SHA2(n.canonical_url, 256);

ALTER TABLE notice
    DROP INDEX notice_active,
    DROP INDEX notice_by_order_url,
    DROP INDEX notice_request,
    DROP COLUMN active_url_hash,
    DROP COLUMN filed_url,
    DROP COLUMN canonical_url,
    DROP COLUMN matched_kind,
    DROP COLUMN matched_value,
    MODIFY item_position INT NOT NULL,
    MODIFY url_hash VARCHAR(64) NOT NULL,
    ADD KEY notice_request (request_id, item_position, seq);

-- The active-URL key, derived by the database from the status as before (V5), now from the stored hash. A
-- VARCHAR: MariaDB refuses a generated column over a CHAR column (its value would hang on PAD_CHAR_TO_FULL_LENGTH).
ALTER TABLE notice
    ADD COLUMN active_url_hash VARCHAR(64)
        AS (IF(status IN ('PENDING_NOTIFICATION', 'PENDING', 'RECEIVED', 'DELISTED'), url_hash, NULL)) STORED,
    ADD UNIQUE KEY notice_active (order_id, addressee_id, active_url_hash),
    ADD KEY notice_by_order_url (order_id, url_hash),
    ADD CONSTRAINT notice_item FOREIGN KEY (request_id, item_position) REFERENCES request_item (request_id, position);
