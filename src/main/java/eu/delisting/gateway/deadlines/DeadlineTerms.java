package eu.delisting.gateway.deadlines;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;

/** An order's time terms: days to comply, how long the measure lasts, and the zone its days are counted in. */
public record DeadlineTerms(int complianceDays, Period duration, ZoneId timezone) {

    /** When a URL filed at {@code filedAt} is due from an addressee served on {@code notifiedOn}. */
    public Instant dueAt(LocalDate notifiedOn, Instant filedAt) {
        return Deadlines.dueAt(notifiedOn, filedAt, complianceDays, timezone);
    }

    /** When the measure ends for an addressee served on {@code notifiedOn}. */
    public Instant measureEndsAt(LocalDate notifiedOn) {
        return Deadlines.measureEndsAt(notifiedOn, complianceDays, duration, timezone);
    }
}
