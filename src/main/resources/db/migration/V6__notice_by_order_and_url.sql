-- A co-claimant's request reads the notices of other claimants for its own URLs (sharedNotices):
-- found by order and canonical URL, not by scanning the order's notices.
CREATE INDEX notice_by_order_url ON notice (order_id, canonical_url(255));
