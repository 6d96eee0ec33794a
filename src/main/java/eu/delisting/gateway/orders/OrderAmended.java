package eu.delisting.gateway.orders;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.Map;

/**
 * Fired (synchronously, inside the amendment's transaction) when a new order version takes effect,
 * so that other features adapt their records: notices are cancelled, or start their deadlines.
 *
 * @param served addressees newly served, with the day, for SET_NOTIFICATION_DATE
 */
public record OrderAmended(String orderId, int version, AmendmentType type, Instant effectiveAt,
                           Map<String, LocalDate> served, int complianceDays, Period duration, ZoneId timezone) {
}
