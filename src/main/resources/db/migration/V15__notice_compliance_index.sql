-- An order's compliance figures read from one index, without reading the notices' rows: per addressee and
-- state the counts, the overdue and late ones, the first notice that can be overdue and the overdue series
-- over time, all from the order's entries of this index (about 90 bytes each, against a notice row of about
-- 1 KB); and the order's delisted notices (the delays from filing to delisting, the territories covered) found
-- by their state instead of by reading every notice of the order. The compliance page read each of the
-- order's rows up to six times (12 s for an order of 240,000 notices in the benchmark).
ALTER TABLE notice ADD KEY notice_compliance (order_id, status, addressee_id, overdue, late, due_at, created_at);
