package eu.delisting.gateway.events;

public enum EventType {
    /** A notice was issued to the engine. */
    NOTICE_CREATED,
    /** A notice passed its due instant without being delisted or rejected. */
    NOTICE_OVERDUE,
    /** The measure ended, or the order was suspended or lifted: the engine may relist the URL. */
    RELIST_PERMITTED,
    /** A new version of the order took effect. */
    ORDER_AMENDED,
    /** The engine acknowledged a notice (received, delisted or rejected): to the notice's claimant. */
    NOTICE_ACKNOWLEDGED
}
