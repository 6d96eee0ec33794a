-- The notice gauges (notices by addressee and state) are counted from this index alone: a scan of its
-- small entries, in its order, instead of a scan of the whole notice table that evicts the working set
-- from the buffer pool every refresh at millions of notices.
ALTER TABLE notice ADD KEY notice_by_addressee_state (addressee_id, status);
