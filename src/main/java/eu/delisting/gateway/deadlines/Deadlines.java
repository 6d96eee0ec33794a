package eu.delisting.gateway.deadlines;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;

/**
 * The time rules of a court order (DESIGN section 4, "Time"). Pure: callers pass the instants.
 * Days are calendar days in the order's time zone; "end of day" is the last millisecond before the
 * next day starts there, which stays right across daylight-saving changes (a 23- or 25-hour day).
 */
public final class Deadlines {

    /**
     * How far an instant a client reports (an acknowledgement's or an amendment's {@code effectiveAt}) may be
     * ahead of the gateway's clock, or an acknowledgement before its notice: clocks of two systems differ.
     */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private Deadlines() {
    }

    /** End of day of {@code max(notifiedOn, day filed) + complianceDays}. */
    public static Instant dueAt(LocalDate notifiedOn, Instant filedAt, int complianceDays, ZoneId zone) {
        LocalDate filedOn = LocalDate.ofInstant(filedAt, zone);
        LocalDate start = filedOn.isAfter(notifiedOn) ? filedOn : notifiedOn;
        return endOfDay(start.plusDays(complianceDays), zone);
    }

    /** End of day of {@code notifiedOn + complianceDays}, plus the measure's duration. */
    public static Instant measureEndsAt(LocalDate notifiedOn, int complianceDays, Period duration, ZoneId zone) {
        return endOfDay(notifiedOn.plusDays(complianceDays).plus(duration), zone);
    }

    public static Instant endOfDay(LocalDate day, ZoneId zone) {
        return day.plusDays(1).atStartOfDay(zone).toInstant().minusMillis(1);
    }
}
