-- Notices stored in feed order: the feed position (seq, 8 bytes, handed out in commit order) becomes the
-- clustered key and the public id (a random UUID) a unique secondary key. New notices are appended at the
-- end of the table instead of being inserted at random places in it; an order's or an engine's notices,
-- filed together, are stored together; and each of the secondary indexes carries 8 bytes per entry to
-- reach the row instead of the 36 of the UUID. Reads by id take one more index step.
-- InnoDB rebuilds the table for this change: on a large existing table, run it in a maintenance window.
ALTER TABLE notice
    DROP PRIMARY KEY,
    ADD PRIMARY KEY (seq),
    ADD UNIQUE KEY notice_id (id),
    DROP INDEX notice_seq;
