package eu.delisting.gateway.compliance;

import eu.delisting.gateway.notices.DeadlineSweeper;
import eu.delisting.gateway.notices.NoticeStatus;
import eu.delisting.gateway.support.Api;
import eu.delisting.gateway.support.TestClock;
import eu.delisting.gateway.tenants.Caller;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static eu.delisting.gateway.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The summary the console draws is aggregated by the database; the report of the API computes the same figures
 * from its notice lines. On an order with every kind of notice (delisted at once, delisted after days and again
 * for fewer territories, delisted late, rejected after a delisting, rejected, still pending), both agree, and the
 * distribution and the overdue series count what happened day by day.
 */
@QuarkusTest
class ComplianceSummaryTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Inject
    TestClock clock;
    @Inject
    ComplianceService compliance;
    @Inject
    DeadlineSweeper sweeper;
    @Inject
    com.fasterxml.jackson.databind.ObjectMapper json;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private void acknowledge(String engine, String notice, String status, List<String> territories) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("status", status, "effectiveAt", clock.instant().toString()));
        if (territories != null) {
            body.put("territories", territories);
        }
        if (status.equals("REJECTED")) {
            body.put("reasonCode", "NOT_IN_SCOPE");
        }
        as(engine, "search-engine").body(body).post("/api/v1/notices/" + notice + "/acknowledgements")
                .then().statusCode(201);
    }

    private static List<Long> buckets(long... delays) {
        Long[] counts = new Long[ComplianceService.DELAY_BUCKETS.size() + 1];
        java.util.Arrays.fill(counts, 0L);
        for (long delay : delays) {
            int bucket = 0;
            while (bucket < ComplianceService.DELAY_BUCKETS.size()
                    && delay > ComplianceService.DELAY_BUCKETS.get(bucket).toSeconds()) {
                bucket++;
            }
            counts[bucket]++;
        }
        return List.of(counts);
    }

    @Test
    void theDatabasesFiguresAreTheReportsAndCountTheDelaysAndTheOverdueNoticesOfEachDay() throws java.io.IOException {
        // Instants with milliseconds: delays are whole seconds, cut, never rounded.
        clock.freezeAt(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plusMillis(400));
        Instant filed = clock.instant();
        Api.Parties parties = Api.parties(1, 2);
        String order = Api.issueOrder(parties, "allostreaming.com");
        String google = parties.engines().get(0);
        String bing = parties.engines().get(1);
        Api.file(parties.claimant(), order, "https://allostreaming.com/1", "https://allostreaming.com/2",
                "https://allostreaming.com/3", "https://allostreaming.com/4", "https://allostreaming.com/5");
        List<String> g = as(google, "search-engine").get("/api/v1/notices?orderId=" + order).path("items.id");
        List<String> b = as(bing, "search-engine").get("/api/v1/notices?orderId=" + order).path("items.id");
        // Due at the end of a day in Paris (23:59:59.999, the order's time zone).
        Instant due = Instant.parse(as(google, "search-engine").get("/api/v1/notices/" + g.get(0)).path("dueAt"));
        assertThat(due).isAfter(filed.plus(Duration.ofDays(4)));

        acknowledge(google, g.get(0), "DELISTED", List.of("FR"));            // at once
        acknowledge(google, g.get(1), "RECEIVED", null);
        acknowledge(bing, b.get(4), "REJECTED", null);
        clock.freezeAt(filed.plus(Duration.ofDays(2).plusHours(3)).minusMillis(300));
        acknowledge(google, g.get(1), "DELISTED", List.of("FR"));            // after 2 days 3 hours less 0.3 s
        acknowledge(google, g.get(2), "DELISTED", List.of("FR"));
        clock.freezeAt(clock.instant().plus(Duration.ofHours(1)));
        acknowledge(google, g.get(1), "DELISTED", List.of("BE"));            // again, for fewer territories: a gap
        acknowledge(google, g.get(2), "REJECTED", null);                     // rejected after its delisting
        clock.freezeAt(filed.plus(Duration.ofDays(4)));
        acknowledge(google, g.get(3), "DELISTED", List.of("FR"));            // after 4 days
        clock.freezeAt(due.plus(Duration.ofMinutes(31)));
        acknowledge(bing, b.get(1), "DELISTED", List.of("FR"));              // late: 00:30 in Paris the next day
        clock.freezeAt(due.plus(Duration.ofDays(1)));
        sweeper.sweep();                                                     // flags the undone ones overdue
        clock.freezeAt(due.plus(Duration.ofDays(5)));
        acknowledge(bing, b.get(0), "DELISTED", List.of("FR"));              // late: 5 days past due
        clock.freezeAt(due.plus(Duration.ofDays(25)));

        Caller operator = Caller.recorded("operator", "operator-test", Set.of("operator"));
        ComplianceService.Summary summary = compliance.summary(order, operator);
        java.io.ByteArrayOutputStream written = new java.io.ByteArrayOutputStream();
        compliance.jsonExport(order, operator).writeTo(written);
        List<ComplianceService.AddresseeCompliance> reported = json.readValue(json.readTree(written.toByteArray())
                .get("addressees").traverse(json), new com.fasterxml.jackson.core.type.TypeReference<>() {
                });

        assertThat(summary.addressees()).isEqualTo(reported);
        ComplianceService.AddresseeCompliance googles = summary.addressees().stream()
                .filter(a -> a.addressee().equals(google)).findFirst().orElseThrow();
        assertThat(googles.notices()).isEqualTo(5);
        assertThat(googles.byStatus()).containsEntry(NoticeStatus.DELISTED, 3).containsEntry(NoticeStatus.REJECTED, 1)
                .containsEntry(NoticeStatus.PENDING, 1);
        assertThat(googles.delisted()).isEqualTo(3);
        assertThat(googles.coverageGaps()).isEqualTo(1);
        assertThat(googles.overdue()).isEqualTo(1);
        long twoDaysThreeHours = Duration.ofDays(2).plusHours(3).toSeconds() - 1;   // 0.3 s short: cut to the second
        // Nearest rank of three: the median is the second (ceil(1.5)), the 95th percentile the third.
        assertThat(googles.filingToDelisting().medianSeconds()).isEqualTo(twoDaysThreeHours);
        assertThat(googles.filingToDelisting().p95Seconds()).isEqualTo(Duration.ofDays(4).toSeconds());
        ComplianceService.AddresseeCompliance bings = summary.addressees().stream()
                .filter(a -> a.addressee().equals(bing)).findFirst().orElseThrow();
        assertThat(bings.late()).isEqualTo(2);
        // The one delisted 5 days late was overdue when swept and stays counted; two are still pending.
        assertThat(bings.overdue()).isEqualTo(3);
        long bingsFirst = Duration.between(filed, due.plus(Duration.ofMinutes(31))).toSeconds();
        long bingsSecond = Duration.between(filed, due.plus(Duration.ofDays(5))).toSeconds();
        assertThat(bings.filingToDelisting().medianSeconds()).isEqualTo(bingsFirst);
        assertThat(bings.filingToDelisting().p95Seconds()).isEqualTo(bingsSecond);

        assertThat(summary.delays()).extracting(ComplianceService.DelayDistribution::addressee)
                .containsExactlyElementsOf(summary.addressees().stream().map(ComplianceService.AddresseeCompliance::addressee).toList());
        assertThat(summary.delays().stream().filter(d -> d.addressee().equals(google)).findFirst().orElseThrow().notices())
                .isEqualTo(buckets(0, twoDaysThreeHours, Duration.ofDays(4).toSeconds()))
                .containsExactly(1L, 1L, 1L, 0L, 0L, 0L);
        assertThat(summary.delays().stream().filter(d -> d.addressee().equals(bing)).findFirst().orElseThrow().notices())
                .isEqualTo(buckets(bingsFirst, bingsSecond));

        // Overdue at the end of each day in Paris, from the filing day to today: none before the due day; at its
        // end (midnight in Paris) google's pending one and all four of bing's, the one delisted at 00:30 too
        // (with days ending at midnight UTC it would not count); today google's one and bing's two pending.
        ComplianceService.OverdueSeries overdue = summary.overdue();
        LocalDate first = filed.atZone(PARIS).toLocalDate();
        LocalDate today = clock.instant().atZone(PARIS).toLocalDate();
        assertThat(overdue.days().get(0)).isEqualTo(first);
        assertThat(overdue.days().get(overdue.days().size() - 1)).isEqualTo(today);
        int dueDay = overdue.days().indexOf(due.atZone(PARIS).toLocalDate());
        assertThat(dueDay).isPositive();
        assertThat(overdue.counts().get(google).get(dueDay - 1)).isZero();
        assertThat(overdue.counts().get(bing).get(dueDay - 1)).isZero();
        assertThat(overdue.counts().get(google).get(dueDay)).isEqualTo(1);
        assertThat(overdue.counts().get(bing).get(dueDay)).isEqualTo(4);
        assertThat(overdue.counts().get(bing).get(dueDay + 1)).isEqualTo(3);
        assertThat(overdue.counts().get(google).get(overdue.days().size() - 1)).isEqualTo(1);
        assertThat(overdue.counts().get(bing).get(overdue.days().size() - 1)).isEqualTo(2);
    }
}
