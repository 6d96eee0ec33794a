package eu.delisting.gateway.events;

import java.util.Map;

/** One event for one organisation's feed. */
public record NewEvent(String organisation, EventType type, String orderId, String noticeId, Map<String, ?> payload) {
}
