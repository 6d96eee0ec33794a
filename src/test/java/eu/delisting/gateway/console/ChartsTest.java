package eu.delisting.gateway.console;

import eu.delisting.gateway.compliance.ComplianceService;
import eu.delisting.gateway.notices.NoticeStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ChartsTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private static ComplianceService.NoticeLine line(String engine, NoticeStatus status, Instant created, Instant due,
                                                     Instant delisted) {
        return new ComplianceService.NoticeLine("n-" + engine + created + due, engine, "https://a.example/", "https://a.example/",
                status, created, due, due != null && NOW.isAfter(due) && delisted == null, false, delisted, Set.of("FR"),
                false, delisted == null ? 0 : 1, "");
    }

    private static ComplianceService.AddresseeCompliance engine(String name) {
        return new ComplianceService.AddresseeCompliance(name, 0, new EnumMap<>(NoticeStatus.class), 0, 0, 0,
                new ComplianceService.DurationStats(null, null, null, null), 0);
    }

    @Test
    void theOverdueChartCountsPerEngineAndDayTheNoticesPastDueAndNotYetDelisted() {
        Instant filed = NOW.minus(Duration.ofDays(20));
        Instant due = NOW.minus(Duration.ofDays(5));
        ComplianceService.Report report = new ComplianceService.Report("o", "ref", 1, NOW, Set.of("FR"),
                List.of(engine("google"), engine("yahoo")),
                List.of(line("google", NoticeStatus.PENDING, filed, due, null),
                        line("google", NoticeStatus.RECEIVED, filed, due, null),
                        line("google", NoticeStatus.DELISTED, filed, due, NOW.minus(Duration.ofDays(2))),
                        line("yahoo", NoticeStatus.DELISTED, filed, due, due.minus(Duration.ofDays(1))),
                        line("yahoo", NoticeStatus.CANCELLED, filed, due, null)));
        String svg = ConsoleResource.overdueChart(report, Texts.of("en"));

        assertThat(svg).startsWith("<svg").contains("role=\"img\"").contains("overdue-chart-title");
        // Today: google has two still overdue (the third was delisted two days ago); yahoo none (delisted in time,
        // and a cancelled notice is left out).
        assertThat(svg).contains("<title>google: 2 </title>").contains("<title>yahoo: 0 </title>");
        // Its peak was three, between falling due and the third's delisting.
        assertThat(svg).contains(">3</text>");
        assertThat(svg).contains(">2026-11-11</text>").contains(">2026-12-01</text>");
    }

    @Test
    void nothingDueDrawsNoOverdueChart() {
        ComplianceService.Report report = new ComplianceService.Report("o", "ref", 1, NOW, Set.of("FR"),
                List.of(engine("google")), List.of(line("google", NoticeStatus.PENDING_NOTIFICATION, NOW, null, null)));
        assertThat(ConsoleResource.overdueChart(report, Texts.of("en"))).isEmpty();
    }

    @Test
    void everyTextInAChartIsEscaped() {
        String svg = Charts.bars("c\"><script>", "<b>title</b>", "a & b", List.of(new Charts.Series("<i>s</i>", "#000000")),
                List.of(new Charts.Group("<img src=x onerror=alert(1)>", List.of(1.0))), "h");
        assertThat(svg).doesNotContain("<script>").doesNotContain("<img").doesNotContain("<b>").doesNotContain("<i>");
        assertThat(svg).contains("&lt;img src=x onerror=alert(1)&gt;").contains("a &amp; b");
    }
}
