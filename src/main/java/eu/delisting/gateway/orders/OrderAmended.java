package eu.delisting.gateway.orders;

import eu.delisting.gateway.deadlines.DeadlineTerms;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * Fired (synchronously, inside the amendment's transaction) when a new order version takes effect,
 * so that other features adapt their records: notices are cancelled, or start their deadlines.
 *
 * @param served addressees newly served, with the day, for SET_NOTIFICATION_DATE
 * @param terms   the order's time terms, for the deadlines of newly served addressees
 */
public record OrderAmended(String orderId, int version, AmendmentType type, Instant effectiveAt,
                           Map<String, LocalDate> served, DeadlineTerms terms) {
}
