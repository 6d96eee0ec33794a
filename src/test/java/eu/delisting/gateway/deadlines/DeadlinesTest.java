package eu.delisting.gateway.deadlines;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class DeadlinesTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            served before filing: the filing day counts        | 2026-11-20 | 2026-11-23T09:00:00Z | 15 | 2026-12-08T22:59:59.999Z
            served after filing: the notification day counts   | 2026-11-25 | 2026-11-23T09:00:00Z | 15 | 2026-12-10T22:59:59.999Z
            the filing day is read in the order's time zone    | 2026-11-20 | 2026-11-22T23:30:00Z | 15 | 2026-12-08T22:59:59.999Z
            due on the day summer time starts (23-hour day)    | 2027-03-13 | 2027-03-13T08:00:00Z | 15 | 2027-03-28T21:59:59.999Z
            due on the day summer time ends (25-hour day)      | 2026-10-10 | 2026-10-10T08:00:00Z | 15 | 2026-10-25T22:59:59.999Z
            across a month end                                 | 2027-01-31 | 2027-01-31T10:00:00Z | 15 | 2027-02-15T22:59:59.999Z
            across a leap day                                  | 2028-02-20 | 2028-02-20T10:00:00Z | 15 | 2028-03-06T22:59:59.999Z
            no grace: zero compliance days ends the same day   | 2026-11-23 | 2026-11-23T10:00:00Z | 0  | 2026-11-23T22:59:59.999Z
            """)
    void dueInstantIsTheEndOfTheLastDayInTheOrdersZone(String rule, LocalDate notifiedOn, Instant filedAt, int days,
                                                       Instant expected) {
        assertThat(Deadlines.dueAt(notifiedOn, filedAt, days, PARIS)).as(rule).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            one year after the compliance period, winter        | 2026-11-20 | 15 | P1Y | 2027-12-05T22:59:59.999Z
            one year ending in summer time                      | 2026-06-01 | 15 | P1Y | 2027-06-16T21:59:59.999Z
            a period ending on a month end                      | 2027-01-16 | 15 | P1M | 2027-02-28T22:59:59.999Z
            """)
    void measureEndIsTheComplianceDeadlinePlusTheDuration(String rule, LocalDate notifiedOn, int days, String duration,
                                                           Instant expected) {
        assertThat(Deadlines.measureEndsAt(notifiedOn, days, Period.parse(duration), PARIS)).as(rule).isEqualTo(expected);
    }
}
