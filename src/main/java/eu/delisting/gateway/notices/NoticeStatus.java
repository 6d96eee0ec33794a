package eu.delisting.gateway.notices;

import java.util.EnumSet;
import java.util.Set;

public enum NoticeStatus {
    /** The order has not been served on the addressee yet: no deadline runs. */
    PENDING_NOTIFICATION,
    PENDING,
    RECEIVED,
    DELISTED,
    REJECTED,
    /** The measure is over: relisting is permitted. */
    EXPIRED,
    /** The order was suspended or lifted. */
    CANCELLED;

    /** States in which a notice still stands: a second notice for the same URL would be a duplicate. */
    public static final Set<NoticeStatus> ACTIVE = EnumSet.of(PENDING_NOTIFICATION, PENDING, RECEIVED, DELISTED);

    /** States an engine reports through an acknowledgement. */
    public static final Set<NoticeStatus> ACKNOWLEDGEABLE = EnumSet.of(RECEIVED, DELISTED, REJECTED);

    public boolean isActive() {
        return ACTIVE.contains(this);
    }
}
